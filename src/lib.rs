//! Duxin (读心): the core that reads a customer's mood and drafts replies.
//!
//! Everything in this crate except `web` is plain Rust with no browser dependency, tested natively
//! and benchmarked with criterion. `web` (compiled only for wasm32) is the thin boundary to the
//! browser: it renders the copilot panel with web-sys and talks to the content script over a
//! `chrome.runtime` port using the types in `protocol`.

// First: its `words!` macro is used by the modules below.
#[macro_use]
pub mod words;
pub mod analysis;
pub mod clauses;
pub mod compare;
pub mod conversation;
pub mod copilot;
pub mod corpus;
pub mod cues;
pub mod dashboard;
pub mod data;
pub mod error;
pub mod eval;
pub mod facts;
#[cfg(test)]
mod generated;
pub mod guard;
pub mod insights;
pub mod json_lite;
pub mod kinds;
pub mod learning;
pub mod lexicon;
pub mod num;
pub mod plain;
pub mod plan;
pub mod privacy;
pub mod products;
pub mod profile;
pub mod rhetoric;
#[cfg(test)]
mod shapes;
pub mod sort;
pub mod state;
pub mod text;

pub use analysis::{Analysis, Analyzer};
pub use conversation::{Conversation, Message, Role};
pub use error::{Error, Result};
pub use kinds::{CueKind, Intent};
pub mod knowledge;
pub mod protocol;
pub mod replay;
pub mod style;
pub mod suggest;
pub mod team;
pub mod team_insights;
pub mod team_report;

#[cfg(target_arch = "wasm32")]
mod web;
