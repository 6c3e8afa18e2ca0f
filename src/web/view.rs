//! The panel's DOM, rebuilt from the model on every change (it is small). Text only: every string
//! that came from the page is set with `set_text_content`.

use web_sys::{Document, Element};

use super::chrome::msg;
use super::{
    dismiss, exception_outcome, insert, insert_suggestion, save_last_sent, slots, Shared, Status,
};
use crate::analysis::{Analysis, SignalKind};
use crate::suggest::Suggestion;

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("panel runs in a document")
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
fn notice(
    doc: &Document,
    class: &str,
    testid: &str,
    lines: &[(&str, String)],
    button: (&str, &str, &str),
    on: impl FnMut() + 'static,
) -> Element {
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
    build(p, doc.clone(), root);
    if let Some((key, from, to)) = focus {
        refocus_slot(&doc, &key, from, to);
    }
}

/// The panel's content from the model (`render` keeps a slot input's focus across it).
fn build(p: &Shared, doc: Document, root: Element) {
    let st = p.borrow();
    let zh = st.zh;

    let header = el(&doc, "header", "bar", None);
    header
        .append_child(&el(&doc, "span", "brand", Some(&msg("brand"))))
        .ok();
    if let Some(m) = &st.model {
        let r = &m.analysis.risk;
        let badge = el(
            &doc,
            "span",
            &format!("risk risk-{}", r.level),
            Some(&format!("{} {}", msg("risk"), r.score)),
        );
        badge.set_attribute("data-testid", "risk").ok();
        badge
            .set_attribute(
                "title",
                &r.reasons
                    .iter()
                    .take(3)
                    .map(|x| if zh { x.zh.clone() } else { x.en.clone() })
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
            .ok();
        header.append_child(&badge).ok();
    }
    root.append_child(&header).ok();
    if let Some(m) = &st.model {
        let reasons = &m.analysis.risk.reasons;
        if !reasons.is_empty() {
            let ul = el(&doc, "ul", "reasons", None);
            ul.set_attribute("data-testid", "risk-reasons").ok();
            for r in reasons.iter().take(3) {
                ul.append_child(&el(&doc, "li", "", Some(if zh { &r.zh } else { &r.en })))
                    .ok();
            }
            root.append_child(&ul).ok();
        }
    }

    if let Some(pattern) = &st.visit_only {
        // Started by the shortcut on a site that is not enabled: offer to keep Duxin here.
        let (pp, pattern) = (p.clone(), pattern.clone());
        let b = notice(
            &doc,
            "visit-only",
            "visit-only",
            &[("hint", msg("visit_only"))],
            ("secondary", "enable_site", "enable-site"),
            move || {
                let pp = pp.clone();
                super::chrome::enable_site(&pattern, move |granted| {
                    if !granted {
                        pp.borrow_mut().note = Some(msg("enable_refused"));
                        render(&pp);
                    }
                });
            },
        );
        root.append_child(&b).ok();
    }

    match &st.status {
        Status::Connecting => {
            root.append_child(&el(&doc, "p", "empty", Some(&msg("connecting"))))
                .ok();
        }
        Status::Error(e) => {
            root.append_child(&el(&doc, "p", "empty", Some(e))).ok();
        }
        Status::Superseded => {
            let pp = p.clone();
            let b = notice(
                &doc,
                "empty",
                "superseded",
                &[("", msg("superseded"))],
                ("secondary", "use_here", "use-here"),
                move || super::reconnect(&pp),
            );
            root.append_child(&b).ok();
        }
        Status::NotHere => {
            let lines = [("", msg("not_here")), ("hint", msg("not_here_hint"))];
            let b = notice(
                &doc,
                "empty",
                "not-here",
                &lines,
                ("secondary", "open_options", "open-options"),
                super::chrome::open_options,
            );
            root.append_child(&b).ok();
        }
        Status::NoConsole { host, closed } => {
            // Nothing read: offer to be shown the chat (the element picker, in the page). A chat in
            // a closed shadow root cannot be read at all: said instead of the hint.
            let pp = p.clone();
            let lines = [
                ("", format!("{} {}", msg("no_console"), host)),
                (
                    "hint",
                    msg(if *closed {
                        "closed_shadow"
                    } else {
                        "no_console_hint"
                    }),
                ),
            ];
            let b = notice(
                &doc,
                "empty",
                "no-console",
                &lines,
                ("insert", "teach", "teach"),
                move || super::send(&pp, &crate::protocol::ToPage::Teach),
            );
            root.append_child(&b).ok();
        }
        Status::Reading {
            profile,
            matched,
            composer,
        } => {
            let s = el(
                &doc,
                "div",
                "status",
                Some(&format!(
                    "{} {}{}",
                    msg("reading_with"),
                    profile,
                    if *composer { "" } else { " · " }.to_string()
                        + &if *composer {
                            String::new()
                        } else {
                            msg("no_composer")
                        }
                )),
            );
            s.set_attribute("data-testid", "status").ok();
            if !matched.is_empty() {
                s.set_attribute("title", &matched.join("\n")).ok();
            }
            root.append_child(&s).ok();
        }
    }

    if !st.findings.is_empty() {
        draft_check(&doc, &root, p, &st.findings, &st.draft, zh);
    }

    if let Some(m) = &st.model {
        let a = &m.analysis;
        mood(&doc, &root, a, zh);
        signals(&doc, &root, a, zh);
        cues(&doc, &root, a, zh);
        state_line(&doc, &root, &m.suggestions.state, zh);
        // An exception request, when one applies, is the most useful thing: first.
        if let Some(e) = &m.suggestions.exception {
            let sec = el(&doc, "section", "exception", None);
            sec.set_attribute("data-testid", "exception").ok();
            sec.append_child(&el(
                &doc,
                "h2",
                "",
                Some(&format!("{} · {}", msg("exception"), e.gap_text)),
            ))
            .ok();
            sec.append_child(&el(&doc, "h3", "", Some(&msg("to_supervisor"))))
                .ok();
            let sup = el(&doc, "p", "text draft", Some(&e.supervisor));
            sup.set_attribute("data-testid", "supervisor-draft").ok();
            sec.append_child(&sup).ok();
            sec.append_child(&el(&doc, "h3", "", Some(&msg("to_customer"))))
                .ok();
            sec.append_child(&el(&doc, "p", "text draft", Some(&e.customer)))
                .ok();
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
            for (label, ok, id) in [
                ("exc_mark_approved", true, "approved"),
                ("exc_mark_denied", false, "denied"),
            ] {
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
        sec.append_child(&el(&doc, "h2", "", Some(&msg("suggestions"))))
            .ok();
        if m.suggestions.replies.is_empty() {
            sec.append_child(&el(&doc, "p", "empty", Some(&msg("no_suggestions"))))
                .ok();
        }
        for (i, s) in m.suggestions.replies.iter().enumerate() {
            let values = st.slot_values.get(s);
            sec.append_child(&suggestion_card(
                &doc,
                p,
                s,
                &values,
                i,
                i == st.selected,
                zh,
            ))
            .ok();
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
    if st.conversation.as_ref().is_some_and(|c| {
        c.messages
            .iter()
            .any(|m| m.role == crate::conversation::Role::Agent)
    }) {
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
        on_click(&b, move || {
            super::send(&pp, &crate::protocol::ToPage::Teach)
        });
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
    on_click(&off, move || {
        super::send(&pp, &crate::protocol::ToPage::DisableSite)
    });
    tools.append_child(&off).ok();
    root.append_child(&tools).ok();
    if let Some(n) = &st.note {
        let f = el(&doc, "footer", "note", Some(n));
        f.set_attribute("data-testid", "note").ok();
        root.append_child(&f).ok();
    }
}

/// The draft check: each finding's words quoted, why, and the one-click fix of exactly that span.
fn draft_check(
    doc: &Document,
    root: &Element,
    p: &Shared,
    findings: &[crate::guard::Finding],
    draft: &str,
    zh: bool,
) {
    let sec = el(doc, "section", "draft-check", None);
    sec.set_attribute("data-testid", "draft-check").ok();
    sec.append_child(&el(doc, "h2", "", Some(&msg("draft_check"))))
        .ok();
    let units: Vec<u16> = draft.encode_utf16().collect();
    for (i, f) in findings.iter().enumerate() {
        let card = el(
            doc,
            "div",
            &format!("finding finding-{}", f.kind.as_str()),
            None,
        );
        card.set_attribute("data-testid", "finding").ok();
        card.set_attribute("data-rule", &f.rule).ok();
        let head = el(doc, "p", "finding-head", None);
        head.append_child(&el(
            doc,
            "span",
            "finding-kind",
            Some(&msg(&format!("guard_{}", f.kind.as_str()))),
        ))
        .ok();
        let quote = units
            .get(f.start as usize..f.end as usize)
            .map(String::from_utf16_lossy)
            .unwrap_or_default();
        let q = el(doc, "span", "quote", Some(&format!("「{quote}」")));
        q.set_attribute("data-testid", "finding-quote").ok();
        head.append_child(&q).ok();
        card.append_child(&head).ok();
        card.append_child(&el(
            doc,
            "p",
            "hint",
            Some(if zh { &f.reason_zh } else { &f.reason_en }),
        ))
        .ok();
        let label = if f.fix.is_empty() {
            msg("guard_remove")
        } else {
            format!("{} {}", msg("guard_fix"), f.fix)
        };
        let b = el(doc, "button", "insert", Some(&label));
        b.set_attribute("data-testid", "guard-fix").ok();
        let pp = p.clone();
        on_click(&b, move || super::apply_fix(&pp, i));
        card.append_child(&b).ok();
        sec.append_child(&card).ok();
    }
    root.append_child(&sec).ok();
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
    if let Some(b) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        b.set_attribute("data-last-copied", text).ok();
    }
}

fn mood(doc: &Document, root: &Element, a: &Analysis, zh: bool) {
    let sec = el(doc, "section", "mood", None);
    let dom = a
        .dominant
        .map(|k| if zh { k.zh() } else { k.en() })
        .unwrap_or(if zh { "平静" } else { "calm" });
    let head = el(
        doc,
        "div",
        &format!(
            "mood-head kind-{}",
            a.dominant.map(|k| k.as_str()).unwrap_or("calm")
        ),
        Some(&format!("{} {}", msg("mood"), dom)),
    );
    head.set_attribute("data-testid", "mood").ok();
    sec.append_child(&head).ok();
    if let Some(i) = a.intent {
        sec.append_child(&el(
            doc,
            "div",
            "intent",
            Some(&format!(
                "{} {}",
                msg("intent"),
                if zh { i.zh() } else { i.en() }
            )),
        ))
        .ok();
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
                .map(|(i, p)| {
                    format!(
                        "{:.1},{:.1}",
                        i as f32 * w / (n - 1.0),
                        h / 2.0 - p.polarity * (h / 2.0 - 3.0)
                    )
                })
                .collect();
            if let Ok(mid) = doc.create_element_ns(ns, "line") {
                for (k, v) in [
                    ("x1", "0"),
                    ("x2", "300"),
                    ("y1", "20"),
                    ("y2", "20"),
                    ("class", "axis"),
                ] {
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
        b.append_child(&el(
            doc,
            "span",
            "",
            Some(if zh { &s.reason_zh } else { &s.reason_en }),
        ))
        .ok();
        sec.append_child(&b).ok();
    }
    root.append_child(&sec).ok();
}

fn cues(doc: &Document, root: &Element, a: &Analysis, zh: bool) {
    // The latest customer turns' cues, strongest first, at most six lines.
    let mut list: Vec<(&crate::cues::Cue, u32)> = a
        .messages
        .iter()
        .rev()
        .take(4)
        .flat_map(|m| m.reading.cues.iter().map(move |c| (c, m.index)))
        .collect();
    if list.is_empty() {
        return;
    }
    list.sort_by(|x, y| {
        y.0.intensity
            .partial_cmp(&x.0.intensity)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let sec = el(doc, "section", "cues", None);
    sec.append_child(&el(doc, "h2", "", Some(&msg("cues"))))
        .ok();
    let ul = el(doc, "ul", "", None);
    for (c, _) in list.into_iter().take(6) {
        let li = el(
            doc,
            "li",
            &format!("cue kind-{}", c.kind.as_str()),
            Some(if zh { &c.reason_zh } else { &c.reason_en }),
        );
        li.set_attribute("data-testid", "cue").ok();
        li.set_attribute("data-kind", c.kind.as_str()).ok();
        ul.append_child(&li).ok();
    }
    sec.append_child(&ul).ok();
    root.append_child(&sec).ok();
}

/// What the customer waits for and what the agent said, in one or two lines (none when empty).
fn state_line(doc: &Document, root: &Element, state: &crate::state::State, zh: bool) {
    let line = if zh { &state.line_zh } else { &state.line_en };
    if line.trim().is_empty() {
        return;
    }
    let p = el(doc, "p", "state-line", Some(line));
    p.set_attribute("data-testid", "state-line").ok();
    p.set_attribute("title", line).ok();
    root.append_child(&p).ok();
}

/// One suggestion: its text (slots marked), an input per slot, Insert and Dismiss.
fn suggestion_card(
    doc: &Document,
    p: &Shared,
    s: &Suggestion,
    values: &[String],
    index: usize,
    selected: bool,
    zh: bool,
) -> Element {
    let card = el(
        doc,
        "div",
        if selected { "card selected" } else { "card" },
        None,
    );
    card.set_attribute("data-testid", "suggestion").ok();
    card.append_child(&card_text(doc, s, values)).ok();
    if !s.slots.is_empty() {
        card.append_child(&slot_inputs(doc, p, s, values)).ok();
        select_on_focus(&card, p, index);
    }
    card.append_child(&el(
        doc,
        "p",
        "why",
        Some(if zh { &s.why_zh } else { &s.why_en }),
    ))
    .ok();
    let row = el(doc, "div", "row", None);
    let b = el(doc, "button", "insert", None);
    b.set_attribute("data-testid", "insert").ok();
    set_insert_state(&b, s, values);
    let (pp, sug) = (p.clone(), s.clone());
    on_click(&b, move || {
        let values = pp.borrow().slot_values.get(&sug);
        if let Some(text) = slots::filled(&sug, &values) {
            insert_suggestion(&pp, sug.entry.clone(), text);
        }
    });
    row.append_child(&b).ok();
    let d = el(doc, "button", "secondary", Some(&msg("dismiss")));
    d.set_attribute("data-testid", "dismiss").ok();
    let (entry, text) = (s.entry.clone(), s.text.clone());
    let pp = p.clone();
    on_click(&d, move || dismiss(&pp, entry.clone(), text.clone()));
    row.append_child(&d).ok();
    card.append_child(&row).ok();
    card
}

/// Typing in a card's blank selects that card, so Alt+Enter inserts the card being filled.
fn select_on_focus(card: &Element, p: &Shared, index: usize) {
    let (pp, c) = (p.clone(), card.clone());
    gloo_events::EventListener::new(card, "focusin", move |_| {
        pp.borrow_mut().selected = index;
        let Some(list) = c.parent_element() else {
            return;
        };
        if let Ok(cards) = list.query_selector_all(".card") {
            for k in 0..cards.length() {
                if let Some(other) = cards
                    .item(k)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
                {
                    other.set_class_name("card");
                }
            }
        }
        c.set_class_name("card selected");
    })
    .forget();
}

/// The text with each slot in a mark: its bracketed label while blank, the value once typed.
fn card_text(doc: &Document, s: &Suggestion, values: &[String]) -> Element {
    let p = el(doc, "p", "text", None);
    for (text, slot) in slots::segments(s) {
        let Some(i) = slot else {
            p.append_child(&doc.create_text_node(&text)).ok();
            continue;
        };
        let mark = el(doc, "mark", "slot-mark", Some(&text));
        mark.set_attribute("data-slot", &i.to_string()).ok();
        mark.set_attribute("data-label", &text).ok();
        set_mark(&mark, values.get(i).map(String::as_str).unwrap_or(""));
        p.append_child(&mark).ok();
    }
    p
}

fn set_mark(mark: &Element, value: &str) {
    let label = mark.get_attribute("data-label").unwrap_or_default();
    let filled = !value.trim().is_empty();
    mark.set_text_content(Some(if filled { value.trim() } else { &label }));
    mark.set_class_name(if filled {
        "slot-mark filled"
    } else {
        "slot-mark"
    });
}

/// Insert is enabled only when every slot has a value; until then it says how many are left.
fn set_insert_state(b: &Element, s: &Suggestion, values: &[String]) {
    let left = slots::blanks(s, values);
    let label = match left {
        0 => msg("insert"),
        1 => msg("fill_blank"),
        n => msg("fill_blanks").replace("{n}", &n.to_string()),
    };
    b.set_text_content(Some(&label));
    if left == 0 {
        b.remove_attribute("disabled").ok();
    } else {
        b.set_attribute("disabled", "").ok();
    }
}

/// One input per slot (its label as placeholder). Typing keeps the value in the panel's state
/// and updates this card in place; the panel is not rebuilt while the agent types.
fn slot_inputs(doc: &Document, p: &Shared, s: &Suggestion, values: &[String]) -> Element {
    let row = el(doc, "div", "slots", None);
    row.set_attribute("title", &msg("slot_hint")).ok();
    for (i, slot) in s.slots.iter().enumerate() {
        let input = el(doc, "input", "", None);
        let key = slot_key(&s.entry, i);
        for (k, v) in [
            ("type", "text"),
            ("data-testid", "slot"),
            ("placeholder", slot.label.as_str()),
            ("aria-label", slot.label.as_str()),
            ("data-slot-key", key.as_str()),
        ] {
            input.set_attribute(k, v).ok();
        }
        if let Some(inp) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&input) {
            inp.set_value(values.get(i).map(String::as_str).unwrap_or(""));
        }
        on_slot_events(&input, p, s, i);
        row.append_child(&input).ok();
    }
    row
}

fn on_slot_events(input: &Element, p: &Shared, s: &Suggestion, i: usize) {
    let (pp, sug, inp) = (p.clone(), s.clone(), input.clone());
    gloo_events::EventListener::new(input, "input", move |_| {
        let value = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&inp)
            .map(|x| x.value())
            .unwrap_or_default();
        pp.borrow_mut().slot_values.set(&sug, i, value);
        let values = pp.borrow().slot_values.get(&sug);
        refresh_card(&inp, &sug, &values);
    })
    .forget();
    let pp = p.clone();
    gloo_events::EventListener::new(input, "compositionstart", move |_| {
        pp.borrow_mut().composing = true
    })
    .forget();
    let pp = p.clone();
    gloo_events::EventListener::new(input, "compositionend", move |_| {
        let deferred = {
            let mut st = pp.borrow_mut();
            st.composing = false;
            std::mem::take(&mut st.render_deferred)
        };
        if deferred {
            render(&pp);
        }
    })
    .forget();
}

/// After a slot input changed: its card's marks, input states and Insert button.
fn refresh_card(input: &Element, s: &Suggestion, values: &[String]) {
    let Some(card) = input.closest(".card").ok().flatten() else {
        return;
    };
    if let Ok(marks) = card.query_selector_all("mark.slot-mark") {
        for k in 0..marks.length() {
            let Some(m) = marks
                .item(k)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
            else {
                continue;
            };
            let i: usize = m
                .get_attribute("data-slot")
                .and_then(|x| x.parse().ok())
                .unwrap_or(usize::MAX);
            set_mark(&m, values.get(i).map(String::as_str).unwrap_or(""));
        }
    }
    if let Ok(Some(b)) = card.query_selector("[data-testid=insert]") {
        set_insert_state(&b, s, values);
    }
}

fn slot_key(entry: &str, i: usize) -> String {
    format!("{entry}#{i}")
}

/// The slot input that has the focus, and its selection (to keep both across a re-render).
fn focused_slot(doc: &Document) -> Option<(String, u32, u32)> {
    let active = doc.active_element()?;
    let key = active.get_attribute("data-slot-key")?;
    let inp = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&active)?;
    let (from, to) = (
        inp.selection_start().ok().flatten().unwrap_or(0),
        inp.selection_end().ok().flatten().unwrap_or(0),
    );
    Some((key, from, to))
}

fn slot_input(doc: &Document, key: &str) -> Option<web_sys::HtmlInputElement> {
    let all = doc.query_selector_all("input[data-slot-key]").ok()?;
    (0..all.length())
        .filter_map(|k| all.item(k))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(n).ok())
        .find(|i| i.get_attribute("data-slot-key").as_deref() == Some(key))
}

fn refocus_slot(doc: &Document, key: &str, from: u32, to: u32) {
    if let Some(inp) = slot_input(doc, key) {
        inp.focus().ok();
        inp.set_selection_range(from, to).ok();
    }
}

/// Put the caret in a card's slot input (the insert command found it blank).
pub fn focus_slot(entry: &str, i: usize) {
    if let Some(inp) = slot_input(&document(), &slot_key(entry, i)) {
        inp.focus().ok();
    }
}
