//! The browser boundary (wasm32 only): the copilot panel, rendered with web-sys in our extension
//! page, and its `chrome.runtime` port to the content script. Everything that thinks is in the
//! core; this module turns snapshots into a model, the model into DOM, and clicks into messages.
//!
//! Page text reaches the DOM only through `set_text_content`: it is never parsed as HTML.

mod chrome;
mod slots;
mod team;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::analysis::Analyzer;
use crate::knowledge::Knowledge;
use crate::protocol::{highlights, InsertMode, PanelModel, ToPage, ToPanel};

/// State of one panel instance.
pub(crate) struct Panel {
    /// The agent's style learned over earlier conversations (or set in the settings).
    style: crate::style::Style,
    /// Agent messages of the open conversation already learned from.
    seen_agent: usize,
    /// The exception request made in this conversation and not answered yet.
    open_request: Option<crate::insights::ExceptionRecord>,
    /// The site profile in use (part of a conversation's stored key).
    site: String,
    /// The agent keeps (masked) conversation texts in the local database.
    store_text: bool,
    /// Replies recorded as shown: a key per customer turn and reply (16 hex digits, hashed), each
    /// followed by a space, newest last. Kept across reloads (the database's `kv` `shown`), so
    /// reloading a conversation counts nothing again.
    shown: String,
    /// Entries the agent dismissed for this customer turn (not offered again until the next one).
    hidden: (String, Vec<String>),
    /// The stored key of the open conversation.
    conv_id: String,
    /// The shop's own replies, as stored.
    custom: Vec<crate::knowledge::CustomReply>,
    /// What the agent did with earlier suggestions (kept in chrome.storage.local).
    learned: crate::learning::Learned,
    /// The last inserted suggestion: (entry, text, agent messages in the conversation then).
    pending: Option<(String, String, usize)>,
    /// The conversation as last read from the page (for export and replay with `duxin analyze`).
    conversation: Option<crate::conversation::Conversation>,
    analyzer: Analyzer,
    knowledge: Knowledge,
    port: Option<chrome::Port>,
    model: Option<PanelModel>,
    status: Status,
    /// Duxin runs on this page for this visit only: the pattern that would enable the site.
    visit_only: Option<String>,
    zh: bool,
    selected: usize,
    note: Option<String>,
    /// What the agent typed into the suggestions' fill-in slots (this customer turn).
    slot_values: slots::SlotValues,
    /// An IME composition is under way in a slot input: re-rendering would break it, so the
    /// render waits for its end.
    composing: bool,
    render_deferred: bool,
    /// The draft check (issue 16): the packs with the shop's settings, its own words, the draft in
    /// the composer as last read, and what the check found in it.
    guard: Option<crate::guard::Guard>,
    guard_words: Vec<crate::guard::OwnWord>,
    draft: String,
    findings: Vec<crate::guard::Finding>,
    /// The last draft that was not empty and the kinds of its findings: when the agent's next
    /// message is that text, it was sent with them (counted for their dashboard).
    typed: Option<(String, Vec<crate::guard::Kind>)>,
    /// A fix was asked for and its result is awaited.
    fixing: bool,
    /// The agent's own drafts per day (kv `guard_days`): counts, never text.
    guard_days: Vec<crate::guard::GuardDay>,
}

#[derive(Clone)]
pub(crate) enum Status {
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
    Error(String),
}

pub(crate) type Shared = Rc<RefCell<Panel>>;

thread_local! {
    /// The one panel of this page, for the exported actions below.
    static PANEL: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// The open conversation as JSON in the `duxin analyze` format (empty when nothing is read).
#[wasm_bindgen]
pub fn panel_conversation() -> String {
    PANEL.with(|p| {
        p.borrow()
            .as_ref()
            .and_then(|panel| {
                panel
                    .borrow()
                    .conversation
                    .as_ref()
                    .and_then(|c| serde_json::to_string(c).ok())
            })
            .unwrap_or_default()
    })
}

/// Insert `text` into the page's composer, as the Insert button does (`mode`: "caret" or
/// "replace"). Exported for keyboard commands and for the E2E suite, which drives it from the
/// panel frame; the host page cannot reach it (the frame is cross-origin to the page).
#[wasm_bindgen]
pub fn panel_insert(text: String, mode: String) -> bool {
    let mode = match mode.as_str() {
        "replace" => InsertMode::Replace,
        "caret" => InsertMode::Caret,
        _ => return false,
    };
    PANEL.with(|p| match p.borrow().as_ref() {
        Some(panel) => {
            send(panel, &ToPage::Insert { text, mode });
            true
        }
        None => false,
    })
}

/// Entry point called by `panel.js` once the module is instantiated.
/// `stored` holds what this machine keeps for Duxin, each value a string: from chrome.storage.local
/// (settings) `lang` (the options page's choice: "zh_CN", "en" or "" for the browser's),
/// `messages` (that locale's messages.json), `policy`, `store_text` ("1" to keep masked texts);
/// from the IndexedDB store `learned`, `style`, `products` (the shop's product facts),
/// `kb_custom` (all the shop's replies as JSON) and `shown` (the keys of the suggestions already
/// recorded as shown).
#[wasm_bindgen]
pub fn start_panel(stored: JsValue) -> Result<(), JsValue> {
    let get = |k: &str| {
        js_sys::Reflect::get(&stored, &k.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let (lang, messages, learned, custom, policy) = (
        get("lang"),
        get("messages"),
        get("learned"),
        get("kb_custom"),
        get("policy"),
    );
    let store_text = get("store_text") == "1";
    // The draft check's settings (options page): rules switched off, the shop's own words. A
    // damaged value keeps the packs as shipped.
    let guard_settings: crate::guard::Settings =
        serde_json::from_str(&get("guard")).unwrap_or_default();
    let guard = crate::guard::Guard::with_settings(&guard_settings)
        .map_err(|e| web_sys_log(&format!("duxin: draft check off: {e}")))
        .ok();
    let style: crate::style::Style = serde_json::from_str(&get("style")).unwrap_or_default();
    chrome::set_messages(&messages);
    let zh = if lang.is_empty() {
        chrome::ui_language().to_lowercase().starts_with("zh")
    } else {
        lang.starts_with("zh")
    };
    let analyzer = Analyzer::new().map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut knowledge = Knowledge::builtin().map_err(|e| JsValue::from_str(&e.to_string()))?;
    // The shop's policy from the options page, over the defaults (a damaged value keeps the defaults).
    if let Ok(p) = serde_json::from_str::<crate::knowledge::Policy>(&policy) {
        knowledge.policy = p;
    }
    // The shop's product facts (options page); a damaged list is reported and skipped.
    match crate::products::from_json(&get("products")) {
        Ok(list) => knowledge.products = list,
        Err(e) => web_sys_log(&format!("duxin: skipped product facts: {e}")),
    }
    // The shop's own replies (options page, "save as reply"); a damaged list is skipped, not fatal.
    let custom = Knowledge::parse_custom(&custom).unwrap_or_default();
    for p in knowledge.add_custom(&custom) {
        web_sys_log(&format!("duxin: skipped custom reply {p}"));
    }
    // Without "keep texts", nothing but templates stays in the store (also what older versions kept).
    let mut learned = crate::learning::Learned::from_json(&learned);
    if !store_text && learned.forget_texts() {
        chrome::kv_set(
            "learned",
            &serde_json::to_string(&learned).unwrap_or_default(),
        );
    }
    let panel: Shared = Rc::new(RefCell::new(Panel {
        learned,
        open_request: None,
        site: String::new(),
        store_text,
        // (A JSON string of 17-byte keys: anything else there is dropped.)
        shown: get("shown")
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .filter(|s| s.is_ascii() && s.len() % 17 == 0)
            .unwrap_or_default()
            .to_owned(),
        hidden: (String::new(), Vec::new()),
        conv_id: String::new(),
        style,
        seen_agent: 0,
        custom,
        pending: None,
        conversation: None,
        analyzer,
        knowledge,
        port: None,
        model: None,
        status: Status::Connecting,
        visit_only: None,
        zh,
        selected: 0,
        note: None,
        slot_values: slots::SlotValues::default(),
        composing: false,
        render_deferred: false,
        guard,
        guard_words: guard_settings.words,
        draft: String::new(),
        findings: Vec::new(),
        typed: None,
        fixing: false,
        guard_days: serde_json::from_str(&get("guard_days")).unwrap_or_default(),
    }));
    view::render(&panel);
    PANEL.with(|slot| *slot.borrow_mut() = Some(panel.clone()));
    connect(&panel);
    install_keys(&panel);
    Ok(())
}

/// Connect to the page this panel belongs to (again, after another panel took over).
fn connect(panel: &Shared) {
    let p = panel.clone();
    chrome::connect_to_page(move |port| {
        let on_msg = {
            let p = p.clone();
            move |v: JsValue| on_message(&p, v)
        };
        let on_disconnect = {
            let p = p.clone();
            move || {
                let mut st = p.borrow_mut();
                // Gone before the page said anything: Duxin does not run on that page (Chrome's
                // side panel beside a site that is not enabled). Gone later: the page went away.
                st.status = match st.status {
                    Status::Connecting => Status::NotHere,
                    Status::Superseded => Status::Superseded,
                    _ => Status::Error(chrome::msg("disconnected")),
                };
                st.port = None;
                drop(st);
                view::render(&p);
            }
        };
        port.listen(on_msg, on_disconnect);
        p.borrow_mut().port = Some(port);
        send(&p, &ToPage::Refresh);
    });
}

/// The agent wants this panel back after another one took over the page.
pub(crate) fn reconnect(p: &Shared) {
    p.borrow_mut().status = Status::Connecting;
    view::render(p);
    connect(p);
}

fn on_message(p: &Shared, v: JsValue) {
    let msg: ToPanel = match serde_wasm_bindgen::from_value(v) {
        Ok(m) => m,
        Err(e) => {
            // A malformed message is dropped, never half-obeyed.
            web_sys_log(&format!("duxin: ignored malformed message: {e}"));
            return;
        }
    };
    match msg {
        ToPanel::Snapshot {
            mut conversation,
            site,
            keep,
        } => {
            // The messages kept from the previous snapshot go before the new ones (and keep their
            // highlights); a panel that does not have them asks for the whole conversation.
            if keep > 0 {
                let prev = p
                    .borrow_mut()
                    .conversation
                    .take()
                    .filter(|c| c.messages.len() >= keep as usize);
                let Some(mut prev) = prev else {
                    send(p, &ToPage::Refresh);
                    return;
                };
                prev.messages.truncate(keep as usize);
                prev.messages.append(&mut conversation.messages);
                conversation.messages = prev.messages;
            }
            learn_from_sent(p, &conversation);
            let fresh = new_agent_messages(p, &conversation);
            count_sent_draft(p, &conversation, &fresh);
            learn_answers(p, &conversation, &fresh);
            learn_style(p, &conversation, &fresh);
            let paint = {
                let mut st = p.borrow_mut();
                let analysis = st.analyzer.analyze(&conversation);
                let mut suggestions = crate::suggest::suggest_learned(
                    &conversation,
                    &analysis,
                    &st.knowledge,
                    Some(&st.style),
                    Some(&st.learned),
                );
                let turn = turn_key(&conversation, &analysis, &site.profile);
                if st.hidden.0 != turn {
                    st.hidden = (turn, Vec::new());
                }
                suggestions
                    .replies
                    .retain(|r| !st.hidden.1.contains(&r.entry));
                let turn = st.hidden.0.clone();
                st.slot_values.keep(&turn, &suggestions.replies);
                let paint = ToPage::Paint {
                    highlights: highlights(&analysis, st.zh, keep),
                    from: keep,
                };
                let changed = st
                    .model
                    .as_ref()
                    .is_none_or(|m| m.suggestions != suggestions);
                st.model = Some(PanelModel {
                    analysis,
                    suggestions,
                });
                st.conversation = Some(conversation);
                st.site = site.profile.clone();
                st.visit_only = site.visit_only;
                st.status = Status::Reading {
                    profile: site.profile,
                    matched: site.matched,
                    composer: site.composer,
                };
                if changed {
                    st.selected = 0;
                }
                paint
            };
            send(p, &paint);
            if !p.borrow().draft.is_empty() {
                check_draft(p);
            }
            view::render(p);
            remember_conversation(p);
        }
        ToPanel::NoConsole { site } => {
            {
                let mut st = p.borrow_mut();
                st.model = None;
                st.visit_only = site.visit_only;
                st.status = Status::NoConsole {
                    host: site.host,
                    closed: site.closed_shadow,
                };
            }
            send(
                p,
                &ToPage::Paint {
                    highlights: Vec::new(),
                    from: 0,
                },
            );
            view::render(p);
        }
        ToPanel::Command { name } => command(p, &name),
        ToPanel::Draft { text } => {
            p.borrow_mut().draft = text;
            check_draft(p);
            view::render(p);
        }
        ToPanel::Superseded => {
            {
                let mut st = p.borrow_mut();
                st.model = None;
                st.status = Status::Superseded;
            }
            view::render(p);
        }
        ToPanel::Inserted {
            ok,
            technique,
            detail,
        } => {
            if std::mem::take(&mut p.borrow_mut().fixing) && ok {
                count_draft(p, None, true);
            }
            let note = if ok {
                if technique == "clipboard" {
                    chrome::msg("copied_instead")
                } else {
                    chrome::msg("inserted")
                }
            } else {
                format!(
                    "{} {}",
                    chrome::msg("insert_failed"),
                    detail.unwrap_or_default()
                )
            };
            p.borrow_mut().note = Some(note);
            view::render(p);
        }
    }
}

pub(crate) fn send(p: &Shared, m: &ToPage) {
    let st = p.borrow();
    if let Some(port) = &st.port {
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        if let Ok(v) = serde::Serialize::serialize(m, &ser) {
            port.post(&v);
        }
    }
}

/// Check the draft against the packs, the conversation's state, the policy and the page's facts;
/// paint the findings in the composer.
pub(crate) fn check_draft(p: &Shared) {
    let paint = {
        let mut guard = p.borrow_mut();
        let st = &mut *guard;
        st.findings = match &st.guard {
            Some(g) if !st.draft.trim().is_empty() => {
                let (analysis, state) = match &st.model {
                    Some(m) => (Some(&m.analysis), Some(&m.suggestions.state)),
                    None => (None, None),
                };
                let cx = crate::guard::Context {
                    platform: crate::guard::Platform::of_profile(&st.site),
                    policy: Some(&st.knowledge.policy),
                    conversation: st.conversation.as_ref(),
                    analysis,
                    state,
                    analyzer: Some(&st.analyzer),
                };
                g.check_with(&st.draft, &cx, &st.guard_words)
            }
            _ => Vec::new(),
        };
        if !st.draft.trim().is_empty() {
            st.typed = Some((
                st.draft.clone(),
                st.findings.iter().map(|f| f.kind).collect(),
            ));
        }
        let spans = st
            .findings
            .iter()
            .filter(|f| !f.about_whole_reply())
            .map(|f| crate::protocol::DraftSpan {
                start: f.start,
                end: f.end,
            })
            .collect();
        ToPage::PaintDraft {
            spans,
            draft: st.draft.clone(),
        }
    };
    send(p, &paint);
}

/// The agent applies a finding's fix: exactly its span is replaced in the composer.
pub(crate) fn apply_fix(p: &Shared, i: usize) {
    let msg = {
        let st = p.borrow();
        st.findings.get(i).map(|f| ToPage::Fix {
            start: f.start,
            end: f.end,
            text: f.fix.clone(),
            draft: st.draft.clone(),
        })
    };
    if let Some(m) = msg {
        p.borrow_mut().fixing = true;
        send(p, &m);
    }
}

/// Keep the day's counts of the agent's drafts (sent with findings of which kinds, fixes applied).
fn count_draft(p: &Shared, sent: Option<&[crate::guard::Kind]>, fix: bool) {
    let (_, day) = now_and_day();
    let json = {
        let mut st = p.borrow_mut();
        crate::guard::tally(&mut st.guard_days, day, sent, fix);
        serde_json::to_string(&st.guard_days).unwrap_or_default()
    };
    chrome::kv_set("guard_days", &json);
}

/// A new message of the agent's that is the draft the check last read: sent with its findings.
fn count_sent_draft(p: &Shared, c: &crate::conversation::Conversation, fresh: &[usize]) {
    let same = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
    let typed = p.borrow().typed.clone();
    let Some((draft, kinds)) = typed else { return };
    if fresh
        .iter()
        .any(|&i| c.messages.get(i).is_some_and(|m| same(&m.text, &draft)))
    {
        p.borrow_mut().typed = None;
        count_draft(p, Some(&kinds), false);
    }
}

pub(crate) fn insert(p: &Shared, text: String) {
    send(
        p,
        &ToPage::Insert {
            text,
            mode: InsertMode::Caret,
        },
    );
}

fn agent_count(c: &crate::conversation::Conversation) -> usize {
    c.messages
        .iter()
        .filter(|m| m.role == crate::conversation::Role::Agent)
        .count()
}

/// Insert a suggestion (`text` as inserted: its slots filled) and remember it, to learn from
/// what the agent then sends.
pub(crate) fn insert_suggestion(p: &Shared, entry: String, text: String) {
    let n = p
        .borrow()
        .conversation
        .as_ref()
        .map(agent_count)
        .unwrap_or(0);
    p.borrow_mut().pending = Some((entry, text.clone(), n));
    insert(p, text);
}

/// Insert the selected suggestion with its slots filled; while one is blank nothing is
/// inserted: the panel points the agent at the first blank instead.
fn insert_selected(p: &Shared) {
    let Some(s) = p
        .borrow()
        .model
        .as_ref()
        .and_then(|m| m.suggestions.replies.get(p.borrow().selected).cloned())
    else {
        return;
    };
    let values = p.borrow().slot_values.get(&s);
    match slots::filled(&s, &values) {
        Some(text) => insert_suggestion(p, s.entry, text),
        None => {
            p.borrow_mut().note = Some(chrome::msg("fill_first"));
            view::render(p);
            if let Some(i) = slots::first_blank(&s, &values) {
                view::focus_slot(&s.entry, i);
            }
        }
    }
}

/// "Save as reply": the agent's last sent message becomes one of the shop's replies.
pub(crate) fn save_last_sent(p: &Shared) {
    let (conv, intent) = {
        let st = p.borrow();
        (
            st.conversation.clone(),
            st.model.as_ref().and_then(|m| m.analysis.intent),
        )
    };
    let Some(conv) = conv else { return };
    let Some(text) = conv
        .messages
        .iter()
        .rev()
        .find(|m| m.role == crate::conversation::Role::Agent)
        .map(|m| m.text.trim())
    else {
        return;
    };
    // Kept without this customer's data: their name becomes the pack's optional name, contact data a marker.
    let text = crate::privacy::mask(text, customer_name(&conv)).replace("[name]", "{?name:{name}}");
    let reply = crate::knowledge::CustomReply {
        id: format!("my.{}", js_sys::Date::now() as u64),
        lang: crate::suggest::language(&conv),
        intent: intent.unwrap_or(crate::kinds::Intent::Other),
        text,
    };
    p.borrow_mut()
        .knowledge
        .add_custom(std::slice::from_ref(&reply));
    chrome::db_put(
        "knowledge",
        &serde_json::to_string(&reply).unwrap_or_default(),
    );
    p.borrow_mut().custom.push(reply);
    p.borrow_mut().note = Some(chrome::msg("saved_reply"));
    rerank(p);
}

fn rerank(p: &Shared) {
    let conv = p.borrow().conversation.clone();
    if let Some(c) = conv {
        let mut st = p.borrow_mut();
        let a = st.analyzer.analyze(&c);
        let mut s = crate::suggest::suggest_learned(
            &c,
            &a,
            &st.knowledge,
            Some(&st.style),
            Some(&st.learned),
        );
        s.replies.retain(|r| !st.hidden.1.contains(&r.entry));
        let turn = st.hidden.0.clone();
        st.slot_values.keep(&turn, &s.replies);
        st.model = Some(PanelModel {
            analysis: a,
            suggestions: s,
        });
        st.selected = 0;
    }
    view::render(p);
}

/// Now (ms since 1970) and the agent's local day (days since 1970-01-01).
fn now_and_day() -> (f64, i32) {
    let now = js_sys::Date::now();
    let offset_min = js_sys::Date::new_0().get_timezone_offset();
    (
        now,
        ((now - offset_min * 60_000.0) / 86_400_000.0).floor() as i32,
    )
}

fn lang_of(p: &Shared) -> Option<crate::kinds::Lang> {
    p.borrow()
        .conversation
        .as_ref()
        .map(crate::suggest::language)
}

/// How many replies recorded as shown are remembered (about 600 customer turns).
const SHOWN_KEPT: usize = 2000;

/// Identifies the customer turn being answered: the conversation and its latest customer message.
fn turn_key(
    conv: &crate::conversation::Conversation,
    a: &crate::analysis::Analysis,
    site: &str,
) -> String {
    format!(
        "{}:{}",
        crate::privacy::conversation_key(conv, site),
        a.latest_customer().map(|m| m.index).unwrap_or(0)
    )
}

/// Keep the open conversation's summary (no text unless the agent chose to keep masked texts),
/// and record the suggestions shown for a new customer turn.
fn remember_conversation(p: &Shared) {
    let (now, day) = now_and_day();
    let (rec, shown) = {
        let mut guard = p.borrow_mut();
        let st = &mut *guard;
        let (Some(conv), Some(model)) = (st.conversation.as_ref(), st.model.as_ref()) else {
            return;
        };
        if !conv
            .messages
            .iter()
            .any(|m| m.role == crate::conversation::Role::Customer)
        {
            return;
        }
        let mut rec = crate::insights::record_of(conv, &model.analysis, day);
        rec.id = crate::privacy::conversation_key(conv, &st.site);
        rec.ts = now;
        rec.site = st.site.clone();
        rec.style = crate::insights::style_label(&st.style);
        if st.store_text {
            rec.text = Some(crate::privacy::masked_lines(conv));
        }
        // One "shown" event per reply per customer turn, however often the page re-renders or the
        // agent reloads it.
        let turn = turn_key(conv, &model.analysis, &st.site);
        let keys = &mut st.shown;
        let mut shown = Vec::new();
        for r in &model.suggestions.replies {
            let key = crate::privacy::hash(&[&turn, &r.entry]) + " ";
            if !keys.as_bytes().chunks(17).any(|k| k == key.as_bytes()) {
                keys.push_str(&key);
                shown.push(r.entry.clone());
            }
        }
        if !shown.is_empty() {
            // The latest SHOWN_KEPT keys (17 bytes each).
            if keys.len() > SHOWN_KEPT * 17 {
                *keys = keys[keys.len() - SHOWN_KEPT * 17..].to_owned();
            }
            // Stored as a JSON string, like every kv value.
            chrome::kv_set("shown", &["\"", keys.as_str(), "\""].concat());
        }
        if st.conv_id != rec.id {
            st.open_request = None;
        }
        st.conv_id = rec.id.clone();
        (rec, shown)
    };
    chrome::db_put(
        "conversations",
        &serde_json::to_string(&rec).unwrap_or_default(),
    );
    for entry in shown {
        suggestion_event(p, entry, crate::insights::SuggestionEvent::Shown);
    }
}

fn suggestion_event(p: &Shared, entry: String, event: crate::insights::SuggestionEvent) {
    let (ts, day) = now_and_day();
    let rec = {
        let st = p.borrow();
        crate::insights::SuggestionRecord {
            ts,
            day,
            conv: st.conv_id.clone(),
            lang: st.conversation.as_ref().map(crate::suggest::language),
            entry,
            event,
            style: crate::insights::style_label(&st.style),
        }
    };
    chrome::db_put("events", &serde_json::to_string(&rec).unwrap_or_default());
}

/// The agent sent (or copied) the exception request: keep it as requested, once per conversation
/// and kind, until the supervisor's answer is marked.
pub(crate) fn exception_requested(p: &Shared) {
    if let Some((rec, true)) = open_request(p) {
        chrome::db_put(
            "exceptions",
            &serde_json::to_string(&rec).unwrap_or_default(),
        );
    }
}

/// The open request for the exception shown now, and whether it was just opened.
fn open_request(p: &Shared) -> Option<(crate::insights::ExceptionRecord, bool)> {
    let kind = p
        .borrow()
        .model
        .as_ref()
        .and_then(|m| m.suggestions.exception.as_ref().map(|e| e.kind.clone()))?;
    let kind = serde_json::to_value(&kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    if let Some(r) = p.borrow().open_request.as_ref().filter(|r| r.kind == kind) {
        return Some((r.clone(), false));
    }
    let (ts, day) = now_and_day();
    let lang = lang_of(p);
    let mut st = p.borrow_mut();
    let rec = crate::insights::ExceptionRecord {
        id: format!("{}:{}:{}", st.conv_id, kind, ts as u64),
        ts,
        day,
        conv: st.conv_id.clone(),
        lang,
        kind,
        approved: None,
    };
    st.open_request = Some(rec.clone());
    Some((rec, true))
}

/// The supervisor answered an exception request: keep the outcome (for the approval rate).
pub(crate) fn exception_outcome(p: &Shared, approved: bool) {
    let Some((mut rec, _)) = open_request(p) else {
        return;
    };
    p.borrow_mut().open_request = None;
    rec.approved = Some(approved);
    chrome::db_put(
        "exceptions",
        &serde_json::to_string(&rec).unwrap_or_default(),
    );
    p.borrow_mut().note = Some(chrome::msg(if approved {
        "exc_approved"
    } else {
        "exc_denied"
    }));
    view::render(p);
}

/// The local database could not keep a record (quota, blocked): say so in the panel.
#[wasm_bindgen]
pub fn panel_store_error(message: String) {
    PANEL.with(|p| {
        if let Some(panel) = p.borrow().as_ref() {
            panel.borrow_mut().note = Some(format!("{} {message}", chrome::msg("store_failed")));
            view::render(panel);
        }
    });
}

/// The dashboard's names for stored codes (see `insights::labels`), plus the starter replies'
/// texts by entry id, so a table of entries reads as replies.
#[wasm_bindgen]
pub fn dashboard_labels(zh: bool) -> String {
    let mut v = crate::insights::labels(zh);
    if let Ok(k) = Knowledge::builtin() {
        // As a reply reads with nothing known about the customer (no placeholder shows).
        let read = |t: &str| {
            crate::knowledge::fill(t, &|_| None)
                .or_else(|| crate::knowledge::fill(t, &|_| Some("…".into())))
                .unwrap_or_else(|| t.to_string())
        };
        // Slots read as they show in the panel (【到账时间】), not as the pack's [[markers]].
        let shown = |r: &crate::knowledge::ReplyEntry| {
            crate::suggest::mark_slots(&read(&r.text), r.lang.unwrap_or(crate::kinds::Lang::Zh)).0
        };
        let entries: serde_json::Map<String, serde_json::Value> = k
            .replies
            .iter()
            .map(|r| (r.id.clone(), shown(r).into()))
            .collect();
        v["entry"] = entries.into();
    }
    v.to_string()
}

/// The dashboard's aggregation: the three tables as UTF-8 JSON arrays, read from the database as
/// bytes (see `store.allBytes`), and `filter` `{"from", "to", "lang"}` (days).
/// Returns the `Insights` as JSON, or `{"error": "..."}`.
#[wasm_bindgen]
pub fn dashboard_insights(
    conversations: &[u8],
    events: &[u8],
    exceptions: &[u8],
    filter: &str,
) -> String {
    let t0 = js_sys::Date::now();
    let out = serde_json::from_str::<crate::insights::Filter>(filter)
        .map_err(crate::Error::from)
        .and_then(|f| {
            let tables = crate::insights::Tables::parse(conversations, events, exceptions)?;
            let t1 = js_sys::Date::now();
            let ins = tables.aggregate(f);
            // Where the time went, for the dashboard's own measurement.
            let mut v = serde_json::to_value(&ins)?;
            v["core_ms"] =
                serde_json::json!({ "parse": t1 - t0, "aggregate": js_sys::Date::now() - t1 });
            Ok(v.to_string())
        });
    out.unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}

/// The agent dismissed a suggestion: it goes for this customer turn, and ranks lower from now on.
pub(crate) fn dismiss(p: &Shared, entry: String, text: String) {
    p.borrow_mut().hidden.1.push(entry.clone());
    record(
        p,
        crate::learning::Feedback {
            entry,
            outcome: crate::learning::Outcome::Dismissed,
            suggested: text,
            sent: None,
        },
        None,
    );
    rerank(p);
}

fn customer_name(c: &crate::conversation::Conversation) -> Option<&str> {
    c.customer.as_ref().and_then(|x| x.name.as_deref())
}

/// Count what the agent did with a suggestion (`customer`: the name shown, kept out of an edited form).
fn record(p: &Shared, f: crate::learning::Feedback, customer: Option<&str>) {
    let json = {
        let mut st = p.borrow_mut();
        st.learned.record(&f, customer);
        serde_json::to_string(&st.learned).unwrap_or_default()
    };
    chrome::kv_set("learned", &json);
    suggestion_event(p, f.entry, f.outcome.into());
}

/// Indices of the agent's messages not learned from yet (and now marked as seen). Fewer agent
/// messages than before means another conversation is open: counting starts again.
fn new_agent_messages(p: &Shared, c: &crate::conversation::Conversation) -> Vec<usize> {
    let agent: Vec<usize> = c
        .messages
        .iter()
        .enumerate()
        .filter(|(_, m)| m.role == crate::conversation::Role::Agent)
        .map(|(i, _)| i)
        .collect();
    let mut st = p.borrow_mut();
    let from = if agent.len() < st.seen_agent {
        0
    } else {
        st.seen_agent
    };
    st.seen_agent = agent.len();
    agent.get(from..).map(<[usize]>::to_vec).unwrap_or_default()
}

/// Keep what the agent answered in their own words (not suggestions sent unchanged: those are
/// entries already), to offer it again for similar questions.
fn learn_answers(p: &Shared, c: &crate::conversation::Conversation, fresh: &[usize]) {
    use crate::conversation::Role;
    if fresh.is_empty() {
        return;
    }
    let lang = crate::suggest::language(c);
    let (name, key) = (customer_name(c), crate::privacy::conversation_key(c, ""));
    let json = {
        let mut st = p.borrow_mut();
        let mut suggested: Vec<String> = st
            .model
            .as_ref()
            .map(|m| {
                m.suggestions
                    .replies
                    .iter()
                    .map(|r| r.text.trim().to_string())
                    .collect()
            })
            .unwrap_or_default();
        suggested.extend(st.pending.as_ref().map(|(_, t, _)| t.trim().to_string()));
        let mut changed = false;
        for &i in fresh {
            let reply = c.messages[i].text.trim();
            if suggested.iter().any(|s| s == reply) {
                continue;
            }
            let Some(q) = c.messages[..i]
                .iter()
                .rev()
                .find(|m| m.role == Role::Customer)
            else {
                continue;
            };
            let intent = st.analyzer.read(&q.text).intent;
            let keep = st.store_text;
            changed |= st
                .learned
                .remember(&q.text, reply, name, &key, lang, intent, keep);
        }
        changed.then(|| serde_json::to_string(&st.learned).unwrap_or_default())
    };
    if let Some(j) = json {
        chrome::kv_set("learned", &j);
    }
}

/// Learn the agent's voice from the messages they sent that were not learned from yet, and keep it.
fn learn_style(p: &Shared, c: &crate::conversation::Conversation, fresh: &[usize]) {
    if fresh.is_empty() || p.borrow().style.locked {
        return;
    }
    let messages = fresh
        .iter()
        .filter_map(|&i| c.messages.get(i).cloned())
        .collect();
    let next = crate::style::learn(
        &crate::conversation::Conversation {
            messages,
            ..Default::default()
        },
        Some(&p.borrow().style),
    );
    chrome::kv_set("style", &serde_json::to_string(&next).unwrap_or_default());
    p.borrow_mut().style = next;
}

/// When the agent's next message appears after an insertion: accepted as is, edited, or not used.
fn learn_from_sent(p: &Shared, c: &crate::conversation::Conversation) {
    let pending = p.borrow().pending.clone();
    let Some((entry, text, n)) = pending else {
        return;
    };
    if agent_count(c) <= n {
        return;
    }
    let sent = c
        .messages
        .iter()
        .rev()
        .find(|m| m.role == crate::conversation::Role::Agent)
        .map(|m| m.text.clone())
        .unwrap_or_default();
    let outcome = crate::learning::outcome_of(&text, &sent);
    p.borrow_mut().pending = None;
    record(
        p,
        crate::learning::Feedback {
            entry,
            outcome,
            suggested: text,
            sent: (outcome == crate::learning::Outcome::Edited).then_some(sent),
        },
        customer_name(c),
    );
}

/// Keyboard commands: cycle suggestions, insert the selected one, copy the supervisor request.
fn command(p: &Shared, name: &str) {
    let n = p
        .borrow()
        .model
        .as_ref()
        .map(|m| m.suggestions.replies.len())
        .unwrap_or(0);
    match name {
        "next-suggestion" | "previous-suggestion" if n > 0 => {
            let step = if name == "next-suggestion" { 1 } else { n - 1 };
            let s = (p.borrow().selected + step) % n;
            p.borrow_mut().selected = s;
            view::render(p);
        }
        "insert-suggestion" => insert_selected(p),
        "copy-request" => {
            let text = p.borrow().model.as_ref().and_then(|m| {
                m.suggestions
                    .exception
                    .as_ref()
                    .map(|e| e.supervisor.clone())
            });
            if let Some(t) = text {
                exception_requested(p);
                view::mark_copied(&t);
                send(p, &ToPage::Copy { text: t });
                p.borrow_mut().note = Some(chrome::msg("copied"));
                view::render(p);
            }
        }
        _ => {}
    }
}

fn install_keys(p: &Shared) {
    // Alt+J / Alt+K cycle suggestions, Alt+Enter inserts the selected one (inside the panel).
    let p = p.clone();
    let doc = view::document();
    let listener = gloo_events::EventListener::new(&doc, "keydown", move |e| {
        let Some(k) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e) else {
            return;
        };
        if !k.alt_key() {
            return;
        }
        if p.borrow()
            .model
            .as_ref()
            .is_none_or(|m| m.suggestions.replies.is_empty())
        {
            return;
        }
        let name = match k.key().as_str() {
            "j" | "J" | "ArrowDown" => "next-suggestion",
            "k" | "K" | "ArrowUp" => "previous-suggestion",
            "Enter" => "insert-suggestion",
            _ => return,
        };
        command(&p, name);
        k.prevent_default();
    });
    listener.forget();
}

fn web_sys_log(s: &str) {
    web_sys::console::warn_1(&JsValue::from_str(s));
}

/// The criterion benchmark's workloads, run inside wasm (node or Chromium) so the figures compare
/// with the native ones: `node scripts/wasm-bench.mjs` (`make bench` builds a wasm with the
/// `wasm-bench` feature for it; the extension's own wasm does not carry the bench or its corpus).
#[cfg(feature = "wasm-bench")]
#[wasm_bindgen]
pub fn bench_engine(iterations: u32) -> String {
    let now = || js_sys::Date::now();
    let an = match Analyzer::new() {
        Ok(a) => a,
        Err(e) => return format!("{{\"error\":\"{e}\"}}"),
    };
    let conv = crate::corpus::conversation(200);
    let n = iterations.max(1);
    let t0 = now();
    for _ in 0..n {
        std::hint::black_box(an.analyze(&conv));
    }
    let analyze_ms = (now() - t0) / n as f64;
    let msgs = crate::corpus::short_messages();
    let t1 = now();
    for _ in 0..n * 10 {
        for m in msgs {
            std::hint::black_box(an.read(m));
        }
    }
    let per_sec = (n as f64 * 10.0 * msgs.len() as f64) / ((now() - t1) / 1000.0);
    let kb = crate::corpus::knowledge(5_000);
    let a = an.analyze(&conv);
    let t2 = now();
    for _ in 0..n {
        std::hint::black_box(crate::suggest::suggest(&conv, &a, &kb));
    }
    let suggest_ms = (now() - t2) / n as f64;
    format!("{{\"analyze_200_ms\":{analyze_ms:.3},\"short_messages_per_sec\":{per_sec:.0},\"suggest_5000kb_ms\":{suggest_ms:.3}}}")
}
