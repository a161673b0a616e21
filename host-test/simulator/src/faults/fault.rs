//! Fault injection: [`Fault`]s (route + kind + skip/times counting) and the per-simulator
//! [`FaultTable`] the server consults for every `/v2/…` request before the API sees it. The
//! effects themselves are produced by `service.rs`; the CLI syntax lives in `spec.rs`.

use std::fmt;
use std::time::Duration;

/// One injected fault: which requests it matches and what happens to them.
///
/// A request is checked against the faults in injection order. Each fault counts the matching
/// requests that reach it: the first `skip` pass on (to later faults, then the API), the next
/// `times` are affected (`0` = every one from then on), after that the fault is spent and ignored.
/// The first fault that affects a request wins; later faults do not see that request.
///
/// Written as text (see the [`FromStr`](std::str::FromStr) impl in `spec.rs`):
/// `kind[=arg]:[METHOD:]path[:times[:skip]]`, e.g. `429=30:GET:/v2/conversations:1:2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// `None` = any method; compared case-insensitively.
    pub method: Option<String>,
    /// Matched segment-wise: `/v2/conversations` matches `/v2/conversations` and
    /// `/v2/conversations/12/threads`, not `/v2/conversationsX`. Only `/v2/…` requests (the API
    /// and `/v2/oauth2/token`) are ever faulted.
    pub path_prefix: String,
    pub kind: FaultKind,
    /// Let this many matching requests through first.
    pub skip: u32,
    /// Then affect this many (`0` = forever).
    pub times: u32,
}

/// What happens to an affected request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// `429 {"message":"API rate limit exceeded"}` with `X-RateLimit-Retry-After: retry_after` and
    /// `X-RateLimit-Remaining-Minute: 0`; not processed, no budget consumed.
    RateLimit { retry_after: u32 },
    /// This status with a vnd.error body (e.g. 500/502/503/504); not processed.
    Status(u16),
    /// The connection is closed without any response; not processed.
    Reset,
    /// Processed (state changes, webhooks fire), then the connection is closed without a
    /// response: the ambiguous write.
    ResetAfterProcessing,
    /// Processed (state changes, webhooks fire), then answered with this status (e.g. 500) and
    /// a vnd.error body: a write Help Scout applied before failing.
    StatusAfterProcessing(u16),
    /// Waits this long, then processes and answers normally. The request body is read first and
    /// processing does not depend on the client: one that gives up during the delay still gets
    /// its write done when the delay ends.
    Delay(Duration),
    /// Processed; the real status and headers are sent with `Content-Length` of the whole body
    /// but only the first half of it, then the connection is closed. Answers that cannot carry
    /// a body (204) end in a closed connection instead, like [`FaultKind::ResetAfterProcessing`].
    TruncatedBody,
    /// `200 application/hal+json` whose body is not JSON; not processed.
    InvalidJson,
    /// The request's bearer token is expired for good, then the request goes on: API routes
    /// answer 401 (the token endpoint ignores bearer tokens).
    ExpireToken,
}

impl fmt::Display for FaultKind {
    /// The `kind[=arg]` part of the text form (what `LoggedRequest::fault` shows).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultKind::RateLimit { retry_after } => write!(f, "429={retry_after}"),
            FaultKind::Status(429) => f.write_str("status=429"),
            FaultKind::Status(code) => write!(f, "{code}"),
            FaultKind::Reset => f.write_str("reset"),
            FaultKind::ResetAfterProcessing => f.write_str("reset-after"),
            FaultKind::StatusAfterProcessing(code) => write!(f, "applied={code}"),
            FaultKind::Delay(d) => write!(f, "delay={}", d.as_millis()),
            FaultKind::TruncatedBody => f.write_str("truncated"),
            FaultKind::InvalidJson => f.write_str("invalid-json"),
            FaultKind::ExpireToken => f.write_str("expire-token"),
        }
    }
}

impl fmt::Display for Fault {
    /// The text form, accepted back by `FromStr`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.kind)?;
        if let Some(m) = &self.method {
            write!(f, "{}:", m.to_ascii_uppercase())?;
        }
        write!(f, "{}:{}:{}", self.path_prefix, self.times, self.skip)
    }
}

/// Whether `path` lies under `prefix`, segment-wise.
fn under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    match path.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

impl Fault {
    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        method_ok && under(path, &self.path_prefix)
    }
}

struct Entry {
    fault: Fault,
    /// Matching requests that reached this fault.
    seen: u32,
}

impl Entry {
    fn spent(&self) -> bool {
        self.fault.times != 0 && self.seen >= self.fault.skip.saturating_add(self.fault.times)
    }
}

/// The injected faults of one simulator, in injection order.
#[derive(Default)]
pub struct FaultTable {
    entries: Vec<Entry>,
}

impl FaultTable {
    pub fn inject(&mut self, fault: Fault) {
        self.entries.push(Entry { fault, seen: 0 });
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Counts the request against the faults and returns the one affecting it, if any.
    pub fn take(&mut self, method: &str, path: &str) -> Option<FaultKind> {
        if !under(path, "/v2") {
            return None;
        }
        for e in &mut self.entries {
            if e.spent() || !e.fault.matches(method, path) {
                continue;
            }
            e.seen = e.seen.saturating_add(1);
            if e.seen > e.fault.skip {
                return Some(e.fault.kind.clone());
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(method: Option<&str>, path: &str, kind: FaultKind, times: u32, skip: u32) -> Fault {
        Fault {
            method: method.map(str::to_string),
            path_prefix: path.to_string(),
            kind,
            skip,
            times,
        }
    }

    #[test]
    fn segment_prefixes_and_methods() {
        let f = fault(Some("get"), "/v2/conversations/", FaultKind::Reset, 0, 0);
        assert!(f.matches("GET", "/v2/conversations"));
        assert!(f.matches("GET", "/v2/conversations/5/threads"));
        assert!(!f.matches("GET", "/v2/conversationsX"));
        assert!(!f.matches("POST", "/v2/conversations"));
        let any = fault(None, "/v2", FaultKind::Reset, 0, 0);
        assert!(any.matches("DELETE", "/v2/oauth2/token"));
        let mut t = FaultTable::default();
        t.inject(fault(None, "/", FaultKind::Reset, 0, 0));
        assert_eq!(t.take("GET", "/elsewhere"), None, "only /v2 is faulted");
        assert_eq!(t.take("GET", "/v2/users"), Some(FaultKind::Reset));
    }

    #[test]
    fn skip_times_and_order() {
        let mut t = FaultTable::default();
        let late = FaultKind::RateLimit { retry_after: 3 };
        t.inject(fault(Some("GET"), "/v2/conversations", late.clone(), 2, 1));
        t.inject(fault(None, "/v2", FaultKind::Status(503), 1, 0));
        let seq: Vec<Option<FaultKind>> = (0..5)
            .map(|_| t.take("GET", "/v2/conversations/1"))
            .collect();
        // 1st: skipped by the first fault, hit by the second; 2nd, 3rd: first fault; then spent.
        let expected = [
            Some(FaultKind::Status(503)),
            Some(late.clone()),
            Some(late),
            None,
            None,
        ];
        assert_eq!(seq, expected);
        t.inject(fault(None, "/v2/users", FaultKind::InvalidJson, 0, 0));
        for _ in 0..3 {
            assert_eq!(t.take("GET", "/v2/users/me"), Some(FaultKind::InvalidJson));
        }
        t.clear();
        assert_eq!(t.take("GET", "/v2/users/me"), None);
    }

    #[test]
    fn display_names() {
        let f = fault(
            Some("post"),
            "/v2/conversations",
            FaultKind::ResetAfterProcessing,
            1,
            0,
        );
        assert_eq!(f.to_string(), "reset-after:POST:/v2/conversations:1:0");
        let d = FaultKind::Delay(Duration::from_millis(1500));
        assert_eq!(d.to_string(), "delay=1500");
        assert_eq!(FaultKind::Status(429).to_string(), "status=429");
        assert_eq!(FaultKind::Status(502).to_string(), "502");
    }
}
