//! The cursor a poll hands back and the next poll passes in (the host stores it; to the host it is
//! opaque JSON). `since` is a Help Scout instant: every event before it has been reported, events
//! at or after it only if their keys are in `seen`. A pass over the conversations modified since
//! `since` that did not fit in one poll carries on through `pass`. Cursors of 0.2.0 (`since` and
//! `seen` only) are read as they are.

use serde::{Deserialize, Serialize};

/// Where the last poll stopped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cursor {
    /// Events before this instant have all been reported.
    pub since: String,
    /// Keys (thread, conversation or customer ids) of events at or after `since` already
    /// reported; they all lie within a second or two of `since`.
    #[serde(default)]
    pub seen: Vec<u64>,
    /// A pass over the conversations modified since `since` that the last poll did not finish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass: Option<Pass>,
}

/// A pass in progress: the conversations modified since the cursor's `since`, in the order of
/// their numbers (which never change, so the order holds while conversations change), and where
/// the last poll stopped in it. Its window of events ends at `until`, fixed when it started.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pass {
    /// Help Scout's time when the pass started: the last instant of its window.
    pub until: String,
    /// The number of the next conversation to read.
    pub number: u64,
    /// Events of that conversation already reported.
    #[serde(default)]
    pub skip: usize,
    /// The page of the list it was on (a hint: the number decides).
    #[serde(default = "first_page")]
    pub page: u64,
    /// Keys reported in this pass in its last two seconds, which the next pass reads again.
    #[serde(default)]
    pub seen: Vec<u64>,
}

fn first_page() -> u64 {
    1
}

impl Cursor {
    /// A cursor at `since` with nothing reported.
    pub fn at(since: String) -> Self {
        Cursor {
            since,
            ..Cursor::default()
        }
    }

    /// Whether an event at `at` (a Help Scout instant) with `key` is still to be reported.
    pub fn unreported(&self, at: &str, key: u64) -> bool {
        at >= self.since.as_str() && !self.seen.contains(&key)
    }

    /// The cursor after reporting `reported` (at, key) pairs, oldest first, out of a list read in
    /// time order: it moves to the last instant reported and keeps the keys seen at it.
    pub fn advanced(&self, reported: &[(&str, u64)]) -> Cursor {
        let Some((last, _)) = reported.last() else {
            return self.clone();
        };
        let mut seen = if *last == self.since.as_str() {
            self.seen.clone()
        } else {
            Vec::new()
        };
        seen.extend(reported.iter().filter(|(at, _)| at == last).map(|(_, k)| k));
        Cursor {
            since: (*last).to_string(),
            seen,
            pass: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_of_0_2_0_still_reads() {
        let old: Cursor =
            serde_json::from_str(r#"{"since":"2024-01-01T00:00:00Z","seen":[1]}"#).unwrap();
        assert_eq!(old.pass, None);
        assert!(!old.unreported("2024-01-01T00:00:00Z", 1));
        assert!(old.unreported("2024-01-01T00:00:00Z", 2));
        assert!(!old.unreported("2023-12-31T23:59:59Z", 2));
    }

    #[test]
    fn advancing_keeps_every_key_at_the_last_instant() {
        let start = Cursor {
            since: "2024-01-01T00:00:00Z".into(),
            seen: vec![1],
            pass: None,
        };
        let same = [("2024-01-01T00:00:00Z", 2)];
        assert_eq!(start.advanced(&same).seen, [1, 2]);
        let later = [
            ("2024-01-01T00:00:00Z", 3),
            ("2024-01-02T00:00:00Z", 4),
            ("2024-01-02T00:00:00Z", 5),
        ];
        let next = start.advanced(&later);
        assert_eq!(
            (next.since.as_str(), next.seen),
            ("2024-01-02T00:00:00Z", vec![4, 5])
        );
        assert_eq!(start.advanced(&[]), start);
    }
}
