//! The panel's decisions, each as the agent would notice it.

use super::*;
use crate::conversation::{Customer, Message, Order};
use crate::insights::SuggestionRecord;

const CLOCK: Clock = Clock {
    now: 1_800_000_000_000.0,
    day: 20_833,
};

fn message(role: Role, text: &str) -> Message {
    Message {
        role,
        text: text.into(),
        time: None,
        id: None,
    }
}

fn conv(lines: &[(Role, &str)]) -> Conversation {
    Conversation {
        messages: lines.iter().map(|(r, t)| message(*r, t)).collect(),
        customer: Some(Customer {
            name: Some("林晓雯".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn site() -> SiteStatus {
    SiteStatus {
        profile: "pinduoduo".into(),
        matched: Vec::new(),
        host: "mms.pinduoduo.com".into(),
        composer: true,
        visit_only: None,
        closed_shadow: false,
    }
}

fn read(c: &mut Copilot, conversation: Conversation, keep: u32) -> Vec<Effect> {
    let site = site();
    c.on_message(
        ToPanel::Snapshot {
            conversation,
            site,
            keep,
        },
        CLOCK,
    );
    c.take_effects()
}

fn copilot() -> Copilot {
    Copilot::new(true).unwrap()
}

/// The records put into a table, parsed.
fn stored<T: serde::de::DeserializeOwned>(effects: &[Effect], name: &str) -> Vec<T> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Store { table, json } if *table == name => serde_json::from_str(json).ok(),
            _ => None,
        })
        .collect()
}

fn kept<'a>(effects: &'a [Effect], name: &str) -> Option<&'a str> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Keep { key, json } if *key == name => Some(json.as_str()),
        _ => None,
    })
}

fn events(effects: &[Effect]) -> Vec<SuggestionRecord> {
    stored(effects, "events")
}

const QUESTION: &str = "这条紫藤花围巾外婆戴会不会扎脖子？";

fn first_card(c: &Copilot) -> crate::suggest::Suggestion {
    c.model.as_ref().unwrap().suggestions.replies[0].clone()
}

/// A card without slots (the first one offered for the scarf question).
fn card_without_slots(c: &Copilot) -> usize {
    let replies = &c.model.as_ref().unwrap().suggestions.replies;
    replies
        .iter()
        .position(|r| r.slots.is_empty())
        .expect("a card without slots")
}

#[test]
fn a_snapshot_paints_the_cues_of_the_new_messages_only() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, "气死了，还没发货")]), 0);
    let effects = read(&mut c, conv(&[(Role::Customer, "我要投诉")]), 1);
    let paint = effects.iter().find_map(|e| match e {
        Effect::Page(ToPage::Paint { highlights, from }) => Some((highlights, *from)),
        _ => None,
    });
    let (highlights, from) = paint.expect("painted");
    assert_eq!(from, 1);
    assert!(!highlights.is_empty() && highlights.iter().all(|h| h.message == 1));
}

#[test]
fn a_snapshot_that_keeps_messages_the_panel_lacks_asks_for_the_whole_conversation() {
    let mut c = copilot();
    let effects = read(&mut c, conv(&[(Role::Customer, "我要投诉")]), 3);
    assert_eq!(effects, vec![Effect::Page(ToPage::Refresh)]);
}

#[test]
fn a_suggestion_inserted_and_sent_unchanged_is_counted_as_accepted() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    let i = card_without_slots(&c);
    let text = c.model.as_ref().unwrap().suggestions.replies[i]
        .text
        .clone();
    c.act(Action::Insert(i), CLOCK);
    assert!(c.take_effects().contains(&Effect::Page(ToPage::Insert {
        text: text.clone(),
        mode: InsertMode::Caret
    })));
    let effects = read(
        &mut c,
        conv(&[(Role::Customer, QUESTION), (Role::Agent, &text)]),
        0,
    );
    let outcomes: Vec<_> = events(&effects).into_iter().map(|e| e.event).collect();
    assert!(outcomes.contains(&crate::insights::SuggestionEvent::Accepted));
}

#[test]
fn a_suggestion_inserted_then_changed_is_counted_as_edited() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    let i = card_without_slots(&c);
    c.act(Action::Insert(i), CLOCK);
    let text = &c.model.as_ref().unwrap().suggestions.replies[i].text;
    let sent = &format!("{text}外婆戴很合适的");
    let effects = read(
        &mut c,
        conv(&[(Role::Customer, QUESTION), (Role::Agent, sent)]),
        0,
    );
    let outcomes: Vec<_> = events(&effects).into_iter().map(|e| e.event).collect();
    assert!(outcomes.contains(&crate::insights::SuggestionEvent::Edited));
}

#[test]
fn a_dismissed_suggestion_is_not_offered_again_for_the_same_customer_turn() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    let gone = first_card(&c).entry;
    c.act(Action::Dismiss(0), CLOCK);
    read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    let replies = &c.model.as_ref().unwrap().suggestions.replies;
    assert!(replies.iter().all(|r| r.entry != gone));
}

#[test]
fn the_agents_own_answer_is_remembered_for_similar_questions() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    let answer = "林晓雯您好，这款围巾是100%羊绒的，很柔软不扎，老人家戴也舒服哦~";
    let effects = read(
        &mut c,
        conv(&[(Role::Customer, QUESTION), (Role::Agent, answer)]),
        0,
    );
    let learned = crate::learning::Learned::from_json(kept(&effects, "learned").expect("kept"));
    assert_eq!(learned.memory.len(), 1);
}

#[test]
fn an_answer_the_agent_took_from_the_suggestions_is_not_remembered_again() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    let text = first_card(&c).text;
    let effects = read(
        &mut c,
        conv(&[(Role::Customer, QUESTION), (Role::Agent, &text)]),
        0,
    );
    let learned = kept(&effects, "learned").map(crate::learning::Learned::from_json);
    assert!(learned.is_none_or(|l| l.memory.is_empty()));
}

#[test]
fn the_replies_shown_are_recorded_once_per_customer_turn() {
    let mut c = copilot();
    let first = events(&read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0));
    let again = events(&read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0));
    assert!(!first.is_empty());
    assert!(again.is_empty());
}

#[test]
fn the_conversation_is_stored_without_the_customers_name_or_words() {
    let mut c = copilot();
    let effects = read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    let json = effects
        .iter()
        .find_map(|e| match e {
            Effect::Store {
                table: "conversations",
                json,
            } => Some(json.clone()),
            _ => None,
        })
        .expect("stored");
    assert!(!json.contains("林晓雯") && !json.contains("围巾"), "{json}");
}

fn past_the_return_window() -> Conversation {
    Conversation {
        messages: vec![message(
            Role::Customer,
            "我想退货，就超了半天，不给退我就给差评",
        )],
        order: Some(Order {
            delivered_at: Some("2026-09-01T08:00:00+08:00".into()),
            ..Default::default()
        }),
        now: Some("2026-09-08T20:00:00+08:00".into()),
        utc_offset_minutes: Some(480),
        ..Default::default()
    }
}

#[test]
fn an_exception_request_is_stored_once_however_often_it_is_copied() {
    let mut c = copilot();
    read(&mut c, past_the_return_window(), 0);
    c.act(Action::CopySupervisor, CLOCK);
    let first: Vec<ExceptionRecord> = stored(&c.take_effects(), "exceptions");
    c.act(Action::InsertHolding, CLOCK);
    let again: Vec<ExceptionRecord> = stored(&c.take_effects(), "exceptions");
    assert_eq!((first.len(), again.len()), (1, 0));
}

#[test]
fn the_supervisors_answer_is_stored_with_the_request() {
    let mut c = copilot();
    read(&mut c, past_the_return_window(), 0);
    c.act(Action::CopySupervisor, CLOCK);
    let asked: Vec<ExceptionRecord> = stored(&c.take_effects(), "exceptions");
    c.act(Action::Outcome(true), CLOCK);
    let answered: Vec<ExceptionRecord> = stored(&c.take_effects(), "exceptions");
    assert_eq!(answered[0].id, asked[0].id);
    assert_eq!(answered[0].approved, Some(true));
}

#[test]
fn a_card_with_a_blank_slot_is_not_inserted_and_the_caret_goes_to_the_blank() {
    let custom = r#"[{"id":"my.1","lang":"zh","intent":"product_question",
        "text":"亲，这款保温杯[[可以/不建议]]放洗碗机洗哦，平时用温水手洗更能保持保温效果~"}]"#;
    let get = |k: &str| {
        if k == "kb_custom" {
            custom.to_string()
        } else {
            String::new()
        }
    };
    let mut c = Copilot::from_stored(true, get).unwrap();
    read(&mut c, conv(&[(Role::Customer, "保温杯能放洗碗机洗吗")]), 0);
    let replies = &c.model.as_ref().unwrap().suggestions.replies;
    let i = replies
        .iter()
        .position(|r| !r.slots.is_empty())
        .expect("a card with a slot");
    let entry = replies[i].entry.clone();
    c.selected = i;
    c.command("insert-suggestion", CLOCK);
    let effects = c.take_effects();
    assert!(!effects
        .iter()
        .any(|e| matches!(e, Effect::Page(ToPage::Insert { .. }))));
    assert!(effects.contains(&Effect::FocusSlot(slots::key(&entry, 0))));
}

#[test]
fn a_draft_sent_with_its_findings_is_counted_for_the_day() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, "东西坏了怎么办")]), 0);
    let draft = "加我微信私聊吧";
    c.on_message(ToPanel::Draft { text: draft.into() }, CLOCK);
    assert!(!c.draft().1.is_empty(), "the draft check finds something");
    let effects = read(
        &mut c,
        conv(&[(Role::Customer, "东西坏了怎么办"), (Role::Agent, draft)]),
        0,
    );
    let days: Vec<GuardDay> =
        serde_json::from_str(kept(&effects, "guard_days").expect("counted")).unwrap();
    assert_eq!(days[0].day, CLOCK.day);
}

#[test]
fn a_reply_saved_from_the_last_sent_message_keeps_no_customer_data() {
    let mut c = copilot();
    let sent = "林晓雯您好，有问题随时打13912345678找我们哦";
    read(
        &mut c,
        conv(&[(Role::Customer, QUESTION), (Role::Agent, sent)]),
        0,
    );
    c.act(Action::SaveReply, CLOCK);
    let saved: Vec<crate::knowledge::CustomReply> = stored(&c.take_effects(), "knowledge");
    assert!(!saved[0].text.contains("林晓雯") && !saved[0].text.contains("13912345678"));
}

#[test]
fn without_keeping_texts_the_stored_answer_texts_are_forgotten_at_start() {
    let mut l = crate::learning::Learned::default();
    let answer = "林晓雯您好，这款围巾是100%羊绒的，很柔软不扎，老人家戴也舒服哦~";
    l.remember(QUESTION, answer, Some("林晓雯"), "c1", Lang::Zh, None, true);
    let json = serde_json::to_string(&l).unwrap();
    let get = |k: &str| {
        if k == "learned" {
            json.clone()
        } else {
            String::new()
        }
    };
    let mut c = Copilot::from_stored(true, get).unwrap();
    let kept = kept(&c.take_effects(), "learned")
        .expect("rewritten")
        .to_string();
    assert!(!kept.contains("紫藤花"), "{kept}");
}

#[test]
fn a_port_closed_before_the_page_spoke_means_duxin_does_not_run_there() {
    let mut c = copilot();
    c.disconnected();
    assert_eq!(c.status, Status::NotHere);
}

#[test]
fn the_next_suggestion_command_wraps_around_to_the_first() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    let n = c.model.as_ref().unwrap().suggestions.replies.len();
    for _ in 0..n {
        c.command("next-suggestion", CLOCK);
    }
    assert_eq!(c.selected, 0);
}

#[test]
fn export_copies_the_conversation_as_duxin_analyze_reads_it() {
    let mut c = copilot();
    read(&mut c, conv(&[(Role::Customer, QUESTION)]), 0);
    c.act(Action::Export, CLOCK);
    let text = c.take_effects().into_iter().find_map(|e| match e {
        Effect::Copied { text, write: true } => Some(text),
        _ => None,
    });
    let back: Conversation = serde_json::from_str(&text.expect("copied")).unwrap();
    assert_eq!(back.messages[0].text, QUESTION);
}

#[test]
fn the_day_turns_at_the_agents_midnight_not_utcs() {
    // 2026-12-03 23:30 in Beijing (UTC+8, offset -480) is 15:30 UTC the same day.
    let utc_1530 = 1_796_311_800_000.0;
    assert_eq!(Clock::local(utc_1530, -480.0).day, 20_790);
    // 01:30 the next day in Beijing is still the 3rd in UTC.
    let later = utc_1530 + 2.0 * 3_600_000.0;
    assert_eq!(Clock::local(later, 0.0).day, 20_790);
    assert_eq!(Clock::local(later, -480.0).day, 20_791);
}

#[test]
fn the_panel_speaks_the_chosen_language_else_the_browsers() {
    assert!(speaks_zh("zh_CN", "en-US"));
    assert!(!speaks_zh("en", "zh-CN"));
    assert!(speaks_zh("", "ZH-cn"));
    assert!(!speaks_zh("", "en-GB"));
}

#[test]
fn a_missing_ui_string_shows_the_chosen_locales_then_the_browsers_then_its_key() {
    let chosen = Messages::parse(r#"{"insert": {"message": "插入"}}"#);
    assert_eq!(chosen.text("insert", |_| "Insert".into()), "插入");
    assert_eq!(chosen.text("copy", |_| "Copy".into()), "Copy");
    assert_eq!(chosen.text("copy", |_| String::new()), "copy");
}

#[test]
fn a_damaged_locale_file_falls_back_to_the_browsers_strings() {
    for damaged in [
        "not json",
        r#"["insert"]"#,
        r#"{"insert": {"message": 7}}"#,
        r#"{"insert": "插入"}"#,
    ] {
        let chosen = Messages::parse(damaged);
        assert_eq!(
            chosen.text("insert", |_| "Insert".into()),
            "Insert",
            "{damaged}"
        );
    }
    // An entry without its message (only a translator's description) falls back alone.
    let chosen =
        Messages::parse(r#"{"insert": {"description": "button"}, "copy": {"message": "复制"}}"#);
    assert_eq!(chosen.text("insert", |_| "Insert".into()), "Insert");
    assert_eq!(chosen.text("copy", |_| "Copy".into()), "复制");
}

#[test]
fn the_panel_reads_a_locale_file_as_serde_reads_it() {
    for json in [
        include_str!("../../extension/_locales/en/messages.json"),
        include_str!("../../extension/_locales/zh_CN/messages.json"),
        r#"{"a": {"message": "x"}, "a": {"message": "y"}, "b": {"message": null}}"#,
        r#"{"a": {"message": "x"}, "b": {"message": ["y"]}}"#,
        r#"{"a": {"message": "x"}, "b": 1}"#,
        r#"{}"#,
        r#"[]"#,
        "",
    ] {
        let serde =
            serde_json::from_str::<std::collections::BTreeMap<String, super::Message>>(json);
        assert_eq!(Messages::parse(json).0, serde.ok(), "{json}");
    }
    assert!(
        Messages::parse(include_str!("../../extension/_locales/en/messages.json"))
            .get("insert")
            .is_some()
    );
}

#[test]
fn a_keyboard_command_names_an_insert_mode_as_serde_does() {
    for mode in [InsertMode::Caret, InsertMode::Replace] {
        let name = serde_json::to_value(mode).unwrap();
        assert!(copilot().insert_named("好的".into(), name.as_str().unwrap()));
    }
    assert!(!copilot().insert_named("好的".into(), "Caret"));
    assert!(!copilot().insert_named("好的".into(), "end"));
}

#[test]
fn a_malformed_message_from_the_page_is_dropped_with_a_warning() {
    let mut c = copilot();
    c.on_json(r#"{"type": "snapshot", "conversation": 7}"#, CLOCK);
    let effects = c.take_effects();
    assert!(matches!(effects.as_slice(), [Effect::Warn(w)] if w.contains("malformed")));
    assert_eq!(c.status, Status::Connecting);
}

#[test]
fn using_the_panel_here_reconnects_and_says_it_is_connecting() {
    let mut c = copilot();
    c.disconnected();
    c.act(Action::UseHere, CLOCK);
    assert_eq!(c.status, Status::Connecting);
    assert_eq!(c.take_effects(), vec![Effect::Connect]);
}

#[test]
fn keeping_duxin_on_a_site_asks_for_the_visits_site_only_and_a_refusal_is_said() {
    let mut c = copilot();
    c.act(Action::EnableSite, CLOCK);
    assert!(c.take_effects().is_empty(), "not a one-visit site");
    c.visit_only = Some("https://mms.pinduoduo.com/*".into());
    c.act(Action::EnableSite, CLOCK);
    let asked = c.take_effects();
    assert_eq!(
        asked,
        vec![Effect::AskSite("https://mms.pinduoduo.com/*".into())]
    );
    c.site_refused();
    assert_eq!(c.note, Note::of("enable_refused"));
}
