//! The browser boundary (wasm32 only): the panel page's adapter. It carries messages between the
//! `chrome.runtime` port and the `Copilot` (the core decides), carries out the copilot's effects
//! (port, database, clipboard) and draws its view (`view`). Nothing here decides.
//!
//! Page text reaches the DOM only as text nodes and attribute values: it is never parsed as HTML.

mod chrome;
mod team;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::copilot::{Action, Clock, Copilot, Effect};
use crate::protocol::ToPage;

/// One panel: the copilot, the port to the page, and an IME composition under way in a slot
/// input (re-rendering would break it, so the render waits for its end).
pub(crate) struct Panel {
    copilot: Copilot,
    port: Option<chrome::Port>,
    composing: bool,
    render_deferred: bool,
}

pub(crate) type Shared = Rc<RefCell<Panel>>;

thread_local! {
    /// The one panel of this page, for the exported actions below.
    static PANEL: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

fn with_panel<T>(f: impl FnOnce(&Shared) -> T) -> Option<T> {
    PANEL.with(|p| p.borrow().as_ref().map(f))
}

/// The open conversation as JSON in the `duxin analyze` format (empty when nothing is read).
#[wasm_bindgen]
pub fn panel_conversation() -> String {
    with_panel(|p| p.borrow().copilot.export()).unwrap_or_default()
}

/// Insert `text` into the page's composer, as the Insert button does (`mode`: "caret" or
/// "replace"). Exported for keyboard commands and for the E2E suite, which drives it from the
/// panel frame; the host page cannot reach it (the frame is cross-origin to the page).
#[wasm_bindgen]
pub fn panel_insert(text: String, mode: String) -> bool {
    with_panel(|p| {
        let done = p.borrow_mut().copilot.insert_named(text, &mode);
        perform(p);
        done
    })
    .unwrap_or(false)
}

/// The local database could not keep a record (quota, blocked): say so in the panel.
#[wasm_bindgen]
pub fn panel_store_error(message: String) {
    with_panel(|p| {
        p.borrow_mut().copilot.store_failed(message);
        view::render(p);
    });
}

/// Entry point called by `panel.js` once the module is instantiated. `stored` holds what this
/// machine keeps for Duxin, each value a string (see `Copilot::from_stored`), and `lang` (the
/// options page's choice: "zh_CN", "en" or "" for the browser's) and `messages` (that locale's
/// messages.json).
#[wasm_bindgen]
pub fn start_panel(stored: JsValue) -> Result<(), JsValue> {
    let get = |k: &str| {
        js_sys::Reflect::get(&stored, &k.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    chrome::set_messages(&get("messages"));
    let zh = crate::copilot::speaks_zh(&get("lang"), &chrome::i18n_ui_language());
    let copilot = Copilot::from_stored(zh, get).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let panel: Shared = Rc::new(RefCell::new(Panel {
        copilot,
        port: None,
        composing: false,
        render_deferred: false,
    }));
    perform(&panel);
    PANEL.with(|slot| *slot.borrow_mut() = Some(panel.clone()));
    connect(&panel);
    install_keys(&panel);
    Ok(())
}

/// Connect to the page this panel belongs to (again, after another panel took over).
fn connect(panel: &Shared) {
    let p = panel.clone();
    chrome::connect_to_page(move |port| {
        let (p1, p2) = (p.clone(), p.clone());
        port.listen(move |v| on_message(&p1, v), move || disconnected(&p2));
        p.borrow_mut().port = Some(port);
        send(&p, &ToPage::Refresh);
    });
}

/// The page went away (reloaded, closed, or another panel took it).
fn disconnected(p: &Shared) {
    p.borrow_mut().copilot.disconnected();
    p.borrow_mut().port = None;
    view::render(p);
}

/// A message from the page, handed to the core as JSON.
fn on_message(p: &Shared, v: JsValue) {
    let json = js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string());
    p.borrow_mut()
        .copilot
        .on_json(&json.unwrap_or_default(), now());
    perform(p);
}

/// What the agent did in the panel: decided by the core, carried out here.
pub(crate) fn act(p: &Shared, action: Action) {
    p.borrow_mut().copilot.act(action, now());
    perform(p);
}

/// Carry out what the copilot decided, in order, then draw the panel.
fn perform(p: &Shared) {
    let effects = p.borrow_mut().copilot.take_effects();
    let mut focus = None;
    for e in effects {
        match e {
            Effect::Page(m) => send(p, &m),
            Effect::Keep { key, json } => chrome::store_set_kv(key, &json),
            Effect::Store { table, json } => chrome::store_put_json(table, &json),
            Effect::Copied { text, write } => view::copied(&text, write),
            Effect::FocusSlot(key) => focus = Some(key),
            Effect::Warn(w) => log(&w),
            Effect::OpenDashboard => chrome::open_tab("dashboard.html"),
            Effect::OpenOptions => chrome::open_options(),
            Effect::Connect => connect(p),
            Effect::AskSite(pattern) => {
                let p = p.clone();
                chrome::enable_site(&pattern, move |granted| {
                    if !granted {
                        p.borrow_mut().copilot.site_refused();
                        view::render(&p);
                    }
                });
            }
        }
    }
    view::render(p);
    if let Some(key) = focus {
        view::focus_slot(&key);
    }
}

fn send(p: &Shared, m: &ToPage) {
    if let (Some(port), Ok(json)) = (&p.borrow().port, serde_json::to_string(m)) {
        port.post(&chrome::object(&json));
    }
}

/// Keys pressed in the panel (see `Copilot::key`).
fn install_keys(p: &Shared) {
    let p = p.clone();
    gloo_events::EventListener::new(&view::document(), "keydown", move |e| {
        let Some(k) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e) else {
            return;
        };
        if p.borrow_mut().copilot.key(&k.key(), k.alt_key(), now()) {
            perform(&p);
            k.prevent_default();
        }
    })
    .forget();
}

/// Now and the agent's local day.
fn now() -> Clock {
    Clock::local(
        js_sys::Date::now(),
        js_sys::Date::new_0().get_timezone_offset(),
    )
}

fn log(s: &str) {
    web_sys::console::warn_1(&JsValue::from_str(s));
}

/// The dashboard's names for stored codes and starter replies (see `dashboard::labels`).
#[wasm_bindgen]
pub fn dashboard_labels(zh: bool) -> String {
    crate::dashboard::labels(zh)
}

/// The dashboard's aggregation (see `dashboard::insights`): the three tables as UTF-8 JSON
/// arrays, read from the database as bytes (`store.allBytes`), and the filter.
#[wasm_bindgen]
pub fn dashboard_insights(
    conversations: &[u8],
    events: &[u8],
    exceptions: &[u8],
    filter: &str,
) -> String {
    let tables = [conversations, events, exceptions];
    crate::dashboard::insights(tables, filter, &js_sys::Date::now)
}

/// The criterion benchmark's workloads, run inside wasm (see `corpus::bench`); only in the wasm
/// `make bench` builds with the `wasm-bench` feature, never in the extension's.
#[cfg(feature = "wasm-bench")]
#[wasm_bindgen]
pub fn bench_engine(iterations: u32) -> String {
    crate::corpus::bench(iterations, &js_sys::Date::now)
}
