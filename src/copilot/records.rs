//! What the panel keeps in the local database: the open conversation's summary and the
//! suggestions shown per customer turn, the exception requests and their outcomes, the replies
//! the agent saves; and what it loads from there when it starts.

use super::learn::customer_name;
use super::slots::SlotValues;
use super::{Clock, Copilot, Draft, Note, Status};
use crate::analysis::Analyzer;
use crate::conversation::Role;
use crate::insights::{ExceptionRecord, SuggestionEvent};
use crate::json_lite::read;
use crate::knowledge::{CustomReply, Knowledge};
use crate::learning::Learned;

/// How many replies recorded as shown are remembered (about 600 customer turns).
const SHOWN_KEPT: usize = 2000;
/// A shown key: 16 hex digits and a space.
const KEY_LEN: usize = 17;

impl Copilot {
    /// A copilot with what this machine keeps for Duxin: `get(name)` is the stored string (empty
    /// when none) of the settings `policy`, `store_text` ("1" keeps masked texts) and `guard`, and
    /// of the database's `learned`, `style`, `products`, `kb_custom` (the shop's replies),
    /// `shown` and `guard_days`. A damaged value is skipped (said as a warning), never fatal.
    pub fn from_stored(zh: bool, get: impl Fn(&str) -> String) -> crate::Result<Self> {
        let mut c = Self {
            analyzer: Analyzer::new()?,
            knowledge: Knowledge::builtin()?,
            style: read(&get("style")).unwrap_or_default(),
            learned: Learned::from_json(&get("learned")),
            store_text: get("store_text") == "1",
            seen_agent: 0,
            pending: None,
            open_request: None,
            shown: shown_keys(&get("shown")),
            turn: String::new(),
            hidden: Vec::new(),
            conv_id: String::new(),
            site: String::new(),
            conversation: None,
            lang: None,
            draft: Draft::default(),
            effects: Vec::new(),
            model: None,
            status: Status::Connecting,
            visit_only: None,
            zh,
            selected: 0,
            note: None,
            slot_values: SlotValues::default(),
        };
        let guard: crate::guard::Settings = read(&get("guard")).unwrap_or_default();
        match crate::guard::Guard::with_settings(&guard) {
            Ok(mut g) => {
                // The wasm's packs carry no reasons: the panel reads them from guard-rules.json.
                g.set_reasons(&read::<Vec<_>>(&get("guard_reasons")).unwrap_or_default());
                c.draft.guard = Some(g);
            }
            Err(e) => c.warn(format!("duxin: draft check off: {e}")),
        }
        c.draft.words = guard.words;
        c.draft.days = read(&get("guard_days")).unwrap_or_default();
        c.load_knowledge(&get("policy"), &get("products"), &get("kb_custom"));
        // Without "keep texts", nothing but templates stays in the store (also what older
        // versions kept).
        if !c.store_text && c.learned.forget_texts() {
            let learned = std::mem::take(&mut c.learned);
            c.keep("learned", &learned);
            c.learned = learned;
        }
        Ok(c)
    }

    /// The shop's policy over the defaults, its product facts and its own replies.
    fn load_knowledge(&mut self, policy: &str, products: &str, custom: &str) {
        if let Ok(p) = read::<crate::knowledge::Policy>(policy) {
            self.knowledge.policy = p;
        }
        match crate::products::from_json(products) {
            Ok(list) => self.knowledge.products = list,
            Err(e) => self.warn(format!("duxin: skipped product facts: {e}")),
        }
        let custom = Knowledge::parse_custom(custom).unwrap_or_default();
        for p in self.knowledge.add_custom(&custom) {
            self.warn(format!("duxin: skipped custom reply {p}"));
        }
    }

    /// Keep the open conversation's summary (no text unless the agent chose to keep masked
    /// texts), and record the suggestions shown for a new customer turn.
    pub(super) fn remember_conversation(&mut self, key: String, clock: Clock) {
        let (Some(conv), Some(model)) = (self.conversation.as_ref(), self.model.as_ref()) else {
            return;
        };
        if !conv.messages.iter().any(|m| m.role == Role::Customer) {
            return;
        }
        let mut rec = crate::insights::record_of(conv, &model.analysis, clock.day);
        rec.id = key;
        rec.ts = clock.now;
        rec.site = self.site.clone();
        rec.style = crate::insights::style_label(&self.style);
        if self.store_text {
            rec.text = Some(crate::privacy::masked_lines(conv));
        }
        let entries: Vec<String> = model
            .suggestions
            .replies
            .iter()
            .map(|r| r.entry.clone())
            .collect();
        let shown = self.newly_shown(entries);
        if self.conv_id != rec.id {
            self.open_request = None;
        }
        self.conv_id = rec.id.clone();
        self.store("conversations", &rec);
        for entry in shown {
            self.suggestion_event(entry, SuggestionEvent::Shown, clock);
        }
    }

    /// The entries not recorded as shown for this customer turn yet (now recorded): one "shown"
    /// event per reply per turn, however often the page re-renders or the agent reloads it.
    fn newly_shown(&mut self, entries: Vec<String>) -> Vec<String> {
        let mut shown = Vec::new();
        for entry in entries {
            let key = crate::privacy::hash(&[&self.turn, &entry]) + " ";
            let keys = self.shown.as_bytes();
            if !keys.chunks(KEY_LEN).any(|k| k == key.as_bytes()) {
                self.shown.push_str(&key);
                shown.push(entry);
            }
        }
        if !shown.is_empty() {
            let keys = &mut self.shown;
            if keys.len() > SHOWN_KEPT * KEY_LEN {
                *keys = keys[keys.len() - SHOWN_KEPT * KEY_LEN..].to_owned();
            }
            let keys = self.shown.clone();
            self.keep("shown", &keys);
        }
        shown
    }

    /// The agent sent (or copied) the exception request: keep it as requested, once per
    /// conversation and kind, until the supervisor's answer is marked.
    pub(super) fn exception_requested(&mut self, clock: Clock) {
        if let Some((rec, true)) = self.open_request(clock) {
            self.store("exceptions", &rec);
        }
    }

    /// The open request for the exception shown now, and whether it was just opened.
    fn open_request(&mut self, clock: Clock) -> Option<(ExceptionRecord, bool)> {
        let kind = self.exception()?.kind;
        let kind = serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if let Some(r) = self.open_request.as_ref().filter(|r| r.kind == kind) {
            return Some((r.clone(), false));
        }
        let rec = ExceptionRecord {
            id: format!("{}:{}:{}", self.conv_id, kind, clock.now as u64),
            ts: clock.now,
            day: clock.day,
            conv: self.conv_id.clone(),
            lang: self.lang,
            kind,
            approved: None,
        };
        self.open_request = Some(rec.clone());
        Some((rec, true))
    }

    /// The supervisor answered an exception request: keep the outcome (for the approval rate).
    pub(super) fn exception_outcome(&mut self, approved: bool, clock: Clock) {
        let Some((mut rec, _)) = self.open_request(clock) else {
            return;
        };
        self.open_request = None;
        rec.approved = Some(approved);
        self.store("exceptions", &rec);
        self.note = Note::of(if approved {
            "exc_approved"
        } else {
            "exc_denied"
        });
    }

    /// "Save as reply": the agent's last sent message becomes one of the shop's replies, kept
    /// without this customer's data (their name becomes the pack's optional name, contact data a
    /// marker).
    pub(super) fn save_last_sent(&mut self, clock: Clock) {
        let Some(conv) = self.conversation.as_ref() else {
            return;
        };
        let Some(text) = conv
            .messages
            .iter()
            .rev()
            .find(|m| m.role == Role::Agent)
            .map(|m| m.text.trim())
        else {
            return;
        };
        let text =
            crate::privacy::mask(text, customer_name(conv)).replace("[name]", "{?name:{name}}");
        let model = self.model.as_ref();
        let reply = CustomReply {
            id: format!("my.{}", clock.now as u64),
            lang: self.lang.unwrap_or(crate::kinds::Lang::Zh),
            intent: model
                .and_then(|m| m.analysis.intent)
                .unwrap_or(crate::kinds::Intent::Other),
            text,
        };
        self.knowledge.add_custom(std::slice::from_ref(&reply));
        self.store("knowledge", &reply);
        self.note = Note::of("saved_reply");
        self.rerank();
    }
}

/// The stored `shown` keys (a JSON string of 17-byte keys: anything else there is dropped).
fn shown_keys(stored: &str) -> String {
    stored
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|s| s.is_ascii() && s.len() % KEY_LEN == 0)
        .unwrap_or_default()
        .to_owned()
}
