//! The few `chrome.*` calls the panel needs, bound directly (no JS glue of our own).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = getCurrent)]
    fn tabs_get_current(cb: &Closure<dyn FnMut(JsValue)>);
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query)]
    fn tabs_query(q: &JsValue, cb: &Closure<dyn FnMut(JsValue)>);
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = connect)]
    fn tabs_connect(tab_id: f64, info: &JsValue) -> JsPort;
    #[wasm_bindgen(js_namespace = ["chrome", "permissions"], js_name = request)]
    fn permissions_request(p: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage)]
    fn runtime_send_message(m: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = openOptionsPage)]
    fn runtime_open_options_page() -> js_sys::Promise;
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn i18n_get(key: &str) -> String;
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getUILanguage)]
    pub fn i18n_ui_language() -> String;

    /// `store.js`, handed over by panel.js: the IndexedDB database (errors come back through
    /// `panel_store_error`).
    #[wasm_bindgen(js_namespace = duxinStore, js_name = putJson)]
    pub fn store_put_json(table: &str, json: &str);
    #[wasm_bindgen(js_namespace = duxinStore, js_name = setKv)]
    pub fn store_set_kv(key: &str, json: &str);

    #[wasm_bindgen(js_name = Object)]
    pub type JsPort;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &JsPort, msg: &JsValue);
    #[wasm_bindgen(method, getter, js_name = onMessage)]
    fn on_message(this: &JsPort) -> JsEvent;
    #[wasm_bindgen(method, getter, js_name = onDisconnect)]
    fn on_disconnect(this: &JsPort) -> JsEvent;

    #[wasm_bindgen(js_name = Object)]
    pub type JsEvent;
    #[wasm_bindgen(method, js_name = addListener)]
    fn add_listener(this: &JsEvent, cb: &JsValue);
}

pub struct Port(JsPort);

impl Port {
    pub fn post(&self, v: &JsValue) {
        self.0.post_message(v);
    }

    pub fn listen(
        &self,
        on_msg: impl FnMut(JsValue) + 'static,
        on_disconnect: impl FnMut() + 'static,
    ) {
        let m = Closure::<dyn FnMut(JsValue)>::new(on_msg);
        self.0.on_message().add_listener(m.as_ref());
        m.forget();
        let d = Closure::<dyn FnMut()>::new(on_disconnect);
        self.0.on_disconnect().add_listener(d.as_ref());
        d.forget();
    }
}

fn tab_id(tab: &JsValue) -> Option<f64> {
    js_sys::Reflect::get(tab, &JsValue::from_str("id"))
        .ok()?
        .as_f64()
}

/// Connect to the content script of the tab this panel belongs to: the tab that frames it, or,
/// as Chrome's side panel, the active tab of this window.
pub fn connect_to_page(on_port: impl FnOnce(Port) + 'static) {
    let connect = move |id: f64| {
        let info = serde_json::json!({ "name": crate::protocol::PORT_NAME, "frameId": 0 });
        on_port(Port(tabs_connect(id, &object(&info.to_string()))));
    };
    let cb = Closure::<dyn FnMut(JsValue)>::once(move |tab: JsValue| match tab_id(&tab) {
        Some(id) => connect(id),
        None => {
            let q = object(r#"{"active":true,"currentWindow":true}"#);
            let cb2 = Closure::<dyn FnMut(JsValue)>::once(move |tabs: JsValue| {
                if let Some(id) = tab_id(&js_sys::Array::from(&tabs).get(0)) {
                    connect(id);
                }
            });
            tabs_query(&q, &cb2);
            cb2.forget();
        }
    });
    tabs_get_current(&cb);
    cb.forget();
}

thread_local! {
    /// Strings of a locale the agent chose in the options page (chrome.i18n only knows the
    /// browser's).
    static CHOSEN: std::cell::RefCell<crate::copilot::Messages> = Default::default();
}

pub fn set_messages(json: &str) {
    CHOSEN.with(|o| *o.borrow_mut() = crate::copilot::Messages::parse(json));
}

/// A UI string from `_locales` (see `Messages::text`).
pub fn msg(key: &str) -> String {
    CHOSEN.with(|o| o.borrow().text(key, i18n_get))
}

/// A small JS object from JSON.
pub fn object(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap_or(JsValue::NULL)
}

/// Ask Chrome for access to one site (Chrome shows its own prompt; this must run in a click).
/// When the agent allows it, the service worker is asked to register the content script there
/// and to tell the open tabs of that site; `done` gets whether access was granted.
pub fn enable_site(pattern: &str, done: impl FnOnce(bool) + 'static) {
    let req = object(&serde_json::json!({ "origins": [pattern] }).to_string());
    // One answer either way: granted, refused, or the request failed (its error is no `true`).
    let mut done = Some(done);
    let answer = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
        let granted = v.as_bool() == Some(true);
        if granted {
            let _ = runtime_send_message(&object(r#"{"type":"sync-sites"}"#));
        }
        if let Some(f) = done.take() {
            f(granted);
        }
    });
    let _ = permissions_request(&req).then2(&answer, &answer);
    answer.forget();
}

/// The options page (where other sites are enabled).
pub fn open_options() {
    let _ = runtime_open_options_page();
}

/// An extension page in a new tab.
pub fn open_tab(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.open_with_url_and_target(url, "_blank");
    }
}
