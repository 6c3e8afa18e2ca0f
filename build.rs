//! The lexicons and starter packs are embedded in the binary and the extension's wasm. They are
//! written as TOML for reviewers; here each file is read once and written to OUT_DIR as JSON, which
//! the engine parses with the JSON parser it has anyway (the wasm carries no TOML parser). A data
//! file that is not valid TOML fails the build, naming the file, line and column.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for dir in ["lexicon", "knowledge"] {
        println!("cargo:rerun-if-changed=data/{dir}");
        let to = Path::new(&out).join(dir);
        fs::create_dir_all(&to).expect("OUT_DIR is writable");
        for entry in fs::read_dir(Path::new("data").join(dir)).expect("data folder").flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let text = fs::read_to_string(&path).expect("data files are UTF-8");
            let value: serde_json::Value = match toml::from_str(&text) {
                Ok(v) => v,
                Err(e) => panic!("{}: {e}", path.display()),
            };
            let json = serde_json::to_string(&value).expect("JSON values serialize");
            fs::write(to.join(path.with_extension("json").file_name().expect("a file name")), json).expect("OUT_DIR is writable");
        }
    }
}
