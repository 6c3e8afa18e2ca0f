//! Every message between the content script (in the host page) and the copilot panel (our
//! extension frame), defined once. The TypeScript declarations in `extension/protocol.d.ts` are
//! generated from these types by `cargo test` (see `tests::typescript_is_current`), and the content
//! script is type-checked against them, so the two sides cannot drift apart.
//!
//! The channel is a `chrome.runtime` port that the content script accepts only from our own panel
//! page; page scripts can neither read nor forge it.

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::conversation::Conversation;
use crate::kinds::CueKind;
use crate::suggest::Suggestions;

/// The port's name.
pub const PORT_NAME: &str = "duxin-panel";

/// How the content script is reading the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SiteStatus {
    /// The site profile in use ("pinduoduo", "zendesk", "generic"...), or "none".
    pub profile: String,
    /// Which fallback selector matched per field ("messages: #2"), so redeploys show up.
    pub matched: Vec<String>,
    pub host: String,
    /// A composer was found where a reply can be inserted.
    pub composer: bool,
    /// Set when Duxin runs on this page for this visit only (the agent pressed the panel shortcut
    /// on a site that is not enabled): the match pattern ("https://shop.example/*") that would
    /// enable the site for good, so the panel can offer it.
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_only: Option<String>,
}

/// Content script → panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPanel {
    /// The open conversation as read now (sent on every change).
    Snapshot { conversation: Conversation, site: SiteStatus },
    /// Nothing on this page looks like a conversation Duxin can read.
    NoConsole { site: SiteStatus },
    /// A keyboard command the agent pressed (forwarded by the stateless service worker).
    Command { name: String },
    /// Another Duxin panel now reads this page (Chrome's side panel opened beside the one in the
    /// page, or the other way round): this one stops, rather than show a reading that goes stale.
    Superseded,
    /// Result of an `Insert`.
    Inserted {
        ok: bool,
        /// The technique that worked ("paste", "exec_command", "value_setter", "clipboard").
        technique: String,
        #[cfg_attr(test, ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
}

/// One painted span: message index in the snapshot, UTF-16 offsets in that message's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Highlight {
    pub message: u32,
    pub start: u32,
    pub end: u32,
    pub kind: CueKind,
    /// One line shown on hover, in the agent's language.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InsertMode {
    /// At the caret (or at the end when the composer has no caret).
    Caret,
    /// Replace the whole draft.
    Replace,
}

/// Panel → content script. The content script only paints and inserts: it decides nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPage {
    /// Paint these spans (replacing earlier ones) and show these badges.
    Paint { highlights: Vec<Highlight> },
    /// Put this text into the composer. Never sends.
    Insert { text: String, mode: InsertMode },
    /// Ask for a fresh snapshot.
    Refresh,
    /// Put this text on the clipboard (the page has the focus when the agent uses a shortcut).
    Copy { text: String },
    /// The agent switched Duxin off for this site: remove every trace from the page.
    DisableSite,
    /// The agent will show Duxin this chat: a customer message, one of theirs, the reply box.
    Teach,
}

/// What the panel computes from a snapshot (also what `duxin analyze --json` prints beside the
/// suggestions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PanelModel {
    pub analysis: Analysis,
    pub suggestions: Suggestions,
}

/// Highlights for a snapshot's analysis, with reasons in the agent's language.
pub fn highlights(a: &Analysis, zh: bool) -> Vec<Highlight> {
    a.messages
        .iter()
        .flat_map(|m| {
            m.reading.cues.iter().map(move |c| Highlight {
                message: m.index,
                start: c.start,
                end: c.end,
                kind: c.kind,
                reason: if zh { c.reason_zh.clone() } else { c.reason_en.clone() },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ts_rs::{Config, TS};

    /// The generated TypeScript, in dependency order.
    fn typescript() -> String {
        let cfg = Config::new().with_large_int("number");
        let decls = [
            crate::conversation::Role::decl(&cfg),
            crate::conversation::Message::decl(&cfg),
            crate::conversation::Customer::decl(&cfg),
            crate::conversation::Order::decl(&cfg),
            crate::conversation::Conversation::decl(&cfg),
            crate::kinds::CueKind::decl(&cfg),
            crate::kinds::Intent::decl(&cfg),
            crate::kinds::Lang::decl(&cfg),
            crate::cues::Cue::decl(&cfg),
            crate::cues::Reading::decl(&cfg),
            crate::facts::FactKind::decl(&cfg),
            crate::facts::Fact::decl(&cfg),
            crate::analysis::MessageAnalysis::decl(&cfg),
            crate::analysis::SignalKind::decl(&cfg),
            crate::analysis::Signal::decl(&cfg),
            crate::analysis::RiskReason::decl(&cfg),
            crate::analysis::Risk::decl(&cfg),
            crate::analysis::MoodPoint::decl(&cfg),
            crate::analysis::Analysis::decl(&cfg),
            crate::learning::Outcome::decl(&cfg),
            crate::learning::Feedback::decl(&cfg),
            crate::learning::EntryStats::decl(&cfg),
            crate::learning::Said::decl(&cfg),
            crate::learning::Learned::decl(&cfg),
            crate::style::Address::decl(&cfg),
            crate::style::Style::decl(&cfg),
            crate::state::Ask::decl(&cfg),
            crate::state::Info::decl(&cfg),
            crate::state::Stage::decl(&cfg),
            crate::state::OpenRequest::decl(&cfg),
            crate::state::SaidKind::decl(&cfg),
            crate::state::AgentSaid::decl(&cfg),
            crate::state::State::decl(&cfg),
            crate::suggest::Slot::decl(&cfg),
            crate::suggest::Suggestion::decl(&cfg),
            crate::suggest::ExceptionKind::decl(&cfg),
            crate::suggest::ExceptionDraft::decl(&cfg),
            crate::suggest::Suggestions::decl(&cfg),
            SiteStatus::decl(&cfg),
            ToPanel::decl(&cfg),
            Highlight::decl(&cfg),
            InsertMode::decl(&cfg),
            ToPage::decl(&cfg),
            PanelModel::decl(&cfg),
        ];
        let mut out = String::from(
            "// Generated from src/protocol.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.\n\n",
        );
        for d in decls {
            out.push_str("export ");
            out.push_str(&d);
            out.push_str("\n\n");
        }
        out.push_str(&format!("export const PORT_NAME = \"{PORT_NAME}\";\n"));
        out
    }

    #[test]
    fn typescript_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/protocol.d.ts");
        let want = typescript().replace("export const PORT_NAME", "export declare const PORT_NAME");
        if std::env::var("UPDATE_PROTOCOL").is_ok() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(have == want, "extension/protocol.d.ts is out of date: run UPDATE_PROTOCOL=1 cargo test --lib protocol");
    }

    #[test]
    fn messages_round_trip_as_tagged_json() {
        let m = ToPage::Insert { text: "亲😀".into(), mode: InsertMode::Replace };
        let j = serde_json::to_string(&m).unwrap();
        assert_eq!(j, r#"{"type":"insert","text":"亲😀","mode":"replace"}"#);
        assert_eq!(serde_json::from_str::<ToPage>(&j).unwrap(), m);
        // Unknown message types from anywhere are rejected, not guessed.
        assert!(serde_json::from_str::<ToPage>(r#"{"type":"send","text":"x"}"#).is_err());
    }
}
