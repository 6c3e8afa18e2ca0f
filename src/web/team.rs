//! The team pack and the team's dashboard at the browser boundary: JSON and bytes in, JSON out.
//! Everything that decides is in `team` and `team_insights`; Options and the dashboard show it.

use wasm_bindgen::prelude::*;

use crate::team_insights::TeamReader;

fn or_error(r: crate::Result<String>) -> String {
    r.unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}

/// The agent's state (a `TeamPack` as JSON) as the pack to export: `Exported`, or `{"error"}`.
#[wasm_bindgen]
pub fn team_export(local: &str) -> String {
    or_error(crate::team::export_json(local))
}

/// What importing the pack file `incoming` would change: `ImportPlan`, or `{"error"}`.
#[wasm_bindgen]
pub fn team_plan(local: &str, incoming: &str, previous: &str) -> String {
    or_error(crate::team::plan_json(local, incoming, previous))
}

/// The team's dashboard, one export at a time (the page shows progress between them).
#[wasm_bindgen]
pub struct TeamDashboard {
    reader: Option<TeamReader>,
}

#[wasm_bindgen]
impl TeamDashboard {
    /// `filter` as `dashboard_insights` takes it; `labels`: a row per export.
    #[wasm_bindgen(constructor)]
    pub fn new(filter: &str, labels: bool) -> Result<TeamDashboard, JsValue> {
        let f = crate::team_insights::filter_json(filter);
        let f = f.map_err(|e| JsValue::from_str(&e.to_string()))?;
        let reader = Some(TeamReader::new(f, labels));
        Ok(TeamDashboard { reader })
    }

    /// Read one export's bytes; the error, if it could not be read.
    pub fn add(&mut self, bytes: &[u8], label: &str) -> Option<String> {
        let r = self.reader.as_mut()?;
        r.read_bytes(bytes, label).err().map(|e| e.to_string())
    }

    /// The team's `TeamInsights` as JSON (once).
    pub fn finish(&mut self) -> String {
        match self.reader.take() {
            Some(r) => or_error(serde_json::to_string(&r.finish()).map_err(Into::into)),
            None => serde_json::json!({ "error": "finished" }).to_string(),
        }
    }
}
