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
