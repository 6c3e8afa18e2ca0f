//! Fill-in slots of the suggestions: what the agent typed into each card's blanks. Values are
//! kept per customer turn and per card (entry and text), so the panel's re-renders on every
//! snapshot keep them; they go when the turn changes or the card is no longer offered.

use crate::suggest::{fill_slots, Suggestion};

#[derive(Default)]
pub struct SlotValues {
    /// The customer turn the values belong to (see `turn_key`).
    turn: String,
    /// (entry, text, one value per slot) of the cards the agent typed into.
    cards: Vec<(String, String, Vec<String>)>,
}

impl SlotValues {
    /// Keep only the values of cards still offered for this turn.
    pub fn keep(&mut self, turn: &str, replies: &[Suggestion]) {
        if self.turn != turn {
            self.turn = turn.to_string();
            self.cards.clear();
        }
        self.cards
            .retain(|(e, t, _)| replies.iter().any(|r| &r.entry == e && &r.text == t));
    }

    /// The values typed for a card, one per slot (blank where nothing was typed).
    pub fn get(&self, s: &Suggestion) -> Vec<String> {
        let mut v = self
            .cards
            .iter()
            .find(|(e, t, _)| *e == s.entry && *t == s.text)
            .map(|c| c.2.clone())
            .unwrap_or_default();
        v.resize(s.slots.len(), String::new());
        v
    }

    pub fn set(&mut self, s: &Suggestion, slot: usize, value: String) {
        if slot >= s.slots.len() {
            return;
        }
        let at = match self
            .cards
            .iter()
            .position(|(e, t, _)| *e == s.entry && *t == s.text)
        {
            Some(i) => i,
            None => {
                self.cards.push((
                    s.entry.clone(),
                    s.text.clone(),
                    vec![String::new(); s.slots.len()],
                ));
                self.cards.len() - 1
            }
        };
        let values = &mut self.cards[at].2;
        values.resize(s.slots.len(), String::new());
        values[slot] = value;
    }
}

/// How many of the card's slots are still blank.
pub fn blanks(s: &Suggestion, values: &[String]) -> usize {
    (0..s.slots.len())
        .filter(|&i| values.get(i).is_none_or(|v| v.trim().is_empty()))
        .count()
}

/// The first blank slot, if any.
pub fn first_blank(s: &Suggestion, values: &[String]) -> Option<usize> {
    (0..s.slots.len()).find(|&i| values.get(i).is_none_or(|v| v.trim().is_empty()))
}

/// What Insert puts in the composer: the text with the values in place, None while one is blank.
pub fn filled(s: &Suggestion, values: &[String]) -> Option<String> {
    if s.slots.is_empty() {
        return Some(s.text.clone());
    }
    fill_slots(s, values)
}

/// The card's text cut at its slots: (text, Some(slot index) for a slot's own bracketed label).
pub fn segments(s: &Suggestion) -> Vec<(String, Option<usize>)> {
    let units: Vec<u16> = s.text.encode_utf16().collect();
    let piece = |a: usize, b: usize| {
        String::from_utf16_lossy(&units[a.min(units.len())..b.min(units.len())])
    };
    let mut out = Vec::new();
    let mut at = 0usize;
    for (i, slot) in s.slots.iter().enumerate() {
        let (a, b) = (slot.start as usize, slot.end as usize);
        if a < at || a > b || b > units.len() {
            break;
        }
        if a > at {
            out.push((piece(at, a), None));
        }
        out.push((piece(a, b), Some(i)));
        at = b;
    }
    if at < units.len() {
        out.push((piece(at, units.len()), None));
    }
    out
}

/// The name of a card's slot input (`entry#index`), kept across re-renders for its focus.
pub fn key(entry: &str, i: usize) -> String {
    format!("{entry}#{i}")
}
