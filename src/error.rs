//! Typed errors of the core. Input from a page or a file never panics: it becomes one of these.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("lexicon {file}: {message}")]
    Lexicon { file: String, message: String },
    #[error("knowledge {file}: {message}")]
    Knowledge { file: String, message: String },
    #[error("conversation: {0}")]
    Conversation(String),
    #[error("line {line}: {message}")]
    Line { line: usize, message: String },
    #[error("team pack: {0}")]
    Pack(String),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, Error>;
