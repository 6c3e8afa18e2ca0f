//! Every message between the content script (in the host page) and the copilot panel (our
//! extension frame), defined once. The TypeScript declarations in `extension/protocol.d.ts` are
//! generated from these types by `cargo test` (see `tests::typescript_is_current`), and the content
//! script is type-checked against them, so the two sides cannot drift apart.
//!
//! The channel is a `chrome.runtime` port that the content script accepts only from our own panel
//! page; page scripts can neither read nor forge it.

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::conversation::Conversation;
use crate::json_lite::{FromJson, Json};
use crate::kinds::CueKind;
use crate::suggest::Suggestions;

/// The port's name.
pub const PORT_NAME: &str = "duxin-panel";

/// How the content script is reading the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SiteStatus {
    /// The site profile in use ("pinduoduo", "zendesk", "generic"...), or "none".
    pub profile: String,
    /// Which fallback selector matched per field ("messages: #2"), so redeploys show up.
    pub matched: Vec<String>,
    pub host: String,
    /// A composer was found where a reply can be inserted.
    pub composer: bool,
    /// Set when Duxin runs on this page for this visit only (the agent pressed the panel shortcut
    /// on a site that is not enabled): the match pattern ("https://shop.example/*") that would
    /// enable the site for good, so the panel can offer it.
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_only: Option<String>,
    /// Nothing could be read, and the page holds a chat-sized element whose shadow root is
    /// closed (a web component that hides its content): the panel says so instead of guessing.
    #[serde(default)]
    pub closed_shadow: bool,
}

/// Content script → panel.
// A message lives from the port to the handler; boxing the snapshot would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPanel {
    /// The open conversation as read now (sent on every change). The first `keep` messages are
    /// those of the previous snapshot on this port and `conversation.messages` holds only the
    /// ones after them: a new message in a 10,000-message chat sends one message.
    Snapshot {
        conversation: Conversation,
        site: SiteStatus,
        #[serde(default)]
        keep: u32,
    },
    /// Nothing on this page looks like a conversation Duxin can read.
    NoConsole { site: SiteStatus },
    /// A keyboard command the agent pressed (forwarded by the stateless service worker).
    Command { name: String },
    /// Another Duxin panel now reads this page (Chrome's side panel opened beside the one in the
    /// page, or the other way round): this one stops, rather than show a reading that goes stale.
    Superseded,
    /// The agent's draft in the composer, as the content script reads it (a contenteditable's text
    /// nodes in order, a line break between blocks), sent ~80 ms after the last change and only
    /// when it changed. Offsets of findings count UTF-16 units of this text.
    Draft { text: String },
    /// Result of an `Insert` (or a `Fix`).
    Inserted {
        ok: bool,
        /// The technique that worked ("paste", "exec_command", "value_setter", "clipboard").
        technique: String,
        #[cfg_attr(test, ts(optional))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
}

impl ToPanel {
    /// A message as the port carries it: what serde's own reading of the tagged enum gives
    /// (tested below), the tag and then that variant's fields, from json_lite's tree. Serde reads
    /// an internally tagged enum by first buffering the message into a tree of its own, and that
    /// machinery, with a second reader for every type inside a snapshot, cost the panel's wasm
    /// 9.5 KB gzipped of its 400 KB (measured 2026-12-05); serde_json's parser and derived readers
    /// behind it cost several more, and nothing else in the panel reads JSON through serde.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let j = crate::json_lite::parse(json)?;
        // A derived struct also reads a JSON array (its fields in order); a message never is one.
        if !matches!(j, Json::Obj(_)) {
            return Err("a message is a JSON object".into());
        }
        Ok(match j.field::<String>("type")?.as_str() {
            "snapshot" => Self::Snapshot {
                conversation: j.field("conversation")?,
                site: j.field("site")?,
                keep: j.field_or("keep", || 0)?,
            },
            "no_console" => Self::NoConsole {
                site: j.field("site")?,
            },
            "command" => Self::Command {
                name: j.field("name")?,
            },
            "superseded" => Self::Superseded,
            "draft" => Self::Draft {
                text: j.field("text")?,
            },
            "inserted" => Self::Inserted {
                ok: j.field("ok")?,
                technique: j.field("technique")?,
                detail: j.field_or("detail", || None)?,
            },
            other => return Err(format!("unknown variant `{other}`")),
        })
    }
}

/// The page's status as the derive reads it.
impl FromJson for SiteStatus {
    fn from_json(j: &Json) -> Result<Self, String> {
        Ok(SiteStatus {
            profile: j.field("profile")?,
            matched: j.field("matched")?,
            host: j.field("host")?,
            composer: j.field("composer")?,
            visit_only: j.field_or("visit_only", || None)?,
            closed_shadow: j.field_or("closed_shadow", || false)?,
        })
    }
}

/// Top frame's content script → the panel's port glue (`extension/panel.js`), never the core: this
/// tab's chat is read in a frame of another origin (a console framed by another console's page),
/// whose content script shows no panel of its own (one per tab, on the top page). `frame_id` is
/// Chrome's id of that frame, as the service worker named the sender: no page can say it. The panel
/// then talks to that frame's content script over a port of its own; `frame_id` 0 sends it back to
/// the top frame (which found a chat of its own after all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChatFrame {
    // (Firefox's frame ids are window ids, past u32.)
    Frame { frame_id: u64 },
}

/// One painted span: message index in the snapshot, UTF-16 offsets in that message's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Highlight {
    pub message: u32,
    pub start: u32,
    pub end: u32,
    pub kind: CueKind,
    /// One line shown on hover, in the agent's language.
    pub reason: String,
}

/// A span of the agent's draft that a finding is about (UTF-16 units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DraftSpan {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InsertMode {
    /// At the caret (or at the end when the composer has no caret).
    Caret,
    /// Replace the whole draft.
    Replace,
}

/// Panel → content script. The content script only paints and inserts: it decides nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPage {
    /// Paint these spans of the messages `from` on, replacing what was painted there; earlier
    /// messages keep theirs (`from: 0` replaces everything). A snapshot that kept its first `keep`
    /// messages is painted `from: keep`: a message's cues depend on it and the messages before it
    /// only (tested below).
    Paint {
        highlights: Vec<Highlight>,
        from: u32,
    },
    /// Put this text into the composer. Never sends.
    Insert { text: String, mode: InsertMode },
    /// Ask for a fresh snapshot.
    Refresh,
    /// Paint the draft's findings in a contenteditable composer (a textarea cannot be painted: the
    /// panel quotes them), if the composer still holds `draft`.
    PaintDraft {
        spans: Vec<DraftSpan>,
        draft: String,
    },
    /// Replace UTF-16 units `start..end` of the composer's draft with `text`, through the
    /// insertion engine (one undo step), if the composer still holds `draft`. Never sends.
    Fix {
        start: u32,
        end: u32,
        text: String,
        draft: String,
    },
    /// Put this text on the clipboard (the page has the focus when the agent uses a shortcut).
    Copy { text: String },
    /// The agent switched Duxin off for this site: remove every trace from the page.
    DisableSite,
    /// The agent will show Duxin this chat: a customer message, one of theirs, the reply box.
    Teach,
}

/// What the panel computes from a snapshot (also what `duxin analyze --json` prints beside the
/// suggestions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PanelModel {
    pub analysis: Analysis,
    pub suggestions: Suggestions,
}

/// Cues highlighted in one message at most: a message of a megabyte holds about 100,000 cues, and
/// neither the port nor the page's paint should carry them all (the panel lists every kind anyway).
pub const MAX_HIGHLIGHTS_PER_MESSAGE: usize = 100;

/// Highlights for a snapshot's analysis, of the messages `from` on, with reasons in the agent's
/// language (the first `MAX_HIGHLIGHTS_PER_MESSAGE` of each message).
pub fn highlights(a: &Analysis, zh: bool, from: u32) -> Vec<Highlight> {
    a.messages
        .iter()
        .filter(|m| m.index >= from)
        .flat_map(|m| {
            m.reading
                .cues
                .iter()
                .take(MAX_HIGHLIGHTS_PER_MESSAGE)
                .map(move |c| Highlight {
                    message: m.index,
                    start: c.start,
                    end: c.end,
                    kind: c.kind,
                    reason: if zh {
                        c.reason_zh.clone()
                    } else {
                        c.reason_en.clone()
                    },
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ts_rs::{Config, TS};

    /// The generated TypeScript, in dependency order.
    fn typescript() -> String {
        let cfg = Config::new().with_large_int("number");
        let decls = [
            crate::conversation::Role::decl(&cfg),
            crate::conversation::Message::decl(&cfg),
            crate::conversation::Customer::decl(&cfg),
            crate::conversation::Order::decl(&cfg),
            crate::conversation::Conversation::decl(&cfg),
            crate::kinds::CueKind::decl(&cfg),
            crate::kinds::Intent::decl(&cfg),
            crate::kinds::Lang::decl(&cfg),
            crate::cues::Cue::decl(&cfg),
            crate::cues::Reading::decl(&cfg),
            crate::facts::FactKind::decl(&cfg),
            crate::facts::Fact::decl(&cfg),
            crate::analysis::MessageAnalysis::decl(&cfg),
            crate::analysis::SignalKind::decl(&cfg),
            crate::analysis::Signal::decl(&cfg),
            crate::analysis::RiskReason::decl(&cfg),
            crate::analysis::Risk::decl(&cfg),
            crate::analysis::MoodPoint::decl(&cfg),
            crate::analysis::Analysis::decl(&cfg),
            crate::learning::Outcome::decl(&cfg),
            crate::learning::Feedback::decl(&cfg),
            crate::learning::EntryStats::decl(&cfg),
            crate::learning::Said::decl(&cfg),
            crate::learning::Learned::decl(&cfg),
            crate::style::Address::decl(&cfg),
            crate::style::Style::decl(&cfg),
            crate::state::Ask::decl(&cfg),
            crate::state::Info::decl(&cfg),
            crate::state::Stage::decl(&cfg),
            crate::state::OpenRequest::decl(&cfg),
            crate::state::SaidKind::decl(&cfg),
            crate::state::AgentSaid::decl(&cfg),
            crate::state::State::decl(&cfg),
            crate::suggest::Slot::decl(&cfg),
            crate::suggest::Suggestion::decl(&cfg),
            crate::suggest::ExceptionKind::decl(&cfg),
            crate::suggest::ExceptionDraft::decl(&cfg),
            crate::suggest::Suggestions::decl(&cfg),
            SiteStatus::decl(&cfg),
            ToPanel::decl(&cfg),
            ChatFrame::decl(&cfg),
            Highlight::decl(&cfg),
            DraftSpan::decl(&cfg),
            InsertMode::decl(&cfg),
            ToPage::decl(&cfg),
            PanelModel::decl(&cfg),
        ];
        let mut out = crate::generated::ts_module(
            "// Generated from src/protocol.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.\n\n",
            decls,
        );
        out.push_str(&format!("export const PORT_NAME = \"{PORT_NAME}\";\n"));
        out
    }

    #[test]
    fn typescript_is_current() {
        crate::generated::assert_current(
            "extension/protocol.d.ts",
            &typescript().replace("export const PORT_NAME", "export declare const PORT_NAME"),
            "extension/protocol.d.ts is out of date: run UPDATE_PROTOCOL=1 cargo test --lib protocol",
        );
    }

    #[test]
    fn a_message_of_thousands_of_cues_sends_a_bounded_number_of_highlights() {
        let an = crate::analysis::Analyzer::new().unwrap();
        let conv = crate::conversation::Conversation {
            messages: vec![
                crate::conversation::Message {
                    role: crate::conversation::Role::Customer,
                    text: "气死了，".repeat(5000),
                    time: None,
                    id: None,
                },
                crate::conversation::Message {
                    role: crate::conversation::Role::Customer,
                    text: "我要投诉".into(),
                    time: None,
                    id: None,
                },
            ],
            ..Default::default()
        };
        let a = an.analyze(&conv);
        assert!(a.messages[0].reading.cues.len() > MAX_HIGHLIGHTS_PER_MESSAGE);
        let h = highlights(&a, true, 0);
        assert_eq!(
            h.iter().filter(|h| h.message == 0).count(),
            MAX_HIGHLIGHTS_PER_MESSAGE
        );
        // The message after it keeps its own.
        assert!(h.iter().any(|h| h.message == 1));
    }

    #[test]
    fn messages_added_after_others_never_change_the_highlights_of_the_others() {
        use crate::conversation::{Message, Role};
        let an = crate::analysis::Analyzer::new().unwrap();
        let lines = [
            "你们怎么回事",
            "气死了！再不处理就给差评",
            "不好意思亲",
            "算了👋",
            "I am furious, this is unacceptable",
            "谢谢亲🌹",
            "上次也是这样😒",
            "哦",
        ];
        let conv = |n: usize| crate::conversation::Conversation {
            messages: lines[..n]
                .iter()
                .enumerate()
                .map(|(i, t)| Message {
                    role: if i == 2 { Role::Agent } else { Role::Customer },
                    text: t.to_string(),
                    time: None,
                    id: None,
                })
                .collect(),
            ..Default::default()
        };
        let all = highlights(&an.analyze(&conv(lines.len())), true, 0);
        assert!(all.len() > 6);
        for n in 1..lines.len() {
            let part = highlights(&an.analyze(&conv(n)), true, 0);
            assert_eq!(
                part,
                all.iter()
                    .filter(|h| (h.message as usize) < n)
                    .cloned()
                    .collect::<Vec<_>>(),
                "first {n} messages"
            );
            assert!(highlights(&an.analyze(&conv(lines.len())), true, n as u32)
                .iter()
                .all(|h| h.message as usize >= n));
        }
    }

    #[test]
    fn a_fix_names_its_span_and_the_draft_it_was_made_for() {
        let m = ToPage::Fix {
            start: 3,
            end: 7,
            text: "在这里联系我".into(),
            draft: "亲，加我微信".into(),
        };
        let j = serde_json::to_string(&m).unwrap();
        assert_eq!(
            j,
            r#"{"type":"fix","start":3,"end":7,"text":"在这里联系我","draft":"亲，加我微信"}"#
        );
        assert_eq!(
            serde_json::from_str::<ToPanel>(r#"{"type":"draft","text":"亲"}"#).unwrap(),
            ToPanel::Draft { text: "亲".into() }
        );
    }

    #[test]
    fn the_panel_reads_every_object_message_as_serde_reads_the_tagged_enum() {
        let site = r#"{"profile":"none","matched":[],"host":"shop.example","composer":false}"#;
        let conv = r#"{"messages":[{"role":"customer","text":"在吗"}]}"#;
        let mut messages = vec![
            format!(r#"{{"type":"snapshot","conversation":{conv},"site":{site},"keep":2}}"#),
            format!(r#"{{"type":"snapshot","conversation":{conv},"site":{site}}}"#),
            format!(r#"{{"type":"snapshot","site":{site}}}"#),
            format!(r#"{{"type":"no_console","site":{site},"extra":1}}"#),
            r#"{"type":"command","name":"insert-suggestion"}"#.into(),
            r#"{"type":"superseded"}"#.into(),
            r#"{"type":"draft","text":"亲"}"#.into(),
            r#"{"type":"draft","text":7}"#.into(),
            r#"{"type":"inserted","ok":true,"technique":"paste"}"#.into(),
            r#"{"type":"inserted","ok":false,"technique":"paste","detail":"no composer"}"#.into(),
            r#"{"type":"send","text":"x"}"#.into(),
            r#"{"text":"x"}"#.into(),
            r#"{"type":"draft","text":["亲"]}"#.into(),
            "not json".into(),
            r#"{"type":7}"#.into(),
            format!(r#"{{"type":"snapshot","conversation":{conv},"site":{site},"keep":-1}}"#),
            format!(r#"{{"type":"snapshot","conversation":{conv},"site":{site},"keep":1.0}}"#),
            format!(
                r#"{{"type":"snapshot","conversation":{conv},"site":{{"profile":"x","matched":[7],"host":"h","composer":true}}}}"#
            ),
            format!(
                r#"{{"type":"snapshot","conversation":{conv},"site":{{"profile":"x","matched":[],"host":"h","composer":true,"visit_only":"https://h/*","closed_shadow":false}}}}"#
            ),
            format!(
                r#"{{"type":"snapshot","conversation":{conv},"site":{{"profile":"x","matched":[],"host":"h"}}}}"#
            ),
            r#"{"type":"inserted","ok":"true","technique":"paste"}"#.into(),
            r#"{"type":"inserted","ok":true,"technique":"paste","detail":null}"#.into(),
        ];
        let mut conversations = vec![
            r#"{"messages":[]}"#.to_string(),
            r#"{"messages":[{"role":"agent","text":"亲","time":"17:30","id":"m1"},{"role":"bot","text":""},{"role":"system","text":"x"}],"customer":{"name":"林","orders_count":3,"total_spent":1288.5,"member_since":"2020"},"order":{"id":"A1","product":"杯","amount":99,"currency":"CNY","paid_at":"p","shipped_at":"s","delivered_at":"d"},"now":"2026-09-08T17:30:00+08:00","utc_offset_minutes":-300}"#.into(),
            r#"{"messages":[],"customer":null,"order":{},"now":null}"#.into(),
            r#"{"messages":[{"role":"Customer","text":"x"}]}"#.into(),
            r#"{"messages":[{"role":"customer"}]}"#.into(),
            r#"{"messages":[{"role":"customer","text":"x","time":5}]}"#.into(),
            r#"{"messages":[],"customer":{"orders_count":2.5}}"#.into(),
            r#"{"messages":[],"customer":{"orders_count":-1}}"#.into(),
            r#"{"messages":[],"order":{"amount":"12"}}"#.into(),
            r#"{"messages":[],"order":{"amount":1.5e-7}}"#.into(),
            r#"{"messages":[],"utc_offset_minutes":2147483648}"#.into(),
            r#"{"messages":{}}"#.into(),
            r#"{"customer":{}}"#.into(),
        ];
        conversations.push(serde_json::to_string(&a_realistic_conversation()).unwrap());
        messages.extend(conversations.iter().map(|c| {
            format!(r#"{{"type":"snapshot","conversation":{c},"site":{site},"keep":3}}"#)
        }));
        let mut read = 0;
        for m in &messages {
            let ours = ToPanel::from_json(m).ok();
            let serdes = serde_json::from_str::<ToPanel>(m).ok();
            assert_eq!(ours, serdes, "{m}");
            read += usize::from(ours.is_some());
        }
        assert_eq!(read, 15);
    }

    /// A conversation as a console shows one: every role, times and ids, the customer's and the
    /// order's facts, text with quotes, line breaks, emoji and a backslash.
    fn a_realistic_conversation() -> Conversation {
        use crate::conversation::{Customer, Message, Order, Role};
        let message = |role, text: &str, time: Option<&str>, id: Option<&str>| Message {
            role,
            text: text.into(),
            time: time.map(str::to_string),
            id: id.map(str::to_string),
        };
        Conversation {
            messages: vec![
                message(Role::System, "会话已接入", None, None),
                message(
                    Role::Bot,
                    "您好，我是智能助手~",
                    Some("2026年09月08日 17:30:17"),
                    Some("b1"),
                ),
                message(
                    Role::Customer,
                    "我的\"保温杯\"到底什么时候到？？\n等了三天了😡 C:\\订单",
                    Some("17:31"),
                    Some("c1"),
                ),
                message(
                    Role::Agent,
                    "亲，已经帮您催促快递了哦~",
                    Some("2026-09-08T17:32:05+08:00"),
                    None,
                ),
            ],
            customer: Some(Customer {
                name: Some("林晓雯".into()),
                orders_count: Some(12),
                total_spent: Some(3456.78),
                member_since: Some("2019-03".into()),
            }),
            order: Some(Order {
                id: Some("240908-123456789".into()),
                product: Some("316不锈钢保温杯 500ml 白色".into()),
                amount: Some(129.9),
                currency: Some("CNY".into()),
                paid_at: Some("2026-09-05 10:00".into()),
                shipped_at: Some("2026-09-06".into()),
                delivered_at: None,
            }),
            now: Some("2026-09-08T17:35:00+08:00".into()),
            utc_offset_minutes: Some(480),
        }
    }

    #[test]
    fn the_panel_reads_back_a_realistic_conversation_as_it_was_written() {
        let conv = a_realistic_conversation();
        let json = serde_json::to_string(&conv).unwrap();
        assert_eq!(crate::json_lite::read::<Conversation>(&json), Ok(conv));
    }

    #[test]
    fn the_panel_reads_messages_with_from_json_only() {
        // ARCHITECTURE.md, "Size": serde's tagged-enum reading would bring its content tree back.
        let dirs = ["src/copilot", "src/web"];
        for dir in dirs {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for f in std::fs::read_dir(path).unwrap().flatten() {
                let text = std::fs::read_to_string(f.path()).unwrap();
                assert!(
                    !text.contains("<ToPanel>"),
                    "{}: read ToPanel with ToPanel::from_json",
                    f.path().display()
                );
            }
        }
    }

    #[test]
    fn the_panel_rejects_a_message_sent_as_an_array() {
        // (serde would read `["draft","亲"]` as a draft: the tag, then the fields in order.)
        assert!(ToPanel::from_json(r#"["draft","亲"]"#).is_err());
        assert!(ToPanel::from_json(r#"["draft"]"#).is_err());
    }

    #[test]
    fn messages_round_trip_as_tagged_json() {
        let m = ToPage::Insert {
            text: "亲😀".into(),
            mode: InsertMode::Replace,
        };
        let j = serde_json::to_string(&m).unwrap();
        assert_eq!(j, r#"{"type":"insert","text":"亲😀","mode":"replace"}"#);
        assert_eq!(serde_json::from_str::<ToPage>(&j).unwrap(), m);
        // Unknown message types from anywhere are rejected, not guessed.
        assert!(serde_json::from_str::<ToPage>(r#"{"type":"send","text":"x"}"#).is_err());
    }

    #[test]
    fn a_page_whose_chat_is_in_a_closed_shadow_root_is_reported_as_such_and_others_are_not() {
        let closed = r#"{"type":"no_console","site":{"profile":"none","matched":[],"host":"shop.example","composer":false,"closed_shadow":true}}"#;
        let Ok(ToPanel::NoConsole { site }) = serde_json::from_str::<ToPanel>(closed) else {
            panic!("not read as no_console")
        };
        assert!(site.closed_shadow);
        // A content script from before this field says nothing of it: nothing closed.
        let older = r#"{"type":"no_console","site":{"profile":"none","matched":[],"host":"shop.example","composer":false}}"#;
        let Ok(ToPanel::NoConsole { site }) = serde_json::from_str::<ToPanel>(older) else {
            panic!("not read as no_console")
        };
        assert!(!site.closed_shadow);
    }
}
