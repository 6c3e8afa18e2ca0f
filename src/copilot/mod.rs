//! The panel's decisions, native and tested (`cargo test`): a `Copilot` takes what the content
//! script reads (snapshots, drafts, results) and what the agent does in the panel (actions), and
//! keeps what to show (`view` builds it as a tree of plain nodes), what to paint in the page and
//! what to store, as `Effect`s the browser adapter (`src/web/`) carries out in order. It holds no
//! browser type: the time comes in as a `Clock`, the browser's storage comes out as JSON.

mod learn;
mod records;
pub mod slots;
pub mod view;

use crate::text::Lower;
use serde::Serialize;

use crate::analysis::{Analysis, Analyzer};
use crate::conversation::{Conversation, Role};
use crate::guard::{Finding, GuardDay, Kind, OwnWord};
use crate::insights::ExceptionRecord;
use crate::json_lite::{FromJson, Json};
use crate::kinds::Lang;
use crate::knowledge::Knowledge;
use crate::learning::Learned;
use crate::protocol::{highlights, InsertMode, PanelModel, SiteStatus, ToPage, ToPanel};
use crate::style::Style;
use slots::SlotValues;

/// Now (ms since 1970) and the agent's local day (days since 1970-01-01).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Clock {
    pub now: f64,
    pub day: i32,
}

impl Clock {
    /// The clock at `now` for an agent whose time zone is `offset_min` minutes behind UTC (as
    /// `Date.getTimezoneOffset` says it): the day turns at the agent's midnight, not UTC's.
    pub fn local(now: f64, offset_min: f64) -> Self {
        let day = ((now - offset_min * 60_000.0) / 86_400_000.0).floor() as i32;
        Clock { now, day }
    }
}

/// What the browser adapter does for the copilot, in this order.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Send this to the content script over the port.
    Page(ToPage),
    /// Keep this JSON under `key` in the database's key-value table.
    Keep { key: &'static str, json: String },
    /// Put this JSON record into a table of the local database.
    Store { table: &'static str, json: String },
    /// The panel copied this text: `write` puts it on the clipboard from the panel (a click there);
    /// either way it is marked as the last copied text.
    Copied { text: String, write: bool },
    /// Put the caret into this slot input (`entry#index`) once the panel is drawn.
    FocusSlot(String),
    /// Something stored could not be used: logged, never fatal.
    Warn(String),
    /// Open the team's dashboard in a new tab.
    OpenDashboard,
    /// Open the options page (where other sites are enabled).
    OpenOptions,
    /// Connect to the page again (the agent takes it back from another panel).
    Connect,
    /// Ask the browser for access to this site pattern (its own prompt, within the click); a
    /// refusal comes back as `Copilot::site_refused`.
    AskSite(String),
}

/// Where the panel stands with the page it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Connecting,
    Reading {
        profile: String,
        matched: Vec<String>,
        composer: bool,
    },
    /// Nothing read; `closed`: the page's chat is in a closed shadow root (said, not guessed).
    NoConsole {
        host: String,
        closed: bool,
    },
    /// No Duxin on the page this panel belongs to.
    NotHere,
    /// Another panel reads the page now.
    Superseded,
    /// The page went away.
    Disconnected,
}

/// A line at the panel's foot: a message key, and what follows it (an error's words).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub key: &'static str,
    pub detail: Option<String>,
}

impl Note {
    pub fn of(key: &'static str) -> Option<Self> {
        Some(Self { key, detail: None })
    }

    pub fn with(key: &'static str, detail: String) -> Option<Self> {
        Some(Self {
            key,
            detail: Some(detail),
        })
    }
}

/// The panel's strings of a locale the agent chose (that locale's `messages.json`). Typed, not a
/// `serde_json::Value`: the panel's wasm then carries no parser for arbitrary JSON.
#[derive(Debug, Clone, Default)]
pub struct Messages(Option<std::collections::BTreeMap<String, Message>>);

/// One entry of `messages.json` (its "description" is for translators).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(test, derive(PartialEq))]
pub struct Message {
    message: Option<String>,
}

impl crate::json_lite::FromJson for Message {
    fn from_json(j: &crate::json_lite::Json) -> Result<Self, String> {
        Ok(Message {
            message: j.field("message")?,
        })
    }
}

impl Messages {
    /// A damaged file chooses nothing (the browser's locale is used).
    pub fn parse(json: &str) -> Self {
        Self(Self::entries(
            &crate::json_lite::parse(json).unwrap_or(Json::Null),
        ))
    }

    /// The file's entries as serde reads the map: every value an entry, a repeated key the last.
    fn entries(j: &Json) -> Option<std::collections::BTreeMap<String, Message>> {
        let Json::Obj(fields) = j else {
            return None;
        };
        let entry = |(k, v): &(String, Json)| Some((k.clone(), Message::from_json(v).ok()?));
        fields.iter().map(entry).collect()
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get(key)?.message.clone()
    }

    /// A UI string: the chosen locale's, else the browser's (`browser`, zh_CN or en by its
    /// language), else the key itself (a missing string shows as what it is).
    pub fn text(&self, key: &str, browser: impl FnOnce(&str) -> String) -> String {
        let s = self.get(key).unwrap_or_else(|| browser(key));
        if s.is_empty() {
            key.to_string()
        } else {
            s
        }
    }
}

/// Whether the panel speaks Chinese: the options page's choice (`chosen`: "zh_CN", "en"), or
/// when it made none, the browser's language.
pub fn speaks_zh(chosen: &str, browser: &str) -> bool {
    match chosen {
        "" => browser.lower().starts_with("zh"),
        l => l.starts_with("zh"),
    }
}

/// What the agent can do in the panel (buttons and keyboard commands).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Insert the card at this index with its slots filled.
    Insert(usize),
    Dismiss(usize),
    /// Apply the fix of the draft finding at this index.
    Fix(usize),
    /// Insert the holding reply to the customer and copy the supervisor request.
    InsertHolding,
    CopySupervisor,
    /// The supervisor answered the exception request.
    Outcome(bool),
    /// Copy the conversation as `duxin analyze` JSON.
    Export,
    SaveReply,
    Teach,
    DisableSite,
    /// Browser-only doings, carried out by the adapter.
    OpenDashboard,
    OpenOptions,
    EnableSite,
    UseHere,
}

/// The last inserted suggestion, to learn from what the agent then sends.
#[derive(Debug, Clone)]
struct Pending {
    entry: String,
    text: String,
    /// Agent messages in the conversation when it was inserted.
    agent_messages: usize,
}

/// The draft check (issue 16): the packs with the shop's settings, its own words, the draft in
/// the composer as last read, and what the check found in it.
#[derive(Default)]
struct Draft {
    guard: Option<crate::guard::Guard>,
    words: Vec<OwnWord>,
    text: String,
    findings: Vec<Finding>,
    /// The last draft that was not empty and the kinds of its findings: when the agent's next
    /// message is that text, it was sent with them (counted for their dashboard).
    typed: Option<(String, Vec<Kind>)>,
    /// A fix was asked for and its result is awaited.
    fixing: bool,
    /// The agent's own drafts per day (kv `guard_days`): counts, never text.
    days: Vec<GuardDay>,
}

/// One panel's state and decisions.
pub struct Copilot {
    analyzer: Analyzer,
    knowledge: Knowledge,
    /// The agent's style learned over earlier conversations (or set in the settings).
    style: Style,
    /// What the agent did with earlier suggestions (kept in the database's `learned`).
    learned: Learned,
    /// The agent keeps (masked) conversation texts in the local database.
    store_text: bool,
    /// Agent messages of the open conversation already learned from.
    seen_agent: usize,
    pending: Option<Pending>,
    /// The exception request made in this conversation and not answered yet.
    open_request: Option<ExceptionRecord>,
    /// Replies recorded as shown: a key per customer turn and reply (16 hex digits, hashed), each
    /// followed by a space, newest last. Kept across reloads (the database's `kv` `shown`), so
    /// reloading a conversation counts nothing again.
    shown: String,
    /// The customer turn being answered (`turn_key`) and the entries the agent dismissed for it.
    turn: String,
    hidden: Vec<String>,
    /// The stored key of the open conversation and its site profile.
    conv_id: String,
    site: String,
    /// The conversation as last read from the page (for export and replay with `duxin analyze`),
    /// and its language.
    conversation: Option<Conversation>,
    lang: Option<Lang>,
    draft: Draft,
    effects: Vec<Effect>,
    /// What the panel shows.
    pub model: Option<PanelModel>,
    pub status: Status,
    /// Duxin runs on this page for this visit only: the pattern that would enable the site.
    pub visit_only: Option<String>,
    pub zh: bool,
    pub selected: usize,
    pub note: Option<Note>,
    /// What the agent typed into the suggestions' fill-in slots (this customer turn).
    pub slot_values: SlotValues,
}

impl Copilot {
    /// A copilot with the shipped packs and nothing learned (`zh`: the agent's language).
    pub fn new(zh: bool) -> crate::Result<Self> {
        Self::from_stored(zh, |_| String::new())
    }

    /// What to do now, in order (and forgotten here).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The open conversation as read (empty when nothing is read).
    pub fn conversation(&self) -> Option<&Conversation> {
        self.conversation.as_ref()
    }

    /// The open conversation as JSON in the `duxin analyze` format (empty when nothing is read).
    pub fn export(&self) -> String {
        let json = self.conversation.as_ref().map(serde_json::to_string);
        json.and_then(Result::ok).unwrap_or_default()
    }

    /// A key pressed in the panel: Alt+J / Alt+K cycle the suggestions, Alt+Enter inserts the
    /// selected one. Whether it was one of these (the panel then keeps it from the page).
    pub fn key(&mut self, key: &str, alt: bool, clock: Clock) -> bool {
        let offered = self
            .model
            .as_ref()
            .is_some_and(|m| !m.suggestions.replies.is_empty());
        let name = match key {
            _ if !alt || !offered => return false,
            "j" | "J" | "ArrowDown" => "next-suggestion",
            "k" | "K" | "ArrowUp" => "previous-suggestion",
            "Enter" => "insert-suggestion",
            _ => return false,
        };
        self.command(name, clock);
        true
    }

    /// The agent typed into a card's blank: the card's marks (text, class) and its Insert
    /// button (label, enabled) as they read now.
    pub fn fill_slot(
        &mut self,
        card: usize,
        slot: usize,
        value: String,
        msg: view::Msg,
    ) -> Option<view::CardState> {
        let s = self.model.as_ref()?.suggestions.replies.get(card)?.clone();
        self.slot_values.set(&s, slot, value);
        let values = self.slot_values.get(&s);
        let marks = slots::segments(&s)
            .into_iter()
            .filter_map(|(label, i)| Some(view::mark(&label, values.get(i?)?)))
            .collect();
        let insert = view::insert_label(&s, &values, msg);
        Some(view::CardState { marks, insert })
    }

    /// The draft as last read and what the check found in it.
    pub fn draft(&self) -> (&str, &[Finding]) {
        (&self.draft.text, &self.draft.findings)
    }

    fn page(&mut self, m: ToPage) {
        self.effects.push(Effect::Page(m));
    }

    fn keep(&mut self, key: &'static str, value: &impl Serialize) {
        let json = serde_json::to_string(value).unwrap_or_default();
        self.effects.push(Effect::Keep { key, json });
    }

    fn store(&mut self, table: &'static str, value: &impl Serialize) {
        let json = serde_json::to_string(value).unwrap_or_default();
        self.effects.push(Effect::Store { table, json });
    }

    /// A message from the content script as the port carried it (JSON: one parser for everything
    /// the wasm reads). A malformed message is dropped, never half-obeyed: only a warning says so.
    pub fn on_json(&mut self, json: &str, clock: Clock) {
        match ToPanel::from_json(json) {
            Ok(msg) => self.on_message(msg, clock),
            Err(e) => self.warn(format!("duxin: ignored malformed message: {e}")),
        }
    }

    /// A message from the content script.
    pub fn on_message(&mut self, msg: ToPanel, clock: Clock) {
        match msg {
            ToPanel::Snapshot {
                conversation,
                site,
                keep,
            } => self.snapshot(conversation, site, keep, clock),
            ToPanel::NoConsole { site } => {
                self.model = None;
                self.visit_only = site.visit_only;
                self.status = Status::NoConsole {
                    host: site.host,
                    closed: site.closed_shadow,
                };
                self.page(ToPage::Paint {
                    highlights: Vec::new(),
                    from: 0,
                });
            }
            ToPanel::Command { name } => self.command(&name, clock),
            ToPanel::Draft { text } => {
                self.draft.text = text;
                self.check_draft();
            }
            ToPanel::Superseded => {
                self.model = None;
                self.status = Status::Superseded;
            }
            ToPanel::Inserted { ok, technique, .. } if ok => {
                if std::mem::take(&mut self.draft.fixing) {
                    self.count_draft(None, true, clock);
                }
                let copied = technique == "clipboard";
                self.note = Note::of(if copied { "copied_instead" } else { "inserted" });
            }
            ToPanel::Inserted { detail, .. } => {
                self.draft.fixing = false;
                self.note = Note::with("insert_failed", detail.unwrap_or_default());
            }
        }
    }

    /// The port closed: before the page said anything, Duxin does not run there (Chrome's side
    /// panel beside a site that is not enabled); later, the page went away.
    pub fn disconnected(&mut self) {
        self.status = match self.status {
            Status::Connecting => Status::NotHere,
            Status::Superseded => Status::Superseded,
            _ => Status::Disconnected,
        };
    }

    /// A new reading of the page: merged with the messages kept, analysed once, learned from,
    /// suggested for, painted and remembered.
    fn snapshot(&mut self, conversation: Conversation, site: SiteStatus, keep: u32, clock: Clock) {
        let Some(conversation) = self.merge(conversation, keep) else {
            self.page(ToPage::Refresh);
            return;
        };
        let analysis = self.analyzer.analyze(&conversation);
        self.learn(&conversation, &analysis, clock);
        let key = crate::privacy::conversation_key(&conversation, &site.profile);
        let turn = turn_key(&key, &analysis);
        self.page(ToPage::Paint {
            highlights: highlights(&analysis, self.zh, keep),
            from: keep,
        });
        let changed = self.show(&conversation, analysis, turn);
        self.lang = self.model.as_ref().map(|m| m.analysis.lang);
        self.conversation = Some(conversation);
        self.site = site.profile.clone();
        self.visit_only = site.visit_only;
        self.status = Status::Reading {
            profile: site.profile,
            matched: site.matched,
            composer: site.composer,
        };
        if changed {
            self.selected = 0;
        }
        if !self.draft.text.is_empty() {
            self.check_draft();
        }
        self.remember_conversation(key, clock);
    }

    /// The messages kept from the previous snapshot go before the new ones (and keep their
    /// highlights); None when this panel does not have them (it asks for the whole conversation).
    fn merge(&mut self, mut conversation: Conversation, keep: u32) -> Option<Conversation> {
        if keep == 0 {
            return Some(conversation);
        }
        let keep = keep as usize;
        let mut prev = self
            .conversation
            .take()
            .filter(|c| c.messages.len() >= keep)?;
        prev.messages.truncate(keep);
        prev.messages.append(&mut conversation.messages);
        conversation.messages = prev.messages;
        Some(conversation)
    }

    /// Suggestions for the analysis, less the ones dismissed this turn; whether they changed.
    fn show(&mut self, conv: &Conversation, analysis: Analysis, turn: String) -> bool {
        if self.turn != turn {
            self.turn = turn;
            self.hidden.clear();
        }
        let mut suggestions = crate::suggest::suggest_learned(
            conv,
            &analysis,
            &self.knowledge,
            Some(&self.style),
            Some(&self.learned),
        );
        suggestions
            .replies
            .retain(|r| !self.hidden.contains(&r.entry));
        self.slot_values.keep(&self.turn, &suggestions.replies);
        let changed = self
            .model
            .as_ref()
            .is_none_or(|m| m.suggestions != suggestions);
        self.model = Some(PanelModel {
            analysis,
            suggestions,
        });
        changed
    }

    /// Rank again after the agent changed what is offered (a dismissal, a saved reply).
    fn rerank(&mut self) {
        let Some(conv) = self.conversation.take() else {
            return;
        };
        let analysis = match self.model.take() {
            Some(m) => m.analysis,
            None => self.analyzer.analyze(&conv),
        };
        let turn = self.turn.clone();
        self.show(&conv, analysis, turn);
        self.conversation = Some(conv);
        self.selected = 0;
    }

    /// What the agent did in the panel.
    pub fn act(&mut self, action: Action, clock: Clock) {
        match action {
            Action::Insert(i) => self.insert_card(i),
            Action::Dismiss(i) => self.dismiss(i, clock),
            Action::Fix(i) => self.apply_fix(i),
            Action::InsertHolding => {
                let Some(e) = self.exception() else { return };
                self.exception_requested(clock);
                self.insert(e.customer.clone());
                self.copy(e.supervisor.clone(), true);
            }
            Action::CopySupervisor => {
                let Some(e) = self.exception() else { return };
                self.exception_requested(clock);
                self.copy(e.supervisor.clone(), true);
            }
            Action::Outcome(approved) => self.exception_outcome(approved, clock),
            Action::Export => self.copy(self.export(), true),
            Action::SaveReply => self.save_last_sent(clock),
            Action::Teach => self.page(ToPage::Teach),
            Action::DisableSite => self.page(ToPage::DisableSite),
            Action::OpenDashboard => self.effects.push(Effect::OpenDashboard),
            Action::OpenOptions => self.effects.push(Effect::OpenOptions),
            Action::UseHere => {
                self.status = Status::Connecting;
                self.effects.push(Effect::Connect);
            }
            Action::EnableSite => {
                if let Some(pattern) = self.visit_only.clone() {
                    self.effects.push(Effect::AskSite(pattern));
                }
            }
        }
    }

    /// The local database could not keep a record (quota, blocked): said in the panel.
    pub fn store_failed(&mut self, message: String) {
        self.note = Note::with("store_failed", message);
    }

    /// The agent refused the browser's prompt to keep Duxin on this site (or it failed).
    pub fn site_refused(&mut self) {
        self.note = Note::of("enable_refused");
    }

    /// Insert `text` as a keyboard command or the E2E suite asks (`mode`: "caret" or
    /// "replace"); false for another mode.
    pub fn insert_named(&mut self, text: String, mode: &str) -> bool {
        let mode = match mode {
            "caret" => InsertMode::Caret,
            "replace" => InsertMode::Replace,
            _ => return false,
        };
        self.insert_as(text, mode);
        true
    }

    fn exception(&self) -> Option<crate::suggest::ExceptionDraft> {
        self.model.as_ref()?.suggestions.exception.clone()
    }

    fn copy(&mut self, text: String, write: bool) {
        self.effects.push(Effect::Copied { text, write });
        self.note = Note::of("copied");
    }

    /// Put text into the page's composer at the caret (never sends).
    pub fn insert(&mut self, text: String) {
        self.insert_as(text, InsertMode::Caret);
    }

    pub fn insert_as(&mut self, text: String, mode: InsertMode) {
        self.page(ToPage::Insert { text, mode });
    }

    /// Insert a card with its slots filled and remember it, to learn from what the agent then
    /// sends; while a slot is blank nothing is inserted: the caret goes to the first blank.
    fn insert_card(&mut self, i: usize) {
        let Some(s) = self
            .model
            .as_ref()
            .and_then(|m| m.suggestions.replies.get(i))
        else {
            return;
        };
        let s = s.clone();
        let values = self.slot_values.get(&s);
        let Some(text) = slots::filled(&s, &values) else {
            self.note = Note::of("fill_first");
            if let Some(b) = slots::first_blank(&s, &values) {
                self.effects
                    .push(Effect::FocusSlot(slots::key(&s.entry, b)));
            }
            return;
        };
        let agent_messages = self.conversation.as_ref().map(agent_count).unwrap_or(0);
        self.pending = Some(Pending {
            entry: s.entry,
            text: text.clone(),
            agent_messages,
        });
        self.insert(text);
    }

    /// Keyboard commands: cycle suggestions, insert the selected one, copy the supervisor request.
    pub fn command(&mut self, name: &str, clock: Clock) {
        let n = self
            .model
            .as_ref()
            .map(|m| m.suggestions.replies.len())
            .unwrap_or(0);
        match name {
            "next-suggestion" | "previous-suggestion" if n > 0 => {
                let step = if name == "next-suggestion" { 1 } else { n - 1 };
                self.selected = (self.selected + step) % n;
            }
            "insert-suggestion" => self.insert_card(self.selected),
            "copy-request" => {
                if let Some(e) = self.exception() {
                    self.exception_requested(clock);
                    self.copy(e.supervisor.clone(), false);
                    self.page(ToPage::Copy { text: e.supervisor });
                }
            }
            _ => {}
        }
    }

    /// Check the draft against the packs, the conversation's state, the policy and the page's
    /// facts; paint the findings in the composer.
    fn check_draft(&mut self) {
        let d = &mut self.draft;
        d.findings = match &d.guard {
            Some(g) if !d.text.trim().is_empty() => {
                let (analysis, state) = match &self.model {
                    Some(m) => (Some(&m.analysis), Some(&m.suggestions.state)),
                    None => (None, None),
                };
                let cx = crate::guard::Context {
                    platform: crate::guard::Platform::of_profile(&self.site),
                    policy: Some(&self.knowledge.policy),
                    conversation: self.conversation.as_ref(),
                    analysis,
                    state,
                    analyzer: Some(&self.analyzer),
                };
                g.check_with(&d.text, &cx, &d.words)
            }
            _ => Vec::new(),
        };
        if !d.text.trim().is_empty() {
            d.typed = Some((d.text.clone(), d.findings.iter().map(|f| f.kind).collect()));
        }
        let spans = d
            .findings
            .iter()
            .filter(|f| !f.about_whole_reply())
            .map(|f| crate::protocol::DraftSpan {
                start: f.start,
                end: f.end,
            })
            .collect();
        let draft = d.text.clone();
        self.page(ToPage::PaintDraft { spans, draft });
    }

    /// The agent applies a finding's fix: exactly its span is replaced in the composer.
    fn apply_fix(&mut self, i: usize) {
        let Some(f) = self.draft.findings.get(i) else {
            return;
        };
        let fix = ToPage::Fix {
            start: f.start,
            end: f.end,
            text: f.fix.clone(),
            draft: self.draft.text.clone(),
        };
        self.draft.fixing = true;
        self.page(fix);
    }

    /// Keep the day's counts of the agent's drafts (sent with findings of which kinds, fixes).
    fn count_draft(&mut self, sent: Option<&[Kind]>, fix: bool, clock: Clock) {
        crate::guard::tally(&mut self.draft.days, clock.day, sent, fix);
        let days = std::mem::take(&mut self.draft.days);
        self.keep("guard_days", &days);
        self.draft.days = days;
    }
}

fn agent_count(c: &Conversation) -> usize {
    c.messages.iter().filter(|m| m.role == Role::Agent).count()
}

/// Identifies the customer turn being answered: the conversation and its latest customer message.
fn turn_key(conversation_key: &str, a: &Analysis) -> String {
    let latest = a.latest_customer().map(|m| m.index).unwrap_or(0);
    [conversation_key, ":", &latest.to_string()].concat()
}

#[cfg(test)]
mod tests;
