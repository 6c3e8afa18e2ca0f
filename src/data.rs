//! The reviewed data files (lexicons, reply packs, the default policy) are TOML, for reviewers.
//! The extension's wasm carries no TOML parser (it was about a sixth of the wasm's code):
//! `build.rs` also writes each embedded file as JSON, the wasm embeds that twin, and `parse` reads
//! a file by its extension. Native builds (tests, the CLI, `--kb DIR`) read the TOML itself, so a
//! reviewer's mistake is reported with its line.

use serde::de::DeserializeOwned;

/// An embedded data file as `(name, text)`: the TOML natively, its JSON twin in the wasm.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! embedded {
    ($dir:literal, $stem:literal) => {
        (
            concat!($stem, ".toml"),
            include_str!(concat!(env!("OUT_DIR"), "/", $dir, "/", $stem, ".toml")),
        )
    };
}

/// An embedded data file as `(name, text)`: the TOML natively, its JSON twin in the wasm.
#[cfg(target_arch = "wasm32")]
macro_rules! embedded {
    ($dir:literal, $stem:literal) => {
        (
            concat!($stem, ".json"),
            include_str!(concat!(env!("OUT_DIR"), "/", $dir, "/", $stem, ".json")),
        )
    };
}

pub(crate) use embedded;

/// Reads a data file: JSON when its name ends in `.json`, else TOML (native builds only).
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, String> {
    if file.ends_with(".json") {
        return serde_json::from_str(text).map_err(|e| e.to_string());
    }
    #[cfg(not(target_arch = "wasm32"))]
    return toml::from_str(text).map_err(|e| e.to_string());
    #[cfg(target_arch = "wasm32")]
    return Err(format!("{file}: only the native build reads TOML"));
}

/// Reads a data file whose wasm twin is mapped by hand (`json_lite`, no serde derive in the wasm):
/// the JSON twin through `from_json`, else the reviewed TOML (native builds only).
pub fn read<T: DeserializeOwned>(
    file: &str,
    text: &str,
    from_json: impl Fn(&crate::json_lite::Json) -> Result<T, String>,
) -> Result<T, String> {
    if file.ends_with(".json") {
        return from_json(&crate::json_lite::parse(text)?);
    }
    #[cfg(not(target_arch = "wasm32"))]
    return toml::from_str(text).map_err(|e| e.to_string());
    #[cfg(target_arch = "wasm32")]
    return Err(format!("{file}: only the native build reads TOML"));
}

#[cfg(test)]
mod tests {
    use crate::knowledge::{Knowledge, Policy};
    use crate::lexicon::Lexicon;

    macro_rules! twin {
        ($dir:literal, $stem:literal) => {
            (
                concat!($stem, ".json"),
                include_str!(concat!(env!("OUT_DIR"), "/", $dir, "/", $stem, ".json")),
            )
        };
    }

    #[test]
    fn the_wasm_reads_the_same_reply_packs_and_policy_as_the_reviewed_toml() {
        let (file, text) = twin!("knowledge", "policy");
        let json = Knowledge::from_sources(
            &[twin!("knowledge", "zh"), twin!("knowledge", "en")],
            Policy::from_file(file, text).unwrap(),
        )
        .unwrap();
        assert_eq!(
            format!("{json:?}"),
            format!("{:?}", Knowledge::builtin().unwrap())
        );
    }

    #[test]
    fn the_wasm_reads_the_same_lexicon_as_the_reviewed_toml() {
        let sources = [
            twin!("lexicon", "zh"),
            twin!("lexicon", "en"),
            twin!("lexicon", "en-general"),
            twin!("lexicon", "symbols"),
        ];
        let json = Lexicon::from_sources(&sources).unwrap();
        assert_eq!(
            format!("{:?}", json.terms),
            format!("{:?}", Lexicon::builtin().unwrap().terms)
        );
    }

    #[test]
    fn a_mistake_in_a_reviewed_file_is_reported_with_its_line() {
        let e = super::parse::<Policy>("policy.toml", "currency = \"CNY\"\nrefund_limit = \"x\"\n")
            .unwrap_err();
        assert!(e.contains("line 2"), "{e}");
    }
}
