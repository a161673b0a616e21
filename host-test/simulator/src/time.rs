//! UTC timestamps as Unix seconds in Help Scout's formats: `yyyy-MM-dd'T'HH:mm:ss'Z'` (every
//! `createdAt`, `modifiedSince`, …; anything else is the errors page's `MalformedDate`),
//! calendar dates `yyyy-MM-dd` (custom fields, customer properties), the "friendly" text of
//! `customerWaitingSince` and the `Date` response header (RFC 9110 IMF-fixdate; Recorded
//! traffic: every response carries one, e.g. `Sun, 02 Jun 2019 13:47:20 GMT`). The calendar
//! is `jiff`'s; this module fixes the strict shapes.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::fmt::strtime;
use jiff::tz::Offset;

const INSTANT: &str = "%Y-%m-%dT%H:%M:%SZ";
const DAY: &str = "%Y-%m-%d";
/// RFC 9110 IMF-fixdate.
const HTTP_DATE: &str = "%a, %d %b %Y %H:%M:%S GMT";
const HTTP_DATE_SHAPE: &str = "Aaa, 99 Aaa 9999 99:99:99 GMT";

/// `INSTANT` and `DAY` as shapes: `9` is any ASCII digit, everything else itself.
const INSTANT_SHAPE: &str = "9999-99-99T99:99:99Z";
const DAY_SHAPE: &str = "9999-99-99";

/// Whether `s` has exactly the shape of `template` (fixed widths, no signs, no fractions):
/// `9` is any ASCII digit, `a`/`A` any ASCII letter, everything else itself.
fn shaped(s: &str, template: &str) -> bool {
    s.len() == template.len()
        && s.bytes().zip(template.bytes()).all(|(c, t)| match t {
            b'9' => c.is_ascii_digit(),
            b'a' | b'A' => c.is_ascii_alphabetic(),
            _ => c == t,
        })
}

/// The civil UTC date and time of `t` (clamped to the years -9999..=9999 `jiff` supports).
fn civil(t: i64) -> DateTime {
    let t = t.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    let ts = Timestamp::from_second(t).unwrap_or(Timestamp::UNIX_EPOCH);
    Offset::UTC.to_datetime(ts)
}

fn seconds(dt: DateTime) -> Option<i64> {
    Offset::UTC.to_timestamp(dt).ok().map(Timestamp::as_second)
}

/// Unix seconds of a UTC date and time; `None` when a component is out of range.
pub fn from_parts(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let small = |v: i64| i8::try_from(v).ok();
    let year = i16::try_from(y).ok()?;
    let dt = DateTime::new(
        year,
        small(mo)?,
        small(d)?,
        small(h)?,
        small(mi)?,
        small(s)?,
        0,
    );
    seconds(dt.ok()?)
}

/// `2024-03-01T12:00:00Z`.
pub fn format(t: i64) -> String {
    strtime::format(INSTANT, civil(t)).unwrap_or_default()
}

/// `2024-03-01` (custom-field dates).
pub fn format_date(t: i64) -> String {
    strtime::format(DAY, civil(t).date()).unwrap_or_default()
}

/// Strict `yyyy-MM-dd'T'HH:mm:ss'Z'` (no fractions, no offsets), as the API demands.
pub fn parse(s: &str) -> Option<i64> {
    if !shaped(s, INSTANT_SHAPE) {
        return None;
    }
    seconds(DateTime::strptime(INSTANT, s).ok()?)
}

/// `yyyy-MM-dd` → Unix seconds of that day's midnight.
pub fn parse_date(s: &str) -> Option<i64> {
    if !shaped(s, DAY_SHAPE) {
        return None;
    }
    seconds(
        Date::strptime(DAY, s)
            .ok()?
            .to_datetime(jiff::civil::Time::midnight()),
    )
}

/// Help Scout's human text for an instant, in its "older than a week" style: `Apr 12, '18`.
/// Deterministic (never relative to the wall clock) so seeded output is stable.
pub fn friendly(t: i64) -> String {
    let dt = civil(t);
    let month = strtime::format("%b", dt).unwrap_or_default();
    let year = i64::from(dt.year()).rem_euclid(100);
    format!("{month} {}, '{year:02}", dt.day())
}

/// `Sun, 02 Jun 2019 13:47:20 GMT` (the `Date` header).
pub fn http_date(t: i64) -> String {
    strtime::format(HTTP_DATE, civil(t)).unwrap_or_default()
}

/// An IMF-fixdate back to Unix seconds (the weekday must match the date).
pub fn parse_http_date(s: &str) -> Option<i64> {
    if !shaped(s, HTTP_DATE_SHAPE) {
        return None;
    }
    let t = seconds(DateTime::strptime(HTTP_DATE, s).ok()?)?;
    (http_date(t) == s).then_some(t)
}

/// Wall-clock Unix seconds (for records created at run time).
pub fn now() -> i64 {
    Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let t = parse("2024-02-29T23:59:58Z").unwrap();
        assert_eq!(format(t), "2024-02-29T23:59:58Z");
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(format(1_559_483_241), "2019-06-02T13:47:21Z");
        assert_eq!(format(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_date(t), "2024-02-29");
        assert_eq!(parse_date("2024-02-29"), parse("2024-02-29T00:00:00Z"));
        assert_eq!(from_parts(2024, 2, 29, 23, 59, 58), Some(t));
        assert_eq!(from_parts(2023, 2, 29, 0, 0, 0), None);
        assert_eq!(from_parts(2024, 1, 1, 0, 0, 60), None);
        assert!(now() > 1_700_000_000);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "2024-02-30T00:00:00Z",
            "2024-01-01T00:00:00.000Z",
            "2024-01-01T00:00:00",
            "2024-01-01 00:00:00Z",
            "2024-1-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "+024-01-01T00:00:00Z",
            "2024-01-01T00:00:00+00:00",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "+024-01-01",
            "2024-01-01Z",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn http_dates() {
        assert_eq!(http_date(1_559_483_240), "Sun, 02 Jun 2019 13:47:20 GMT");
        assert_eq!(
            parse_http_date("Sun, 02 Jun 2019 13:47:20 GMT"),
            Some(1_559_483_240)
        );
        assert_eq!(parse_http_date("Mon, 02 Jun 2019 13:47:20 GMT"), None);
        assert_eq!(parse_http_date("Sun, 2 Jun 2019 13:47:20 GMT"), None);
        assert_eq!(parse_http_date("2019-06-02T13:47:20Z"), None);
    }

    #[test]
    fn friendly_text() {
        assert_eq!(
            friendly(parse("2018-04-12T13:33:47Z").unwrap()),
            "Apr 12, '18"
        );
        assert_eq!(
            friendly(parse("2005-12-03T00:00:00Z").unwrap()),
            "Dec 3, '05"
        );
    }
}
