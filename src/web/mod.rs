//! The browser boundary (wasm32 only): the copilot panel, rendered with web-sys in our extension
//! page, and its `chrome.runtime` port to the content script. Everything that thinks is in the
//! core; this module turns snapshots into a model, the model into DOM, and clicks into messages.
//!
//! Page text reaches the DOM only through `set_text_content`: it is never parsed as HTML.

mod chrome;
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
    /// Exception requests and their outcomes, as stored.
    exceptions: Vec<crate::insights::ExceptionRecord>,
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
    zh: bool,
    selected: usize,
    note: Option<String>,
}

#[derive(Clone)]
pub(crate) enum Status {
    Connecting,
    Reading { profile: String, matched: Vec<String>, composer: bool },
    NoConsole { host: String },
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
            .and_then(|panel| panel.borrow().conversation.as_ref().and_then(|c| serde_json::to_string_pretty(c).ok()))
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
/// `stored` holds what this machine keeps for Duxin (chrome.storage.local), each value a string:
/// `lang` (the options page's choice: "zh_CN", "en" or "" for the browser's), `messages` (that
/// locale's messages.json), `learned`, `kb_custom`, `policy`, `exceptions`.
#[wasm_bindgen]
pub fn start_panel(stored: JsValue) -> Result<(), JsValue> {
    let get = |k: &str| js_sys::Reflect::get(&stored, &k.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let (lang, messages, learned, custom, policy) = (get("lang"), get("messages"), get("learned"), get("kb_custom"), get("policy"));
    let exceptions: Vec<crate::insights::ExceptionRecord> = serde_json::from_str(&get("exceptions")).unwrap_or_default();
    let style: crate::style::Style = serde_json::from_str(&get("style")).unwrap_or_default();
    chrome::set_messages(&messages);
    let zh = if lang.is_empty() { chrome::ui_language().to_lowercase().starts_with("zh") } else { lang.starts_with("zh") };
    let analyzer = Analyzer::new().map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut knowledge = Knowledge::builtin().map_err(|e| JsValue::from_str(&e.to_string()))?;
    // The shop's policy from the options page, over the defaults (a damaged value keeps the defaults).
    if let Ok(p) = serde_json::from_str::<crate::knowledge::Policy>(&policy) {
        knowledge.policy = p;
    }
    // The shop's own replies (options page, "save as reply"); a damaged list is skipped, not fatal.
    let custom = Knowledge::parse_custom(&custom).unwrap_or_default();
    for p in knowledge.add_custom(&custom) {
        web_sys_log(&format!("duxin: skipped custom reply {p}"));
    }
    let panel: Shared = Rc::new(RefCell::new(Panel {
        learned: crate::learning::Learned::from_json(&learned),
        exceptions,
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
        zh,
        selected: 0,
        note: None,
    }));
    view::render(&panel);
    PANEL.with(|slot| *slot.borrow_mut() = Some(panel.clone()));
    let p = panel.clone();
    chrome::connect_to_page(move |port| {
        let on_msg = {
            let p = p.clone();
            move |v: JsValue| on_message(&p, v)
        };
        let on_disconnect = {
            let p = p.clone();
            move || {
                p.borrow_mut().status = Status::Error(chrome::msg("disconnected"));
                p.borrow_mut().port = None;
                view::render(&p);
            }
        };
        port.listen(on_msg, on_disconnect);
        p.borrow_mut().port = Some(port);
        send(&p, &ToPage::Refresh);
    });
    install_keys(&panel);
    Ok(())
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
        ToPanel::Snapshot { conversation, site } => {
            learn_from_sent(p, &conversation);
            learn_style(p, &conversation);
            let paint = {
                let mut st = p.borrow_mut();
                let analysis = st.analyzer.analyze(&conversation);
                let suggestions = crate::suggest::suggest_learned(&conversation, &analysis, &st.knowledge, Some(&st.style), Some(&st.learned));
                let paint = ToPage::Paint { highlights: highlights(&analysis, st.zh) };
                let changed = st.model.as_ref().is_none_or(|m| m.suggestions != suggestions);
                st.model = Some(PanelModel { analysis, suggestions });
                st.conversation = Some(conversation);
                st.status = Status::Reading { profile: site.profile, matched: site.matched, composer: site.composer };
                if changed {
                    st.selected = 0;
                }
                paint
            };
            send(p, &paint);
            view::render(p);
        }
        ToPanel::NoConsole { site } => {
            {
                let mut st = p.borrow_mut();
                st.model = None;
                st.status = Status::NoConsole { host: site.host };
            }
            send(p, &ToPage::Paint { highlights: Vec::new() });
            view::render(p);
        }
        ToPanel::Command { name } => command(p, &name),
        ToPanel::Inserted { ok, technique, detail } => {
            let note = if ok {
                if technique == "clipboard" {
                    chrome::msg("copied_instead")
                } else {
                    chrome::msg("inserted")
                }
            } else {
                format!("{} {}", chrome::msg("insert_failed"), detail.unwrap_or_default())
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

pub(crate) fn insert(p: &Shared, text: String) {
    send(p, &ToPage::Insert { text, mode: InsertMode::Caret });
}

fn agent_count(c: &crate::conversation::Conversation) -> usize {
    c.messages.iter().filter(|m| m.role == crate::conversation::Role::Agent).count()
}

/// Insert a suggestion and remember it, to learn from what the agent then sends.
pub(crate) fn insert_suggestion(p: &Shared, entry: String, text: String) {
    let n = p.borrow().conversation.as_ref().map(agent_count).unwrap_or(0);
    p.borrow_mut().pending = Some((entry, text.clone(), n));
    insert(p, text);
}

/// "Save as reply": the agent's last sent message becomes one of the shop's replies.
pub(crate) fn save_last_sent(p: &Shared) {
    let (conv, intent) = {
        let st = p.borrow();
        (st.conversation.clone(), st.model.as_ref().and_then(|m| m.analysis.intent))
    };
    let Some(conv) = conv else { return };
    let Some(text) = conv.messages.iter().rev().find(|m| m.role == crate::conversation::Role::Agent).map(|m| m.text.trim().to_string()) else { return };
    let reply = crate::knowledge::CustomReply {
        id: format!("my.{}", js_sys::Date::now() as u64),
        lang: crate::suggest::language(&conv),
        intent: intent.unwrap_or(crate::kinds::Intent::Other),
        text,
    };
    p.borrow_mut().knowledge.add_custom(std::slice::from_ref(&reply));
    p.borrow_mut().custom.push(reply);
    let json = serde_json::to_string(&p.borrow().custom).unwrap_or_default();
    chrome::store("kb_custom", &json);
    p.borrow_mut().note = Some(chrome::msg("saved_reply"));
    rerank(p);
}

fn rerank(p: &Shared) {
    let conv = p.borrow().conversation.clone();
    if let Some(c) = conv {
        let mut st = p.borrow_mut();
        let a = st.analyzer.analyze(&c);
        let s = crate::suggest::suggest_learned(&c, &a, &st.knowledge, Some(&st.style), Some(&st.learned));
        st.model = Some(PanelModel { analysis: a, suggestions: s });
        st.selected = 0;
    }
    view::render(p);
}

/// The supervisor answered an exception request: keep the outcome (for the approval rate).
pub(crate) fn exception_outcome(p: &Shared, approved: bool) {
    let kind = p.borrow().model.as_ref().and_then(|m| m.suggestions.exception.as_ref().map(|e| e.kind.clone()));
    let Some(kind) = kind else { return };
    let day = (js_sys::Date::now() / 86_400_000.0).floor() as i32;
    let rec = crate::insights::ExceptionRecord { day, kind: serde_json::to_value(&kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(), approved: Some(approved) };
    let list = {
        let mut st = p.borrow_mut();
        st.exceptions.push(rec);
        serde_json::to_string(&st.exceptions).unwrap_or_default()
    };
    chrome::store("exceptions", &list);
    p.borrow_mut().note = Some(chrome::msg(if approved { "exc_approved" } else { "exc_denied" }));
    view::render(p);
}

/// The agent dismissed a suggestion: remember it and re-rank.
pub(crate) fn dismiss(p: &Shared, entry: String, text: String) {
    record(p, crate::learning::Feedback { entry, outcome: crate::learning::Outcome::Dismissed, suggested: text, sent: None });
    rerank(p);
}

fn record(p: &Shared, f: crate::learning::Feedback) {
    let json = {
        let mut st = p.borrow_mut();
        st.learned.record(&f);
        serde_json::to_string(&st.learned).unwrap_or_default()
    };
    chrome::store("learned", &json);
}

/// Learn the agent's voice from messages they sent that were not learned from yet, and keep it.
fn learn_style(p: &Shared, c: &crate::conversation::Conversation) {
    let agent: Vec<crate::conversation::Message> = c.messages.iter().filter(|m| m.role == crate::conversation::Role::Agent).cloned().collect();
    let seen = p.borrow().seen_agent;
    // Fewer agent messages than before: another conversation is open; start counting again.
    let from = if agent.len() < seen { 0 } else { seen };
    p.borrow_mut().seen_agent = agent.len();
    if from >= agent.len() || p.borrow().style.locked {
        return;
    }
    let fresh = crate::conversation::Conversation { messages: agent[from..].to_vec(), ..Default::default() };
    let next = crate::style::learn(&fresh, Some(&p.borrow().style));
    chrome::store("style", &serde_json::to_string(&next).unwrap_or_default());
    p.borrow_mut().style = next;
}

/// When the agent's next message appears after an insertion: accepted as is, edited, or not used.
fn learn_from_sent(p: &Shared, c: &crate::conversation::Conversation) {
    let pending = p.borrow().pending.clone();
    let Some((entry, text, n)) = pending else { return };
    if agent_count(c) <= n {
        return;
    }
    let sent = c.messages.iter().rev().find(|m| m.role == crate::conversation::Role::Agent).map(|m| m.text.clone()).unwrap_or_default();
    let outcome = crate::learning::outcome_of(&text, &sent);
    p.borrow_mut().pending = None;
    record(p, crate::learning::Feedback { entry, outcome, suggested: text, sent: (outcome == crate::learning::Outcome::Edited).then_some(sent) });
}

/// Keyboard commands: cycle suggestions, insert the selected one, copy the supervisor request.
fn command(p: &Shared, name: &str) {
    let n = p.borrow().model.as_ref().map(|m| m.suggestions.replies.len()).unwrap_or(0);
    match name {
        "next-suggestion" | "previous-suggestion" if n > 0 => {
            let step = if name == "next-suggestion" { 1 } else { n - 1 };
            let s = (p.borrow().selected + step) % n;
            p.borrow_mut().selected = s;
            view::render(p);
        }
        "insert-suggestion" => {
            let text = {
                let st = p.borrow();
                st.model.as_ref().and_then(|m| m.suggestions.replies.get(st.selected).map(|r| (r.entry.clone(), r.text.clone())))
            };
            if let Some((e, t)) = text {
                insert_suggestion(p, e, t);
            }
        }
        "copy-request" => {
            let text = p.borrow().model.as_ref().and_then(|m| m.suggestions.exception.as_ref().map(|e| e.supervisor.clone()));
            if let Some(t) = text {
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
        let Some(k) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e) else { return };
        if !k.alt_key() {
            return;
        }
        if p.borrow().model.as_ref().is_none_or(|m| m.suggestions.replies.is_empty()) {
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
/// with the native ones: `node scripts/wasm-bench.mjs`.
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
