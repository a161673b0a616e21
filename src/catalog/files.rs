//! The catalog's JSON files (the schemas in `schemas/`, the sample outputs in
//! `schemas/samples/`): minified and deflated by `build.rs` into one archive, which a call
//! inflates when it reads them (their ~97 KB of JSON are ~11 KB deflated, and the component
//! carries the archive). An entry names its files by their span in the inflated archive, found
//! when the crate compiles: naming a file that does not exist fails the build.

use crate::error::{Error, Result};

// `INDEX` (each file's path and span) and `INFLATED_LEN`, written by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));

/// Every catalog file, one deflate stream.
static DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog_files.deflate"));

/// Where one file's text lies in the inflated archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span of `path` (`schemas/get-conversation.input.json`); evaluated in a `const`, an
    /// unknown path stops the build.
    pub const fn of(path: &str) -> Span {
        let mut i = 0;
        while i < INDEX.len() {
            let (name, start, end) = INDEX[i];
            if same(name.as_bytes(), path.as_bytes()) {
                return Span { start, end };
            }
            i += 1;
        }
        panic!("no such catalog file");
    }
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The catalog files of an entry: its JSON Schemas (the input one generated from the type that
/// decodes it) and a realistic sample output.
#[derive(Debug, Clone, Copy)]
pub struct Files {
    pub input: Span,
    pub output: Span,
    pub sample: Span,
}

/// The files of entry `$name` (its input schema under another name with `input = "…"`; a
/// trigger's are the poll's schemas).
macro_rules! files {
    ($name:literal) => {
        files!($name, input = $name)
    };
    (trigger $name:literal) => {
        $crate::catalog::Files {
            input: $crate::catalog::Span::of("schemas/poll.input.json"),
            output: $crate::catalog::Span::of("schemas/poll.output.json"),
            sample: $crate::catalog::Span::of(concat!("schemas/samples/", $name, ".json")),
        }
    };
    ($name:literal, input = $input:literal) => {
        $crate::catalog::Files {
            input: $crate::catalog::Span::of(concat!("schemas/", $input, ".input.json")),
            output: $crate::catalog::Span::of(concat!("schemas/", $name, ".output.json")),
            sample: $crate::catalog::Span::of(concat!("schemas/samples/", $name, ".json")),
        }
    };
}
pub(crate) use files;

/// Every catalog file's text, inflated.
pub struct Archive(String);

impl Archive {
    /// Inflates the archive (once per call that reads files).
    pub fn open() -> Result<Archive> {
        let damaged = || Error::Other("the component's catalog archive is damaged".into());
        let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(DEFLATED, INFLATED_LEN)
            .map_err(|_| damaged())?;
        String::from_utf8(bytes).map(Archive).map_err(|_| damaged())
    }

    /// The text of one file.
    pub fn text(&self, span: Span) -> &str {
        self.0
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_inflates_to_its_minified_json() {
        let archive = Archive::open().unwrap();
        assert_eq!(archive.0.len(), INFLATED_LEN);
        for (path, start, end) in INDEX {
            let text = archive.text(Span::of(path));
            assert_eq!(text.len(), (end - start) as usize, "{path}");
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            // (Keys may come out in another order here: compare lengths.)
            assert_eq!(
                text.len(),
                value.to_string().len(),
                "{path} is not minified"
            );
        }
        assert!(
            DEFLATED.len() * 4 < INFLATED_LEN,
            "the archive does not compress"
        );
    }
}
