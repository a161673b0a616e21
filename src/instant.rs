//! Help Scout's instants: `yyyy-MM-dd'T'HH:mm:ss'Z'` (second precision, UTC) as Unix seconds and
//! back, and Help Scout's own clock as its answers' `Date` header carries it (RFC 9110's
//! IMF-fixdate, `Sun, 02 Jun 2019 13:47:20 GMT` in the recorded traffic). Polls take their time
//! from there, never from the host's clock.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Unix seconds of a Help Scout instant; `None` for anything else.
pub fn parse(text: &str) -> Option<i64> {
    let shaped = text.len() == 20 && text.ends_with('Z') && text.as_bytes().get(10) == Some(&b'T');
    if !shaped {
        return None;
    }
    let time = humantime::parse_rfc3339(text).ok()?;
    let seconds = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(seconds).ok()
}

/// Help Scout's form of an instant given as a platform's date picker writes it: any RFC 3339
/// date-time (an offset instead of `Z`, fractions of a second, dropped) or a date alone
/// (midnight UTC); `None` for anything else.
pub fn normalize(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(t) = parse(text) {
        return Some(format(t));
    }
    let (date, rest) = match text.split_once(['T', 't', ' ']) {
        Some(split) => split,
        None => (text, "00:00:00Z"),
    };
    let clock = rest.get(..8)?;
    let zone = rest[8..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match zone {
        "Z" | "z" => 0,
        zone => {
            let (sign, hhmm) = match zone.split_at_checked(1)? {
                ("+", hhmm) => (1, hhmm),
                ("-", hhmm) => (-1, hhmm),
                _ => return None,
            };
            let (h, m) = hhmm.split_once(':')?;
            let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
            if (0..24).contains(&h) && (0..60).contains(&m) {
                sign * (h * 3600 + m * 60)
            } else {
                return None;
            }
        }
    };
    parse(&format!("{date}T{clock}Z")).map(|t| format(t - offset))
}

/// The Help Scout instant of Unix seconds `t` (instants before 1970 print as 1970).
pub fn format(t: i64) -> String {
    let since_epoch = Duration::from_secs(u64::try_from(t).unwrap_or(0));
    humantime::format_rfc3339_seconds(UNIX_EPOCH + since_epoch).to_string()
}

/// The host's clock, for what is not Help Scout's business (token expiry).
pub fn host_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Unix seconds of an HTTP `Date` header in IMF-fixdate form (`Sun, 02 Jun 2019 13:47:20 GMT`);
/// `None` for the obsolete forms or anything malformed.
pub fn from_http_date(text: &str) -> Option<i64> {
    let (_, rest) = text.trim().split_once(", ")?;
    let mut parts = rest.split(' ');
    let (day, month, year, clock, zone) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if zone != "GMT" || parts.next().is_some() || day.len() != 2 || year.len() != 4 {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    parse(&format!("{year}-{month:02}-{day}T{clock}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_and_reject_other_shapes() {
        let t = parse("2019-06-02T13:47:20Z").unwrap();
        assert_eq!(t, 1_559_483_240);
        assert_eq!(format(t), "2019-06-02T13:47:20Z");
        assert_eq!(format(t - 1), "2019-06-02T13:47:19Z");
        for bad in [
            "2019-06-02T13:47:20.5Z",
            "2019-06-02 13:47:20Z",
            "",
            "2019-13-02T13:47:20Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_date_pickers_instants_become_help_scouts() {
        let n = |t: &str| normalize(t);
        assert_eq!(
            n("2024-01-01T00:00:00Z").as_deref(),
            Some("2024-01-01T00:00:00Z")
        );
        assert_eq!(n("2024-01-01").as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(
            n("2024-01-01T10:00:00.123Z").as_deref(),
            Some("2024-01-01T10:00:00Z")
        );
        assert_eq!(
            n("2024-01-01T10:00:00+02:00").as_deref(),
            Some("2024-01-01T08:00:00Z")
        );
        assert_eq!(
            n("2024-01-01T23:30:00.000-01:00").as_deref(),
            Some("2024-01-02T00:30:00Z")
        );
        for bad in [
            "yesterday",
            "2024-13-01",
            "2024-01-01T10:00",
            "2024-01-01T10:00:00+25:00",
            "",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_the_date_header_as_recorded() {
        assert_eq!(
            from_http_date("Sun, 02 Jun 2019 13:47:20 GMT"),
            parse("2019-06-02T13:47:20Z")
        );
        assert_eq!(
            from_http_date("Tue, 16 Jul 2019 19:22:21 GMT").map(format),
            Some("2019-07-16T19:22:21Z".into())
        );
        for bad in [
            "Sunday, 02-Jun-19 13:47:20 GMT",
            "Sun Jun  2 13:47:20 2019",
            "Sun, 02 Jun 2019 13:47:20 UTC",
            "Sun, 02 Foo 2019 13:47:20 GMT",
            "",
        ] {
            assert_eq!(from_http_date(bad), None, "{bad}");
        }
    }
}
