//! Plain messages for the decoder's failures: serde says `invalid type: string "x", expected
//! u64`; a platform user reads `must be an integer`. The field's path is completed for missing
//! and unknown fields (serde names those inside the message, not in the path).

/// What went wrong at a path.
pub struct Problem {
    pub message: String,
    /// A field the input type does not have: to be removed, not replaced.
    pub unknown: bool,
}

/// The failing field's path and a plain message.
pub fn describe(failure: &serde_path_to_error::Error<serde_json::Error>) -> (String, Problem) {
    let at = failure.path().to_string();
    let at = if at == "." { String::new() } else { at };
    let raw = failure.inner().to_string();
    let raw = raw.split(" at line ").next().unwrap_or(&raw);
    if let Some(field) = backticked(raw, "missing field `") {
        let problem = Problem {
            message: "is required".into(),
            unknown: false,
        };
        return (join(&at, &field), problem);
    }
    if let Some(field) = backticked(raw, "unknown field `") {
        let path = if at.rsplit('.').next() == Some(field.as_str()) {
            at
        } else {
            join(&at, &field)
        };
        let problem = Problem {
            message: "is not a field of this input".into(),
            unknown: true,
        };
        return (path, problem);
    }
    let problem = Problem {
        message: plain(raw),
        unknown: false,
    };
    (at, problem)
}

fn join(at: &str, field: &str) -> String {
    if at.is_empty() {
        field.to_string()
    } else {
        format!("{at}.{field}")
    }
}

fn backticked(message: &str, marker: &str) -> Option<String> {
    let start = message.find(marker)? + marker.len();
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// serde's wording turned into a plain sentence about the value.
pub fn plain(raw: &str) -> String {
    if let Some(expected) = raw.split(", expected ").nth(1) {
        if raw.starts_with("unknown variant") {
            let choices: Vec<String> = expected
                .trim_start_matches("one of ")
                .split(", ")
                .map(|c| c.trim_matches('`').to_string())
                .collect();
            return format!("must be one of: {}", choices.join(", "));
        }
        return format!("must be {}", expected_value(expected));
    }
    let raw = raw.split(" at line ").next().unwrap_or(raw);
    if raw.starts_with("data did not match any variant") {
        return "has the wrong type".into();
    }
    // Our own deserializers' messages (ids, dates) are already plain.
    raw.to_string()
}

/// serde's name of an expected type, in words.
fn expected_value(expected: &str) -> &'static str {
    let e = expected.trim();
    let integer = [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize",
    ];
    if integer.contains(&e) {
        "an integer"
    } else if e.contains("positive id") {
        "a positive id (an integer, or a string of digits)"
    } else if e.contains("bool") {
        "true or false"
    } else if e.contains("string") || e.contains("char") {
        "text"
    } else if e.contains("sequence") {
        "a list"
    } else if e.starts_with("struct") || e.contains("map") {
        "an object"
    } else if e.starts_with('f') {
        "a number"
    } else {
        "of another type"
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn serde_wording_becomes_plain() {
        assert_eq!(
            plain(r#"invalid type: string "x", expected u64"#),
            "must be an integer"
        );
        assert_eq!(
            plain("unknown variant `lost`, expected one of `active`, `closed`"),
            "must be one of: active, closed"
        );
        assert_eq!(
            plain("invalid type: integer `3`, expected a string"),
            "must be text"
        );
        assert_eq!(
            plain("invalid type: map, expected a sequence"),
            "must be a list"
        );
        assert_eq!(plain("must be a positive id"), "must be a positive id");
    }
}
