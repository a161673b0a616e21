//! The text form of a [`Fault`] (for the CLI): `kind[=arg]:[METHOD:]path[:times[:skip]]`.

use std::str::FromStr;
use std::time::Duration;

use super::{Fault, FaultKind};

/// Retry-After of a `429` spec without `=seconds`.
pub const DEFAULT_RETRY_AFTER: u32 = 1;

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

fn number<T: FromStr>(what: &str, raw: &str) -> Result<T, String> {
    raw.trim()
        .parse()
        .map_err(|_| format!("{what} must be a non-negative integer, got `{raw}`"))
}

fn no_arg(name: &str, arg: Option<&str>, kind: FaultKind) -> Result<FaultKind, String> {
    match arg {
        None => Ok(kind),
        Some(a) => Err(format!(
            "fault kind `{name}` takes no argument (got `={a}`)"
        )),
    }
}

fn status(raw: &str) -> Result<FaultKind, String> {
    let code: u16 = number("status code", raw)?;
    if !(400..=599).contains(&code) {
        return Err(format!("status code must be 400–599, got {code}"));
    }
    Ok(FaultKind::Status(code))
}

fn kind(raw: &str) -> Result<FaultKind, String> {
    let (name, arg) = match raw.split_once('=') {
        Some((n, a)) => (n.trim(), Some(a.trim())),
        None => (raw.trim(), None),
    };
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "429" | "rate-limit" => Ok(FaultKind::RateLimit {
            retry_after: match arg {
                Some(a) => number("429 retry-after seconds", a)?,
                None => DEFAULT_RETRY_AFTER,
            },
        }),
        "status" => status(arg.ok_or("`status` needs a code: status=503")?),
        "delay" => {
            let ms: u64 = number(
                "delay milliseconds",
                arg.ok_or("`delay` needs =MILLISECONDS")?,
            )?;
            Ok(FaultKind::Delay(Duration::from_millis(ms)))
        }
        "reset" => no_arg(name, arg, FaultKind::Reset),
        "reset-after" => no_arg(name, arg, FaultKind::ResetAfterProcessing),
        "applied" => match status(arg.unwrap_or("500"))? {
            FaultKind::Status(code) => Ok(FaultKind::StatusAfterProcessing(code)),
            other => Ok(other),
        },
        "truncated" | "truncate" | "truncated-body" => no_arg(name, arg, FaultKind::TruncatedBody),
        "invalid-json" => no_arg(name, arg, FaultKind::InvalidJson),
        "expire-token" => no_arg(name, arg, FaultKind::ExpireToken),
        "" => Err("missing fault kind".to_string()),
        n if n.bytes().all(|b| b.is_ascii_digit()) => match arg {
            None => status(n),
            Some(a) => Err(format!("status fault `{n}` takes no argument (got `={a}`)")),
        },
        _ => Err(format!(
            "unknown fault kind `{name}` (expected 429[=SECS], a 4xx/5xx code, status=CODE, reset, \
             reset-after, applied[=CODE], delay=MS, truncated, invalid-json or expire-token)"
        )),
    }
}

/// `kind[=arg]:[METHOD:]path[:times[:skip]]`
///
/// * `kind`: `429[=SECS]` (alias `rate-limit`; Retry-After defaults to 1 s), a status code
///   `400`–`599` (or `status=CODE`), `reset`, `reset-after`, `applied[=CODE]` (processed, then
///   answered CODE, default 500), `delay=MILLISECONDS`, `truncated`
///   (aliases `truncate`, `truncated-body`), `invalid-json`, `expire-token`.
/// * `METHOD` (optional, any case): `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, `OPTIONS`
///   or `*` (any; the default).
/// * `path`: a path prefix under `/v2` (matched segment-wise), e.g. `/v2/conversations`.
/// * `times`: how many matching requests to affect, `0` = forever (the default).
/// * `skip`: how many matching requests to let through first (default `0`).
///
/// Examples: `429:GET:/v2/conversations:2`, `503:/v2/mailboxes`,
/// `reset-after:POST:/v2/conversations:1`, `delay=1500:/v2/customers`,
/// `429=30:/v2/conversations:1:2`.
impl FromStr for Fault {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, String> {
        let parts: Vec<&str> = spec.trim().split(':').map(str::trim).collect();
        let kind = kind(parts[0])?;
        let (method, rest) = match parts.get(1) {
            None => return Err(format!("`{spec}`: missing path (kind:[METHOD:]path)")),
            Some(p) if p.starts_with('/') => (None, &parts[1..]),
            Some(&"*") => (None, &parts[2..]),
            Some(m) => {
                let upper = m.to_ascii_uppercase();
                if !METHODS.contains(&upper.as_str()) {
                    return Err(format!("`{spec}`: unknown method or path `{m}`"));
                }
                (Some(upper), &parts[2..])
            }
        };
        let path = match rest.first() {
            Some(p) if p.starts_with("/v2") => p.to_string(),
            Some(p) => return Err(format!("`{spec}`: path must start with /v2, got `{p}`")),
            None => return Err(format!("`{spec}`: missing path after the method")),
        };
        if rest.len() > 3 {
            return Err(format!("`{spec}`: too many `:` parts"));
        }
        let times = rest.get(1).map_or(Ok(0), |t| number("times", t))?;
        let skip = rest.get(2).map_or(Ok(0), |s| number("skip", s))?;
        Ok(Fault {
            method,
            path_prefix: path,
            kind,
            skip,
            times,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Fault {
        s.parse().unwrap()
    }

    #[test]
    fn valid_specs() {
        let f = parse("429:GET:/v2/conversations:2");
        assert_eq!(f.kind, FaultKind::RateLimit { retry_after: 1 });
        assert_eq!(f.method.as_deref(), Some("GET"));
        assert_eq!(
            (f.path_prefix.as_str(), f.times, f.skip),
            ("/v2/conversations", 2, 0)
        );
        let f = parse("503:/v2/mailboxes");
        assert_eq!(
            (f.kind, f.method, f.times, f.skip),
            (FaultKind::Status(503), None, 0, 0)
        );
        let f = parse("reset-after:post:/v2/conversations:1");
        assert_eq!(f.kind, FaultKind::ResetAfterProcessing);
        assert_eq!(f.method.as_deref(), Some("POST"));
        let f = parse("delay=1500:/v2/customers");
        assert_eq!(f.kind, FaultKind::Delay(Duration::from_millis(1500)));
        let f = parse("429=30:/v2/conversations:1:2");
        assert_eq!(f.kind, FaultKind::RateLimit { retry_after: 30 });
        assert_eq!((f.times, f.skip), (1, 2));
        let f = parse(" status=429 : * : /v2/oauth2/token ");
        assert_eq!((f.kind, f.method), (FaultKind::Status(429), None));
        for (spec, kind) in [
            ("reset:/v2", FaultKind::Reset),
            ("truncated:/v2/users", FaultKind::TruncatedBody),
            ("truncated-body:/v2/users", FaultKind::TruncatedBody),
            ("invalid-json:/v2/users", FaultKind::InvalidJson),
            ("EXPIRE-TOKEN:/v2/users", FaultKind::ExpireToken),
            ("rate-limit=5:/v2", FaultKind::RateLimit { retry_after: 5 }),
            ("applied:/v2", FaultKind::StatusAfterProcessing(500)),
            ("applied=502:/v2", FaultKind::StatusAfterProcessing(502)),
        ] {
            assert_eq!(parse(spec).kind, kind, "{spec}");
        }
        for spec in [
            "reset-after:POST:/v2/conversations:1:0",
            "applied=500:PATCH:/v2/customers:1:0",
            "status=429:/v2:0:0",
        ] {
            assert_eq!(parse(spec).to_string(), spec, "round trip");
        }
    }

    #[test]
    fn invalid_specs_name_the_problem() {
        for (spec, needle) in [
            ("", "missing fault kind"),
            ("503", "missing path"),
            ("boom:/v2", "unknown fault kind `boom`"),
            ("200:/v2", "400–599"),
            ("99999:/v2", "status code"),
            ("503=1:/v2", "takes no argument"),
            ("reset=5:/v2", "takes no argument"),
            ("delay:/v2", "delay"),
            ("delay=soon:/v2", "delay milliseconds"),
            ("429=-1:/v2", "retry-after"),
            ("503:FETCH:/v2", "unknown method or path `FETCH`"),
            ("503:GET", "missing path after the method"),
            ("503:/mailboxes", "must start with /v2"),
            ("503:/v2:x", "times"),
            ("503:/v2:1:y", "skip"),
            ("503:/v2:1:2:3", "too many"),
        ] {
            let err = spec.parse::<Fault>().unwrap_err();
            assert!(err.contains(needle), "{spec}: {err}");
        }
    }
}
