//! Learning from what the agent does: the suggestion they sent (accepted, edited), dismissed or
//! left; their own answers to questions (the answer memory); their voice (style); and the drafts
//! they sent with the check's findings still in them. Each pass reads the snapshot's one analysis.

use super::{agent_count, Clock, Copilot, Effect};
use crate::analysis::Analysis;
use crate::conversation::{Conversation, Role};
use crate::insights::{SuggestionEvent, SuggestionRecord};
use crate::learning::{Feedback, Outcome};

pub(super) fn customer_name(c: &Conversation) -> Option<&str> {
    c.customer.as_ref().and_then(|x| x.name.as_deref())
}

impl Copilot {
    /// Every learning step over a new snapshot, before its suggestions are made.
    pub(super) fn learn(&mut self, c: &Conversation, a: &Analysis, clock: Clock) {
        self.learn_from_sent(c, clock);
        let fresh = self.new_agent_messages(c);
        if fresh.is_empty() {
            return;
        }
        self.count_sent_draft(c, &fresh, clock);
        self.learn_answers(c, a, &fresh);
        self.learn_style(c, &fresh);
    }

    /// When the agent's next message appears after an insertion: accepted as is, or edited.
    fn learn_from_sent(&mut self, c: &Conversation, clock: Clock) {
        if self
            .pending
            .as_ref()
            .is_none_or(|p| agent_count(c) <= p.agent_messages)
        {
            return;
        }
        let Some(p) = self.pending.take() else { return };
        let sent = c
            .messages
            .iter()
            .rev()
            .find(|m| m.role == Role::Agent)
            .map(|m| m.text.clone())
            .unwrap_or_default();
        let outcome = crate::learning::outcome_of(&p.text, &sent);
        let feedback = Feedback {
            entry: p.entry,
            outcome,
            suggested: p.text,
            sent: (outcome == Outcome::Edited).then_some(sent),
        };
        self.record(feedback, customer_name(c), clock);
    }

    /// Indices of the agent's messages not learned from yet (and now marked as seen). Fewer agent
    /// messages than before means another conversation is open: counting starts again.
    fn new_agent_messages(&mut self, c: &Conversation) -> Vec<usize> {
        let agent: Vec<usize> = c
            .messages
            .iter()
            .enumerate()
            .filter(|(_, m)| m.role == Role::Agent)
            .map(|(i, _)| i)
            .collect();
        let from = if agent.len() < self.seen_agent {
            0
        } else {
            self.seen_agent
        };
        self.seen_agent = agent.len();
        agent.get(from..).map(<[usize]>::to_vec).unwrap_or_default()
    }

    /// A new message of the agent's that is the draft the check last read: sent with its findings.
    fn count_sent_draft(&mut self, c: &Conversation, fresh: &[usize], clock: Clock) {
        let same = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
        let Some((draft, _)) = &self.draft.typed else {
            return;
        };
        if fresh
            .iter()
            .any(|&i| c.messages.get(i).is_some_and(|m| same(&m.text, draft)))
        {
            let kinds = self.draft.typed.take().map(|t| t.1).unwrap_or_default();
            self.count_draft(Some(&kinds), false, clock);
        }
    }

    /// Keep what the agent answered in their own words (not suggestions sent unchanged: those
    /// are entries already), to offer it again for similar questions. The question's intent is
    /// the analysis's reading of it.
    fn learn_answers(&mut self, c: &Conversation, a: &Analysis, fresh: &[usize]) {
        let mut suggested: Vec<&str> = self
            .model
            .as_ref()
            .map(|m| {
                m.suggestions
                    .replies
                    .iter()
                    .map(|r| r.text.trim())
                    .collect()
            })
            .unwrap_or_default();
        suggested.extend(self.pending.as_ref().map(|p| p.text.trim()));
        let answers: Vec<(usize, usize)> = fresh
            .iter()
            .filter(|&&i| !suggested.contains(&c.messages[i].text.trim()))
            .filter_map(|&i| question_before(c, i).map(|q| (q, i)))
            .collect();
        if answers.is_empty() {
            return;
        }
        let (name, key) = (customer_name(c), crate::privacy::conversation_key(c, ""));
        let mut changed = false;
        for (q, i) in answers {
            let intent = a
                .messages
                .iter()
                .find(|m| m.index as usize == q)
                .and_then(|m| m.reading.intent);
            let (question, reply) = (&c.messages[q].text, c.messages[i].text.trim());
            changed |=
                self.learned
                    .remember(question, reply, name, &key, a.lang, intent, self.store_text);
        }
        if changed {
            let learned = std::mem::take(&mut self.learned);
            self.keep("learned", &learned);
            self.learned = learned;
        }
    }

    /// Learn the agent's voice from the messages they sent that were not learned from yet.
    fn learn_style(&mut self, c: &Conversation, fresh: &[usize]) {
        if self.style.locked {
            return;
        }
        let messages = fresh
            .iter()
            .filter_map(|&i| c.messages.get(i).cloned())
            .collect();
        let sent = Conversation {
            messages,
            ..Default::default()
        };
        self.style = crate::style::learn(&sent, Some(&self.style));
        let style = std::mem::take(&mut self.style);
        self.keep("style", &style);
        self.style = style;
    }

    /// The agent dismissed a card: it goes for this customer turn, and ranks lower from now on.
    pub(super) fn dismiss(&mut self, i: usize, clock: Clock) {
        let Some(s) = self
            .model
            .as_ref()
            .and_then(|m| m.suggestions.replies.get(i))
        else {
            return;
        };
        let (entry, text) = (s.entry.clone(), s.text.clone());
        self.hidden.push(entry.clone());
        let feedback = Feedback {
            entry,
            outcome: Outcome::Dismissed,
            suggested: text,
            sent: None,
        };
        self.record(feedback, None, clock);
        self.rerank();
    }

    /// Count what the agent did with a suggestion (`customer`: the name shown, kept out of an
    /// edited form).
    fn record(&mut self, f: Feedback, customer: Option<&str>, clock: Clock) {
        self.learned.record(&f, customer);
        let learned = std::mem::take(&mut self.learned);
        self.keep("learned", &learned);
        self.learned = learned;
        self.suggestion_event(f.entry, f.outcome.into(), clock);
    }

    pub(super) fn suggestion_event(&mut self, entry: String, event: SuggestionEvent, clock: Clock) {
        let rec = SuggestionRecord {
            ts: clock.now,
            day: clock.day,
            conv: self.conv_id.clone(),
            lang: self.lang,
            entry,
            event,
            style: crate::insights::style_label(&self.style),
        };
        self.store("events", &rec);
    }

    /// Tell the adapter something stored was skipped.
    pub(super) fn warn(&mut self, what: String) {
        self.effects.push(Effect::Warn(what));
    }
}

/// The customer message an agent message at `i` answers: the last one before it.
fn question_before(c: &Conversation, i: usize) -> Option<usize> {
    c.messages[..i]
        .iter()
        .rposition(|m| m.role == Role::Customer)
}
