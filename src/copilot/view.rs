//! The panel's content as a tree of plain nodes, built from the copilot on every change (it is
//! small); `src/web/` turns it into DOM. Text only: every string is a node's text or an
//! attribute's value, never markup, so page text is never parsed as HTML.

use super::slots;
use super::{Action, Copilot, Status};
use crate::analysis::{Analysis, SignalKind};
use crate::guard::Finding;
use crate::num::fixed;
use crate::suggest::{ExceptionDraft, Suggestion};

/// One element (or, with an empty tag, one text node).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    pub tag: &'static str,
    /// In the SVG namespace.
    pub svg: bool,
    pub attrs: Vec<(&'static str, String)>,
    pub text: Option<String>,
    pub children: Vec<Node>,
    /// What a click on it does.
    pub click: Option<Action>,
    /// A card whose blanks select it when focused (its index).
    pub select_on_focus: Option<usize>,
    /// A slot input: (card index, slot index).
    pub slot: Option<(usize, usize)>,
}

impl Node {
    #[inline(never)]
    pub fn new(tag: &'static str, class: &str) -> Self {
        let mut n = Node {
            tag,
            ..Default::default()
        };
        if !class.is_empty() {
            n.attrs.push(("class", class.to_string()));
        }
        n
    }

    pub fn text(tag: &'static str, class: &str, text: impl Into<String>) -> Self {
        Self::with_text(tag, class, text.into())
    }

    #[inline(never)]
    fn with_text(tag: &'static str, class: &str, text: String) -> Self {
        let mut n = Self::new(tag, class);
        n.text = Some(text);
        n
    }

    pub fn attr(self, name: &'static str, value: impl Into<String>) -> Self {
        self.set(name, value.into())
    }

    #[inline(never)]
    fn set(mut self, name: &'static str, value: String) -> Self {
        self.attrs.push((name, value));
        self
    }

    #[inline(never)]
    pub fn id(self, testid: &str) -> Self {
        self.set("data-testid", testid.to_string())
    }

    #[inline(never)]
    pub fn on(mut self, action: Action) -> Self {
        self.click = Some(action);
        self
    }

    pub fn push(&mut self, child: Node) {
        self.children.push(child);
    }

    pub fn with(mut self, children: impl IntoIterator<Item = Node>) -> Self {
        self.children.extend(children);
        self
    }

    /// The value of an attribute.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The nodes under this one (itself first) with this test id, in document order.
    pub fn find_all<'a>(&'a self, testid: &str, out: &mut Vec<&'a Node>) {
        if self.get("data-testid") == Some(testid) {
            out.push(self);
        }
        for c in &self.children {
            c.find_all(testid, out);
        }
    }

    /// All the text under this node, in order.
    pub fn all_text(&self) -> String {
        let mut s = self.text.clone().unwrap_or_default();
        for c in &self.children {
            s.push_str(&c.all_text());
        }
        s
    }
}

/// The panel's message in the agent's language for a key (`messages.json`).
pub type Msg<'a> = &'a dyn Fn(&str) -> String;

/// The whole panel: header, what Duxin reads, the draft check, the reading and the suggestions,
/// the tools and the note.
pub fn panel(c: &Copilot, msg: Msg) -> Vec<Node> {
    let mut out = vec![header(c, msg)];
    if let Some(m) = &c.model {
        out.extend(reasons(&m.analysis, c.zh));
    }
    if c.visit_only.is_some() {
        // Started by the shortcut on a site that is not enabled: offer to keep Duxin here.
        let lines = [("hint", msg("visit_only"))];
        let button = (
            "secondary",
            "enable_site",
            "enable-site",
            Action::EnableSite,
        );
        out.push(notice("visit-only", "visit-only", &lines, button, msg));
    }
    out.push(status(&c.status, msg));
    let (draft, findings) = c.draft();
    if !findings.is_empty() {
        out.push(draft_check(findings, draft, c.zh, msg));
    }
    if let Some(m) = &c.model {
        let a = &m.analysis;
        out.push(mood(a, c.zh, msg));
        out.extend(signals(a, c.zh, msg));
        out.extend(cues(a, c.zh, msg));
        out.extend(state_line(&m.suggestions.state, c.zh));
        // An exception request, when one applies, is the most useful thing: first.
        out.extend(m.suggestions.exception.as_ref().map(|e| exception(e, msg)));
        out.push(suggestions(c, &m.suggestions.replies, msg));
    }
    out.push(tools(c, msg));
    if let Some(n) = &c.note {
        let text = match &n.detail {
            Some(d) => format!("{} {d}", msg(n.key)),
            None => msg(n.key),
        };
        out.push(Node::text("footer", "note", text).id("note"));
    }
    out
}

fn header(c: &Copilot, msg: Msg) -> Node {
    let mut header = Node::new("header", "bar");
    header.push(Node::text("span", "brand", msg("brand")));
    if let Some(m) = &c.model {
        let r = &m.analysis.risk;
        let title: Vec<&str> = r
            .reasons
            .iter()
            .take(3)
            .map(|x| if c.zh { x.zh.as_str() } else { x.en.as_str() })
            .collect();
        let class = format!("risk risk-{}", r.level);
        let badge = Node::text("span", &class, format!("{} {}", msg("risk"), r.score));
        header.push(badge.id("risk").attr("title", title.join("\n")));
    }
    header
}

fn reasons(a: &Analysis, zh: bool) -> Option<Node> {
    let reasons = &a.risk.reasons;
    let items = reasons
        .iter()
        .take(3)
        .map(|r| Node::text("li", "", if zh { &r.zh } else { &r.en }));
    (!reasons.is_empty()).then(|| Node::new("ul", "reasons").id("risk-reasons").with(items))
}

/// A box that says what is going on (lines of `(class, text)`) and offers one action: a button
/// `(class, message key of its label, test id, action)`.
fn notice(
    class: &str,
    testid: &str,
    lines: &[(&str, String)],
    button: (&str, &str, &str, Action),
    msg: Msg,
) -> Node {
    let (bclass, label, bid, action) = button;
    let lines = lines.iter().map(|(c, t)| Node::text("p", c, t.clone()));
    let act = Node::text("button", bclass, msg(label)).id(bid).on(action);
    Node::new("div", class).id(testid).with(lines).with([act])
}

fn status(s: &Status, msg: Msg) -> Node {
    match s {
        Status::Connecting => Node::text("p", "empty", msg("connecting")),
        Status::Disconnected => Node::text("p", "empty", msg("disconnected")),
        Status::Superseded => {
            let button = ("secondary", "use_here", "use-here", Action::UseHere);
            notice(
                "empty",
                "superseded",
                &[("", msg("superseded"))],
                button,
                msg,
            )
        }
        Status::NotHere => {
            let lines = [("", msg("not_here")), ("hint", msg("not_here_hint"))];
            let button = (
                "secondary",
                "open_options",
                "open-options",
                Action::OpenOptions,
            );
            notice("empty", "not-here", &lines, button, msg)
        }
        Status::NoConsole { host, closed } => {
            // Nothing read: offer to be shown the chat (the element picker, in the page). A chat
            // in a closed shadow root cannot be read at all: said instead of the hint.
            let hint = if *closed {
                "closed_shadow"
            } else {
                "no_console_hint"
            };
            let lines = [
                ("", format!("{} {}", msg("no_console"), host)),
                ("hint", msg(hint)),
            ];
            let button = ("insert", "teach", "teach", Action::Teach);
            notice("empty", "no-console", &lines, button, msg)
        }
        Status::Reading {
            profile,
            matched,
            composer,
        } => {
            let missing = if *composer {
                String::new()
            } else {
                format!(" · {}", msg("no_composer"))
            };
            let text = format!("{} {profile}{missing}", msg("reading_with"));
            let s = Node::text("div", "status", text).id("status");
            if matched.is_empty() {
                s
            } else {
                s.attr("title", matched.join("\n"))
            }
        }
    }
}

/// The draft check: each finding's words quoted, why, and the one-click fix of exactly that span.
fn draft_check(findings: &[Finding], draft: &str, zh: bool, msg: Msg) -> Node {
    let mut sec = Node::new("section", "draft-check").id("draft-check");
    sec.push(Node::text("h2", "", msg("draft_check")));
    let units: Vec<u16> = draft.encode_utf16().collect();
    for (i, f) in findings.iter().enumerate() {
        let kind = f.kind.as_str();
        let quote = units
            .get(f.start as usize..f.end as usize)
            .map(String::from_utf16_lossy)
            .unwrap_or_default();
        let head = Node::new("p", "finding-head").with([
            Node::text("span", "finding-kind", msg(&format!("guard_{kind}"))),
            Node::text("span", "quote", format!("「{quote}」")).id("finding-quote"),
        ]);
        let label = if f.fix.is_empty() {
            msg("guard_remove")
        } else {
            format!("{} {}", msg("guard_fix"), f.fix)
        };
        let reason = if zh { &f.reason_zh } else { &f.reason_en };
        let card = Node::new("div", &format!("finding finding-{kind}"))
            .id("finding")
            .attr("data-rule", f.rule.clone())
            .with([
                head,
                Node::text("p", "hint", reason.clone()),
                Node::text("button", "insert", label)
                    .id("guard-fix")
                    .on(Action::Fix(i)),
            ]);
        sec.push(card);
    }
    sec
}

fn exception(e: &ExceptionDraft, msg: Msg) -> Node {
    let buttons = Node::new("div", "row").with([
        Node::text("button", "insert", msg("insert_holding"))
            .id("insert-holding")
            .on(Action::InsertHolding),
        Node::text("button", "secondary", msg("copy_supervisor"))
            .id("copy-supervisor")
            .on(Action::CopySupervisor),
    ]);
    let outcomes = Node::new("div", "row").with([
        Node::text("button", "secondary", msg("exc_mark_approved"))
            .id("approved")
            .on(Action::Outcome(true)),
        Node::text("button", "secondary", msg("exc_mark_denied"))
            .id("denied")
            .on(Action::Outcome(false)),
    ]);
    let title = format!("{} · {}", msg("exception"), e.gap_text);
    Node::new("section", "exception").id("exception").with([
        Node::text("h2", "", title),
        Node::text("h3", "", msg("to_supervisor")),
        Node::text("p", "text draft", e.supervisor.clone()).id("supervisor-draft"),
        Node::text("h3", "", msg("to_customer")),
        Node::text("p", "text draft", e.customer.clone()),
        buttons,
        outcomes,
    ])
}

fn mood(a: &Analysis, zh: bool, msg: Msg) -> Node {
    let dom = a
        .dominant
        .map(|k| if zh { k.zh() } else { k.en() })
        .unwrap_or(if zh { "平静" } else { "calm" });
    let class = format!(
        "mood-head kind-{}",
        a.dominant.map(|k| k.as_str()).unwrap_or("calm")
    );
    let mut sec = Node::new("section", "mood");
    sec.push(Node::text("div", &class, format!("{} {}", msg("mood"), dom)).id("mood"));
    if let Some(i) = a.intent {
        let text = format!("{} {}", msg("intent"), if zh { i.zh() } else { i.en() });
        sec.push(Node::text("div", "intent", text));
    }
    sec.children.extend(timeline(a));
    sec
}

/// One point per customer message, polarity -1..1 drawn as an SVG polyline (from two on).
fn timeline(a: &Analysis) -> Option<Node> {
    if a.timeline.len() < 2 {
        return None;
    }
    let (w, h) = (300.0f32, 40.0f32);
    let n = a.timeline.len() as f32;
    let points: Vec<String> = a
        .timeline
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = i as f32 * w / (n - 1.0);
            let y = h / 2.0 - p.polarity * (h / 2.0 - 3.0);
            [fixed(x.into(), 1), fixed(y.into(), 1)].join(",")
        })
        .collect();
    let svg = |tag| Node {
        svg: true,
        ..Node::new(tag, "")
    };
    let mut axis = svg("line");
    for (k, v) in [
        ("x1", "0"),
        ("x2", "300"),
        ("y1", "20"),
        ("y2", "20"),
        ("class", "axis"),
    ] {
        axis = axis.attr(k, v);
    }
    let line = svg("polyline").attr("points", points.join(" "));
    let chart = svg("svg")
        .attr("viewBox", "0 0 300 40")
        .attr("class", "timeline")
        .id("timeline");
    Some(chart.with([axis, line]))
}

fn signals(a: &Analysis, zh: bool, msg: Msg) -> Option<Node> {
    let badges = a.signals.iter().map(|s| {
        let label = match s.kind {
            SignalKind::Burst => msg("sig_burst"),
            SignalKind::Repetition => msg("sig_repetition"),
            SignalKind::ToneShift => msg("sig_tone"),
            SignalKind::Waiting => msg("sig_waiting"),
        };
        let reason = if zh { &s.reason_zh } else { &s.reason_en };
        Node::new("div", "badge").id("signal").with([
            Node::text("strong", "", label),
            Node::text("span", "", reason.clone()),
        ])
    });
    (!a.signals.is_empty()).then(|| Node::new("section", "signals").with(badges))
}

/// The latest customer turns' cues, strongest first, at most six lines.
fn cues(a: &Analysis, zh: bool, msg: Msg) -> Option<Node> {
    let mut list: Vec<&crate::cues::Cue> = a
        .messages
        .iter()
        .rev()
        .take(4)
        .flat_map(|m| m.reading.cues.iter())
        .collect();
    if list.is_empty() {
        return None;
    }
    crate::sort::sort_by(&mut list, |x, y| y.intensity.total_cmp(&x.intensity));
    let items = list.into_iter().take(6).map(|c| {
        let reason = if zh { &c.reason_zh } else { &c.reason_en };
        Node::text(
            "li",
            &format!("cue kind-{}", c.kind.as_str()),
            reason.clone(),
        )
        .id("cue")
        .attr("data-kind", c.kind.as_str())
    });
    let ul = Node::new("ul", "").with(items);
    Some(Node::new("section", "cues").with([Node::text("h2", "", msg("cues")), ul]))
}

/// What the customer waits for and what the agent said, in one or two lines (none when empty).
fn state_line(state: &crate::state::State, zh: bool) -> Option<Node> {
    let line = if zh { &state.line_zh } else { &state.line_en };
    let p = Node::text("p", "state-line", line.clone()).id("state-line");
    (!line.trim().is_empty()).then(|| p.attr("title", line.clone()))
}

fn suggestions(c: &Copilot, replies: &[Suggestion], msg: Msg) -> Node {
    let mut sec = Node::new("section", "suggestions");
    sec.push(Node::text("h2", "", msg("suggestions")));
    if replies.is_empty() {
        sec.push(Node::text("p", "empty", msg("no_suggestions")));
    }
    for (i, s) in replies.iter().enumerate() {
        let values = c.slot_values.get(s);
        sec.push(card(s, &values, i, i == c.selected, c.zh, msg));
    }
    sec
}

/// One suggestion: its text (slots marked), an input per slot, Insert and Dismiss.
fn card(
    s: &Suggestion,
    values: &[String],
    index: usize,
    selected: bool,
    zh: bool,
    msg: Msg,
) -> Node {
    let class = if selected { "card selected" } else { "card" };
    let mut card = Node::new("div", class).id("suggestion");
    card.push(card_text(s, values));
    if !s.slots.is_empty() {
        card.push(slot_inputs(s, values, index, msg));
        card.select_on_focus = Some(index);
    }
    card.push(Node::text(
        "p",
        "why",
        if zh { &s.why_zh } else { &s.why_en },
    ));
    let (label, enabled) = insert_label(s, values, msg);
    let mut insert = Node::text("button", "insert", label)
        .id("insert")
        .on(Action::Insert(index));
    if !enabled {
        insert = insert.attr("disabled", "");
    }
    let dismiss = Node::text("button", "secondary", msg("dismiss"))
        .id("dismiss")
        .on(Action::Dismiss(index));
    card.with([Node::new("div", "row").with([insert, dismiss])])
}

/// The text with each slot in a mark: its bracketed label while blank, the value once typed.
fn card_text(s: &Suggestion, values: &[String]) -> Node {
    let parts = slots::segments(s)
        .into_iter()
        .map(|(text, slot)| match slot {
            None => Node::text("", "", text),
            Some(i) => {
                let (shown, class) = mark(&text, values.get(i).map(String::as_str).unwrap_or(""));
                Node::text("mark", class, shown)
                    .attr("data-slot", i.to_string())
                    .attr("data-label", text)
            }
        });
    Node::new("p", "text").with(parts)
}

/// A card as the agent fills its blanks: each mark's (text, class), Insert's (label, enabled).
pub struct CardState {
    pub marks: Vec<(String, &'static str)>,
    pub insert: (String, bool),
}

/// A slot's mark: (its text, its class) for a value typed (or blank: the label).
pub fn mark(label: &str, value: &str) -> (String, &'static str) {
    if value.trim().is_empty() {
        (label.to_string(), "slot-mark")
    } else {
        (value.trim().to_string(), "slot-mark filled")
    }
}

/// Insert is enabled only when every slot has a value; until then it says how many are left.
pub fn insert_label(s: &Suggestion, values: &[String], msg: Msg) -> (String, bool) {
    let left = slots::blanks(s, values);
    let label = match left {
        0 => msg("insert"),
        1 => msg("fill_blank"),
        n => msg("fill_blanks").replace("{n}", &n.to_string()),
    };
    (label, left == 0)
}

/// One input per slot (its label as placeholder).
fn slot_inputs(s: &Suggestion, values: &[String], card: usize, msg: Msg) -> Node {
    let inputs = s.slots.iter().enumerate().map(|(i, slot)| {
        let value = values.get(i).cloned().unwrap_or_default();
        let input = Node::new("input", "")
            .attr("type", "text")
            .id("slot")
            .attr("placeholder", slot.label.clone())
            .attr("aria-label", slot.label.clone())
            .attr("data-slot-key", slots::key(&s.entry, i))
            .attr("value", value);
        Node {
            slot: Some((card, i)),
            ..input
        }
    });
    Node::new("div", "slots")
        .attr("title", msg("slot_hint"))
        .with(inputs)
}

fn tools(c: &Copilot, msg: Msg) -> Node {
    let button = |label: &str, testid: &str, action: Action| {
        Node::text("button", "secondary", msg(label))
            .id(testid)
            .on(action)
    };
    let mut tools = Node::new("div", "row tools");
    if c.model.is_some() {
        let export = Node::text("button", "secondary export", msg("export")).id("export");
        tools.push(export.on(Action::Export));
    }
    let agent_wrote = c
        .conversation()
        .is_some_and(|c| c.messages.iter().any(|m| m.role == crate::Role::Agent));
    if agent_wrote {
        tools.push(button("save_reply", "save-reply", Action::SaveReply));
    }
    if matches!(c.status, Status::Reading { .. }) {
        tools.push(button("reteach", "reteach", Action::Teach));
    }
    tools.push(button("dashboard", "open-dashboard", Action::OpenDashboard));
    tools.push(button("disable_site", "disable-site", Action::DisableSite));
    tools
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Conversation, Message, Role};
    use crate::protocol::{SiteStatus, ToPanel};

    fn shown(lines: &[(Role, &str)], custom: &str) -> Vec<Node> {
        shown_of(conversation(lines), custom)
    }

    fn conversation(lines: &[(Role, &str)]) -> Conversation {
        Conversation {
            messages: lines
                .iter()
                .map(|(role, text)| Message {
                    role: *role,
                    text: text.to_string(),
                    time: None,
                    id: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    fn shown_of(conversation: Conversation, custom: &str) -> Vec<Node> {
        let get = |k: &str| {
            if k == "kb_custom" {
                custom.to_string()
            } else {
                String::new()
            }
        };
        let mut c = Copilot::from_stored(true, get).unwrap();
        let site = SiteStatus {
            profile: "generic".into(),
            matched: Vec::new(),
            host: "shop.example".into(),
            composer: true,
            visit_only: None,
            closed_shadow: false,
        };
        c.on_message(
            ToPanel::Snapshot {
                conversation,
                site,
                keep: 0,
            },
            super::super::Clock::default(),
        );
        panel(&c, &|k: &str| k.to_string())
    }

    fn find<'a>(nodes: &'a [Node], testid: &str) -> Vec<&'a Node> {
        let mut out = Vec::new();
        nodes.iter().for_each(|n| n.find_all(testid, &mut out));
        out
    }

    #[test]
    fn a_card_with_a_blank_cannot_be_inserted_and_says_so() {
        let custom = r#"[{"id":"my.1","lang":"zh","intent":"product_question",
            "text":"亲，这款保温杯[[可以/不建议]]放洗碗机洗哦~"}]"#;
        let nodes = shown(&[(Role::Customer, "保温杯能放洗碗机洗吗")], custom);
        let cards = find(&nodes, "suggestion");
        let card = cards
            .iter()
            .find(|c| !find(std::slice::from_ref(c), "slot").is_empty())
            .expect("a card with a blank");
        let insert = find(std::slice::from_ref(card), "insert")[0];
        assert_eq!(insert.get("disabled"), Some(""));
        assert_eq!(insert.text.as_deref(), Some("fill_blank"));
    }

    #[test]
    fn the_exception_request_comes_before_the_suggestions() {
        let mut c = conversation(&[(Role::Customer, "我想退货，就超了半天，不给退我就给差评")]);
        c.order = Some(crate::conversation::Order {
            delivered_at: Some("2026-09-01T08:00:00+08:00".into()),
            ..Default::default()
        });
        c.now = Some("2026-09-08T20:00:00+08:00".into());
        c.utc_offset_minutes = Some(480);
        let nodes = shown_of(c, "");
        let at = |cls: &str| nodes.iter().position(|n| n.get("class") == Some(cls));
        let (exception, suggestions) = (at("exception"), at("suggestions"));
        assert!(
            exception.is_some() && exception < suggestions,
            "{exception:?} {suggestions:?}"
        );
    }

    #[test]
    fn the_mood_timeline_is_drawn_from_two_customer_messages_on() {
        let one = shown(&[(Role::Customer, "在吗")], "");
        let two = shown(
            &[
                (Role::Customer, "在吗"),
                (Role::Customer, "气死了，还没发货"),
            ],
            "",
        );
        assert!(find(&one, "timeline").is_empty());
        assert_eq!(find(&two, "timeline").len(), 1);
    }

    #[test]
    fn page_text_reaches_the_panel_as_text_never_as_markup() {
        let nodes = shown(
            &[(Role::Customer, "<img src=x onerror=alert(1)> 我要投诉")],
            "",
        );
        let tags: Vec<&str> = find(&nodes, "cue").iter().map(|n| n.tag).collect();
        assert!(nodes.iter().all(|n| n.tag != "img"));
        assert!(tags.iter().all(|t| *t == "li"));
    }
}
