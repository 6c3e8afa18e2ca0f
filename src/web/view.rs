//! The panel's DOM, rebuilt from the model on every change (it is small). Text only: every string
//! that came from the page is set with `set_text_content`.

use web_sys::{Document, Element};

use super::chrome::msg;
use super::{dismiss, exception_outcome, insert, insert_suggestion, save_last_sent, Shared, Status};
use crate::analysis::{Analysis, SignalKind};


pub fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("panel runs in a document")
}

fn el(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Element {
    let e = doc.create_element(tag).expect("create element");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    e
}

fn on_click(e: &Element, f: impl FnMut() + 'static) {
    let mut f = f;
    gloo_events::EventListener::new(e, "click", move |_| f()).forget();
}

/// A box that says what is going on (lines of `(class, text)`) and offers one action: a button
/// `(class, message key of its label, test id)`.
fn notice(doc: &Document, class: &str, testid: &str, lines: &[(&str, String)], button: (&str, &str, &str), on: impl FnMut() + 'static) -> Element {
    let b = el(doc, "div", class, None);
    b.set_attribute("data-testid", testid).ok();
    for (c, text) in lines {
        b.append_child(&el(doc, "p", c, Some(text))).ok();
    }
    let (bclass, label, bid) = button;
    let act = el(doc, "button", bclass, Some(&msg(label)));
    act.set_attribute("data-testid", bid).ok();
    on_click(&act, on);
    b.append_child(&act).ok();
    b
}

pub fn render(p: &Shared) {
    let doc = document();
    let Some(root) = doc.get_element_by_id("app") else { return };
    root.set_text_content(None);
    let st = p.borrow();
    let zh = st.zh;

    let header = el(&doc, "header", "bar", None);
    header.append_child(&el(&doc, "span", "brand", Some(&msg("brand")))).ok();
    if let Some(m) = &st.model {
        let r = &m.analysis.risk;
        let badge = el(&doc, "span", &format!("risk risk-{}", r.level), Some(&format!("{} {}", msg("risk"), r.score)));
        badge.set_attribute("data-testid", "risk").ok();
        badge.set_attribute("title", &r.reasons.iter().take(3).map(|x| if zh { x.zh.clone() } else { x.en.clone() }).collect::<Vec<_>>().join("\n")).ok();
        header.append_child(&badge).ok();
    }
    root.append_child(&header).ok();
    if let Some(m) = &st.model {
        let reasons = &m.analysis.risk.reasons;
        if !reasons.is_empty() {
            let ul = el(&doc, "ul", "reasons", None);
            ul.set_attribute("data-testid", "risk-reasons").ok();
            for r in reasons.iter().take(3) {
                ul.append_child(&el(&doc, "li", "", Some(if zh { &r.zh } else { &r.en }))).ok();
            }
            root.append_child(&ul).ok();
        }
    }

    if let Some(pattern) = &st.visit_only {
        // Started by the shortcut on a site that is not enabled: offer to keep Duxin here.
        let (pp, pattern) = (p.clone(), pattern.clone());
        let b = notice(&doc, "visit-only", "visit-only", &[("hint", msg("visit_only"))], ("secondary", "enable_site", "enable-site"), move || {
            let pp = pp.clone();
            super::chrome::enable_site(&pattern, move |granted| {
                if !granted {
                    pp.borrow_mut().note = Some(msg("enable_refused"));
                    render(&pp);
                }
            });
        });
        root.append_child(&b).ok();
    }

    match &st.status {
        Status::Connecting => {
            root.append_child(&el(&doc, "p", "empty", Some(&msg("connecting")))).ok();
        }
        Status::Error(e) => {
            root.append_child(&el(&doc, "p", "empty", Some(e))).ok();
        }
        Status::Superseded => {
            let pp = p.clone();
            let b = notice(&doc, "empty", "superseded", &[("", msg("superseded"))], ("secondary", "use_here", "use-here"), move || super::reconnect(&pp));
            root.append_child(&b).ok();
        }
        Status::NotHere => {
            let lines = [("", msg("not_here")), ("hint", msg("not_here_hint"))];
            let b = notice(&doc, "empty", "not-here", &lines, ("secondary", "open_options", "open-options"), super::chrome::open_options);
            root.append_child(&b).ok();
        }
        Status::NoConsole { host } => {
            // Nothing read: offer to be shown the chat (the element picker, in the page).
            let pp = p.clone();
            let lines = [("", format!("{} {}", msg("no_console"), host)), ("hint", msg("no_console_hint"))];
            let b = notice(&doc, "empty", "no-console", &lines, ("insert", "teach", "teach"), move || super::send(&pp, &crate::protocol::ToPage::Teach));
            root.append_child(&b).ok();
        }
        Status::Reading { profile, matched, composer } => {
            let s = el(&doc, "div", "status", Some(&format!("{} {}{}", msg("reading_with"), profile, if *composer { "" } else { " · " }.to_string() + &if *composer { String::new() } else { msg("no_composer") })));
            s.set_attribute("data-testid", "status").ok();
            if !matched.is_empty() {
                s.set_attribute("title", &matched.join("\n")).ok();
            }
            root.append_child(&s).ok();
        }
    }

    if let Some(m) = &st.model {
        let a = &m.analysis;
        mood(&doc, &root, a, zh);
        signals(&doc, &root, a, zh);
        cues(&doc, &root, a, zh);
        // An exception request, when one applies, is the most useful thing: first.
        if let Some(e) = &m.suggestions.exception {
            let sec = el(&doc, "section", "exception", None);
            sec.set_attribute("data-testid", "exception").ok();
            sec.append_child(&el(&doc, "h2", "", Some(&format!("{} · {}", msg("exception"), e.gap_text)))).ok();
            sec.append_child(&el(&doc, "h3", "", Some(&msg("to_supervisor")))).ok();
            let sup = el(&doc, "p", "text draft", Some(&e.supervisor));
            sup.set_attribute("data-testid", "supervisor-draft").ok();
            sec.append_child(&sup).ok();
            sec.append_child(&el(&doc, "h3", "", Some(&msg("to_customer")))).ok();
            sec.append_child(&el(&doc, "p", "text draft", Some(&e.customer))).ok();
            let row = el(&doc, "div", "row", None);
            let b1 = el(&doc, "button", "insert", Some(&msg("insert_holding")));
            b1.set_attribute("data-testid", "insert-holding").ok();
            let (cust, supv) = (e.customer.clone(), e.supervisor.clone());
            let pp = p.clone();
            on_click(&b1, move || {
                super::exception_requested(&pp);
                insert(&pp, cust.clone());
                copy(&pp, supv.clone());
            });
            let b2 = el(&doc, "button", "secondary", Some(&msg("copy_supervisor")));
            b2.set_attribute("data-testid", "copy-supervisor").ok();
            let supv2 = e.supervisor.clone();
            let pp2 = p.clone();
            on_click(&b2, move || {
                super::exception_requested(&pp2);
                copy(&pp2, supv2.clone());
            });
            row.append_child(&b1).ok();
            row.append_child(&b2).ok();
            sec.append_child(&row).ok();
            let row2 = el(&doc, "div", "row", None);
            for (label, ok, id) in [("exc_mark_approved", true, "approved"), ("exc_mark_denied", false, "denied")] {
                let b = el(&doc, "button", "secondary", Some(&msg(label)));
                b.set_attribute("data-testid", id).ok();
                let pp = p.clone();
                on_click(&b, move || exception_outcome(&pp, ok));
                row2.append_child(&b).ok();
            }
            sec.append_child(&row2).ok();
            root.append_child(&sec).ok();
        }
        // Suggestions.
        let sec = el(&doc, "section", "suggestions", None);
        sec.append_child(&el(&doc, "h2", "", Some(&msg("suggestions")))).ok();
        if m.suggestions.replies.is_empty() {
            sec.append_child(&el(&doc, "p", "empty", Some(&msg("no_suggestions")))).ok();
        }
        for (i, s) in m.suggestions.replies.iter().enumerate() {
            let card = el(&doc, "div", if i == st.selected { "card selected" } else { "card" }, None);
            card.set_attribute("data-testid", "suggestion").ok();
            card.append_child(&el(&doc, "p", "text", Some(&s.text))).ok();
            card.append_child(&el(&doc, "p", "why", Some(if zh { &s.why_zh } else { &s.why_en }))).ok();
            let row = el(&doc, "div", "row", None);
            let b = el(&doc, "button", "insert", Some(&msg("insert")));
            b.set_attribute("data-testid", "insert").ok();
            let (entry, text) = (s.entry.clone(), s.text.clone());
            let pp = p.clone();
            on_click(&b, move || insert_suggestion(&pp, entry.clone(), text.clone()));
            row.append_child(&b).ok();
            let d = el(&doc, "button", "secondary", Some(&msg("dismiss")));
            d.set_attribute("data-testid", "dismiss").ok();
            let (entry, text) = (s.entry.clone(), s.text.clone());
            let pp = p.clone();
            on_click(&d, move || dismiss(&pp, entry.clone(), text.clone()));
            row.append_child(&d).ok();
            card.append_child(&row).ok();
            sec.append_child(&card).ok();
        }
        root.append_child(&sec).ok();

    }
    let tools = el(&doc, "div", "row tools", None);
    if st.model.is_some() {
        let b = el(&doc, "button", "secondary export", Some(&msg("export")));
        b.set_attribute("data-testid", "export").ok();
        let pp = p.clone();
        on_click(&b, move || copy(&pp, super::panel_conversation()));
        tools.append_child(&b).ok();
    }
    if st.conversation.as_ref().is_some_and(|c| c.messages.iter().any(|m| m.role == crate::conversation::Role::Agent)) {
        let b = el(&doc, "button", "secondary", Some(&msg("save_reply")));
        b.set_attribute("data-testid", "save-reply").ok();
        let pp = p.clone();
        on_click(&b, move || save_last_sent(&pp));
        tools.append_child(&b).ok();
    }
    if matches!(st.status, Status::Reading { .. }) {
        let b = el(&doc, "button", "secondary", Some(&msg("reteach")));
        b.set_attribute("data-testid", "reteach").ok();
        let pp = p.clone();
        on_click(&b, move || super::send(&pp, &crate::protocol::ToPage::Teach));
        tools.append_child(&b).ok();
    }
    let dash = el(&doc, "button", "secondary", Some(&msg("dashboard")));
    dash.set_attribute("data-testid", "open-dashboard").ok();
    on_click(&dash, || {
        if let Some(w) = web_sys::window() {
            let _ = w.open_with_url_and_target("dashboard.html", "_blank");
        }
    });
    tools.append_child(&dash).ok();
    let off = el(&doc, "button", "secondary", Some(&msg("disable_site")));
    off.set_attribute("data-testid", "disable-site").ok();
    let pp = p.clone();
    on_click(&off, move || super::send(&pp, &crate::protocol::ToPage::DisableSite));
    tools.append_child(&off).ok();
    root.append_child(&tools).ok();
    if let Some(n) = &st.note {
        let f = el(&doc, "footer", "note", Some(n));
        f.set_attribute("data-testid", "note").ok();
        root.append_child(&f).ok();
    }
}

fn copy(p: &Shared, text: String) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(&text);
    }
    mark_copied(&text);
    p.borrow_mut().note = Some(msg("copied"));
}

/// Keep the last copied draft on the panel's body (readable by the E2E suite; the page cannot
/// read our frame).
pub fn mark_copied(text: &str) {
    if let Some(b) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        b.set_attribute("data-last-copied", text).ok();
    }
}

fn mood(doc: &Document, root: &Element, a: &Analysis, zh: bool) {
    let sec = el(doc, "section", "mood", None);
    let dom = a.dominant.map(|k| if zh { k.zh() } else { k.en() }).unwrap_or(if zh { "平静" } else { "calm" });
    let head = el(doc, "div", &format!("mood-head kind-{}", a.dominant.map(|k| k.as_str()).unwrap_or("calm")), Some(&format!("{} {}", msg("mood"), dom)));
    head.set_attribute("data-testid", "mood").ok();
    sec.append_child(&head).ok();
    if let Some(i) = a.intent {
        sec.append_child(&el(doc, "div", "intent", Some(&format!("{} {}", msg("intent"), if zh { i.zh() } else { i.en() })))).ok();
    }
    // Timeline: one point per customer message, polarity -1..1 drawn as an SVG polyline.
    if a.timeline.len() >= 2 {
        let ns = Some("http://www.w3.org/2000/svg");
        if let Ok(svg) = doc.create_element_ns(ns, "svg") {
            let (w, h) = (300.0, 40.0);
            svg.set_attribute("viewBox", &format!("0 0 {w} {h}")).ok();
            svg.set_attribute("class", "timeline").ok();
            svg.set_attribute("data-testid", "timeline").ok();
            let n = a.timeline.len() as f32;
            let pts: Vec<String> = a
                .timeline
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{:.1},{:.1}", i as f32 * w / (n - 1.0), h / 2.0 - p.polarity * (h / 2.0 - 3.0)))
                .collect();
            if let Ok(mid) = doc.create_element_ns(ns, "line") {
                for (k, v) in [("x1", "0"), ("x2", "300"), ("y1", "20"), ("y2", "20"), ("class", "axis")] {
                    mid.set_attribute(k, v).ok();
                }
                svg.append_child(&mid).ok();
            }
            if let Ok(line) = doc.create_element_ns(ns, "polyline") {
                line.set_attribute("points", &pts.join(" ")).ok();
                svg.append_child(&line).ok();
            }
            sec.append_child(&svg).ok();
        }
    }
    root.append_child(&sec).ok();
}

fn signals(doc: &Document, root: &Element, a: &Analysis, zh: bool) {
    if a.signals.is_empty() {
        return;
    }
    let sec = el(doc, "section", "signals", None);
    for s in &a.signals {
        let label = match s.kind {
            SignalKind::Burst => msg("sig_burst"),
            SignalKind::Repetition => msg("sig_repetition"),
            SignalKind::ToneShift => msg("sig_tone"),
            SignalKind::Waiting => msg("sig_waiting"),
        };
        let b = el(doc, "div", "badge", None);
        b.set_attribute("data-testid", "signal").ok();
        b.append_child(&el(doc, "strong", "", Some(&label))).ok();
        b.append_child(&el(doc, "span", "", Some(if zh { &s.reason_zh } else { &s.reason_en }))).ok();
        sec.append_child(&b).ok();
    }
    root.append_child(&sec).ok();
}

fn cues(doc: &Document, root: &Element, a: &Analysis, zh: bool) {
    // The latest customer turns' cues, strongest first, at most six lines.
    let mut list: Vec<(&crate::cues::Cue, u32)> = a.messages.iter().rev().take(4).flat_map(|m| m.reading.cues.iter().map(move |c| (c, m.index))).collect();
    if list.is_empty() {
        return;
    }
    list.sort_by(|x, y| y.0.intensity.partial_cmp(&x.0.intensity).unwrap_or(std::cmp::Ordering::Equal));
    let sec = el(doc, "section", "cues", None);
    sec.append_child(&el(doc, "h2", "", Some(&msg("cues")))).ok();
    let ul = el(doc, "ul", "", None);
    for (c, _) in list.into_iter().take(6) {
        let li = el(doc, "li", &format!("cue kind-{}", c.kind.as_str()), Some(if zh { &c.reason_zh } else { &c.reason_en }));
        li.set_attribute("data-testid", "cue").ok();
        li.set_attribute("data-kind", c.kind.as_str()).ok();
        ul.append_child(&li).ok();
    }
    sec.append_child(&ul).ok();
    root.append_child(&sec).ok();
}
