//! What Help Scout's answers mean: a status becomes the typed error (with the correlation id
//! and, for a 404, the resource the URL names), a transport failure becomes `transient` or
//! `unknown-outcome` by the request's replay safety, and bodies become JSON or a created id.

use super::{Replay, Response, TransportError};
use crate::error::{Error, Problem, Result};
use serde_json::Value;
use serde_json::value::RawValue;
use url::Url;

/// The error for a non-success response to `url`: with Help Scout's `Correlation-Id` (for a
/// support ticket), and a 404 naming what the URL points at (`conversation 123`).
pub fn error_for(url: &Url, status: u16, response: &Response) -> Error {
    let error = Error::from_status(
        status,
        &response.body,
        response.header_u32("x-ratelimit-retry-after"),
    );
    error.with_context(
        response.header("correlation-id"),
        resource_named(url.path()),
    )
}

/// What a path points at, in words: the last collection with an id (`/v2/conversations/1/tags`
/// → `conversation 1`), else the collection (`/v2/users/me` → `users/me`).
fn resource_named(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').skip(1).collect();
    let numbered = segments
        .windows(2)
        .rev()
        .find(|pair| !pair[1].is_empty() && pair[1].bytes().all(|b| b.is_ascii_digit()));
    match numbered {
        Some(pair) => {
            let singular = match pair[0] {
                "mailboxes" => "mailbox",
                plural => plural.strip_suffix('s').unwrap_or(plural),
            };
            Some(format!("{singular} {}", pair[1]))
        }
        None if segments.is_empty() => None,
        None => Some(segments.join("/")),
    }
}

/// A write that may have taken effect: a 5xx or a failed connection after it was sent.
pub(super) fn ambiguous(outcome: &Result<Response, TransportError>) -> Error {
    let (what, status, correlation_id) = match outcome {
        Ok(r) => {
            let correlation = r.header("correlation-id").map(str::to_string);
            (format!("HTTP {}", r.status), Some(r.status), correlation)
        }
        Err(_) => ("connection failure".to_string(), None, None),
    };
    Error::UnknownOutcome(Problem {
        message: format!(
            "{what} after the request was sent; it may have taken effect, check before retrying"
        ),
        status,
        correlation_id,
    })
}

/// Maps a transport failure; a write that may not be repeated, interrupted after sending, has an
/// unknown outcome.
pub fn transport_error(error: TransportError, replay: Replay) -> Error {
    match error {
        TransportError::Denied(m) => Error::Denied(m.into()),
        TransportError::NotSent(m) => Error::Transient(format!("could not connect: {m}").into()),
        TransportError::Interrupted(m) if replay == Replay::Unsafe => Error::UnknownOutcome(
            format!("connection failed after sending ({m}); the write may have taken effect")
                .into(),
        ),
        TransportError::Interrupted(m) => {
            Error::Transient(format!("connection failed: {m}").into())
        }
        TransportError::Invalid(m) => Error::Other(m.into()),
    }
}

/// One JSON object as Help Scout's text, checked to be an object but not parsed into a tree
/// (`what` names it in the error).
pub fn raw_object(body: &[u8], what: &str) -> Result<Box<RawValue>> {
    let raw: Box<RawValue> = serde_json::from_slice(body)
        .map_err(|e| Error::Other(format!("the API answered with invalid JSON: {e}").into()))?;
    if raw.get().trim_start().starts_with('{') {
        Ok(raw)
    } else {
        Err(Error::Other(
            format!("the API answered a {what} that is not an object").into(),
        ))
    }
}

/// Parses a JSON response body; an unparsable body is an error, never a trap.
pub fn parse_json(body: &[u8]) -> Result<Value> {
    serde_json::from_slice(body)
        .map_err(|e| Error::Other(format!("the API answered with invalid JSON: {e}").into()))
}

/// The id of a created resource: `Resource-ID`, else the last segment of `Location`, else none.
pub fn created_id(response: &Response) -> Option<u64> {
    if let Some(id) = response
        .header("resource-id")
        .and_then(|v| v.trim().parse().ok())
    {
        return Some(id);
    }
    let location = response.header("location")?;
    let path = location.split(['?', '#']).next()?;
    path.trim_end_matches('/').rsplit('/').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)]) -> Response {
        Response {
            status: 201,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn created_id_prefers_resource_id_then_location() {
        assert_eq!(
            created_id(&response(&[("Resource-Id", "868570854")])),
            Some(868570854)
        );
        let loc = [("Location", "https://api.helpscout.net/v2/conversations/42")];
        assert_eq!(created_id(&response(&loc)), Some(42));
        assert_eq!(created_id(&response(&[])), None);
    }

    #[test]
    fn a_404_names_the_resource_and_keeps_the_correlation_id() {
        let url = Url::parse("https://api.helpscout.net/v2/conversations/123/tags").unwrap();
        let mut answer = response(&[("Correlation-Id", "d48eb0d4#5219")]);
        answer.status = 404;
        let Error::NotFound(problem) = error_for(&url, 404, &answer) else {
            panic!("not a not-found")
        };
        assert!(
            problem.message.contains("conversation 123"),
            "{}",
            problem.message
        );
        assert_eq!(problem.status, Some(404));
        assert_eq!(problem.correlation_id.as_deref(), Some("d48eb0d4#5219"));
        assert_eq!(
            resource_named("/v2/mailboxes/7/fields").as_deref(),
            Some("mailbox 7")
        );
        assert_eq!(resource_named("/v2/users/me").as_deref(), Some("users/me"));
    }

    #[test]
    fn an_interrupted_unrepeatable_write_is_an_unknown_outcome() {
        let e = transport_error(TransportError::Interrupted("reset".into()), Replay::Unsafe);
        assert!(matches!(e, Error::UnknownOutcome(_)));
        let e = transport_error(TransportError::Interrupted("reset".into()), Replay::Safe);
        assert!(matches!(e, Error::Transient(_)));
    }
}
