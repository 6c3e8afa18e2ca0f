//! Draws the copilot's view (`copilot::view`, plain nodes) into the panel page, rebuilt on every
//! change (it is small), and wires its clicks and slot inputs back. Text goes in as text nodes
//! and attribute values only.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

use super::{act, chrome::msg, Shared};
use crate::copilot::view::{panel, CardState, Node};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("panel runs in a document")
}

pub fn render(p: &Shared) {
    if p.borrow().composing {
        // Typing with an IME in a slot: rebuilding now would end the composition.
        p.borrow_mut().render_deferred = true;
        return;
    }
    let doc = document();
    let Some(root) = doc.get_element_by_id("app") else {
        return;
    };
    let focus = focused_slot(&doc);
    root.set_text_content(None);
    let nodes = panel(&p.borrow().copilot, &msg);
    for e in nodes.iter().filter_map(|n| build(p, &doc, n)) {
        root.append_child(&e).ok();
    }
    if let Some((key, from, to)) = focus {
        focus_at(&doc, &key, Some((from, to)));
    }
}

fn build(p: &Shared, doc: &Document, n: &Node) -> Option<web_sys::Node> {
    if n.tag.is_empty() {
        return Some(doc.create_text_node(n.text.as_deref().unwrap_or("")).into());
    }
    let e = match n.svg {
        true => doc.create_element_ns(Some("http://www.w3.org/2000/svg"), n.tag),
        false => doc.create_element(n.tag),
    }
    .ok()?;
    for (k, v) in &n.attrs {
        e.set_attribute(k, v).ok();
    }
    if let Some(t) = &n.text {
        e.set_text_content(Some(t));
    }
    for c in n.children.iter().filter_map(|c| build(p, doc, c)) {
        e.append_child(&c).ok();
    }
    if let Some(a) = &n.click {
        let (pp, a) = (p.clone(), a.clone());
        listen(&e, "click", move || act(&pp, a.clone()));
    }
    if let Some(i) = n.select_on_focus {
        select_on_focus(p, &e, i);
    }
    if let Some((card, i)) = n.slot {
        on_slot_events(p, &e, card, i);
    }
    Some(e.into())
}

fn listen(e: &Element, event: &'static str, mut f: impl FnMut() + 'static) {
    gloo_events::EventListener::new(e, event, move |_| f()).forget();
}

/// Keep the last copied text on the panel's body (readable by the E2E suite; the page cannot
/// read our frame); `write`: put it on the clipboard too.
pub fn copied(text: &str, write: bool) {
    let Some(w) = web_sys::window() else { return };
    if write {
        let _ = w.navigator().clipboard().write_text(text);
    }
    if let Some(b) = w.document().and_then(|d| d.body()) {
        b.set_attribute("data-last-copied", text).ok();
    }
}

/// Typing in a card's blank selects that card, so Alt+Enter inserts the card being filled.
fn select_on_focus(p: &Shared, card: &Element, index: usize) {
    let (pp, c) = (p.clone(), card.clone());
    listen(card, "focusin", move || {
        pp.borrow_mut().copilot.selected = index;
        for other in all(&c.parent_element(), ".card") {
            other.set_class_name("card");
        }
        c.set_class_name("card selected");
    });
}

/// Elements under `root` matching `selector`.
fn all(root: &Option<Element>, selector: &str) -> Vec<Element> {
    let list = root.as_ref().map(|r| r.query_selector_all(selector));
    let Some(Ok(list)) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|k| list.item(k)?.dyn_into::<Element>().ok())
        .collect()
}

/// Typing keeps the value in the copilot and updates this card in place: the panel is not
/// rebuilt while the agent types.
fn on_slot_events(p: &Shared, input: &Element, card: usize, i: usize) {
    let (pp, inp) = (p.clone(), input.clone());
    listen(input, "input", move || {
        let value = inp.dyn_ref::<HtmlInputElement>().map(|x| x.value());
        let filled = pp
            .borrow_mut()
            .copilot
            .fill_slot(card, i, value.unwrap_or_default(), &msg);
        let Some(CardState { marks, insert }) = filled else {
            return;
        };
        let card = inp.closest(".card").ok().flatten();
        for (m, (text, class)) in all(&card, "mark.slot-mark").iter().zip(marks) {
            m.set_text_content(Some(&text));
            m.set_class_name(class);
        }
        if let Some(b) = all(&card, "[data-testid=insert]").first() {
            b.set_text_content(Some(&insert.0));
            let _ = if insert.1 {
                b.remove_attribute("disabled")
            } else {
                b.set_attribute("disabled", "")
            };
        }
    });
    let pp = p.clone();
    listen(input, "compositionstart", move || {
        pp.borrow_mut().composing = true
    });
    let pp = p.clone();
    listen(input, "compositionend", move || {
        let deferred = {
            let mut st = pp.borrow_mut();
            st.composing = false;
            std::mem::take(&mut st.render_deferred)
        };
        if deferred {
            render(&pp);
        }
    });
}

/// The slot input that has the focus, and its selection (to keep both across a re-render).
fn focused_slot(doc: &Document) -> Option<(String, u32, u32)> {
    let active = doc.active_element()?;
    let key = active.get_attribute("data-slot-key")?;
    let inp = active.dyn_ref::<HtmlInputElement>()?;
    let from = inp.selection_start().ok().flatten().unwrap_or(0);
    let to = inp.selection_end().ok().flatten().unwrap_or(0);
    Some((key, from, to))
}

/// Put the caret in a slot input (`entry#index`), with its selection when it had one.
fn focus_at(doc: &Document, key: &str, selection: Option<(u32, u32)>) {
    let Some(inp) = all(&doc.document_element(), "input[data-slot-key]")
        .into_iter()
        .filter_map(|e| e.dyn_into::<HtmlInputElement>().ok())
        .find(|i| i.get_attribute("data-slot-key").as_deref() == Some(key))
    else {
        return;
    };
    inp.focus().ok();
    if let Some((from, to)) = selection {
        inp.set_selection_range(from, to).ok();
    }
}

/// Put the caret in a card's slot input (the insert command found it blank).
pub fn focus_slot(key: &str) {
    focus_at(&document(), key, None);
}
