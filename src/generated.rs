//! (tests) The files the extension's scripts are type-checked against, generated from Rust types:
//! one way to write them and one drift check, so every generated file behaves the same
//! (`UPDATE_PROTOCOL=1 cargo test` rewrites them).

/// A TypeScript module: `head` (the "Generated from …" line and any imports), then each
/// declaration exported, in the order given (dependencies first).
pub(crate) fn ts_module(head: &str, decls: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from(head);
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}

/// Fails with `stale` unless `path` (under the crate root) holds exactly `want`; with
/// `UPDATE_PROTOCOL` set, writes it first.
pub(crate) fn assert_current(path: &str, want: &str, stale: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var("UPDATE_PROTOCOL").is_ok() {
        std::fs::write(&path, want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "{stale}");
}
