//! The lexicons and starter packs are embedded in the binary and the extension's wasm. Their
//! comments are for reviewers, not for the engine: each full-line comment is emptied here (the
//! line stays, so load errors still name the right line), and the files are included from OUT_DIR.
//! Each file is also written as JSON, which the wasm embeds instead, so that it carries no TOML
//! parser (see `src/data.rs`); a file that is not valid TOML fails the build here.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for dir in ["lexicon", "knowledge", "guard"] {
        println!("cargo:rerun-if-changed=data/{dir}");
        let to = Path::new(&out).join(dir);
        fs::create_dir_all(&to).expect("OUT_DIR is writable");
        for entry in fs::read_dir(Path::new("data").join(dir))
            .expect("data folder")
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let text = fs::read_to_string(&path).expect("data files are UTF-8");
            let kept: Vec<&str> = text
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with('#') {
                        ""
                    } else {
                        l
                    }
                })
                .collect();
            fs::write(to.join(entry.file_name()), kept.join("\n") + "\n")
                .expect("OUT_DIR is writable");
            let mut table: toml::Table =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // A guard rule's examples are for its tests, not for the extension; its reasons and fix
            // reach the panel from guard-rules.json (which Options lists), not through the wasm.
            if dir == "guard" {
                if let Some(toml::Value::Array(rules)) = table.get_mut("rule") {
                    for r in rules.iter_mut().filter_map(toml::Value::as_table_mut) {
                        for k in ["hit", "miss", "given", "reason_zh", "reason_en", "fix"] {
                            r.remove(k);
                        }
                    }
                }
            }
            let json = serde_json::to_string(&table).expect("a TOML table is valid JSON");
            fs::write(
                to.join(
                    path.with_extension("json")
                        .file_name()
                        .expect("a file name"),
                ),
                json,
            )
            .expect("OUT_DIR is writable");
        }
    }
}
