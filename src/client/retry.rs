//! When to try a request again: 429 waits what `X-RateLimit-Retry-After` says (bounded by the
//! host's maximum), 5xx and connection failures back off exponentially with jitter — but only for
//! requests whose second copy cannot change the outcome ([`Replay::Safe`]), or that never reached
//! Help Scout. Any other write whose outcome is unknown is reported, never repeated.

use super::request::{Replay, Response, TransportError};

/// Bounds on waiting and retrying, set by the host per call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The longest single wait for a rate limit; longer → `rate-limited` at once.
    pub max_wait_seconds: u32,
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    /// All waiting of one request together.
    pub max_total_seconds: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_wait_seconds: 60,
            max_attempts: 4,
            max_total_seconds: 120,
        }
    }
}

/// What to do after one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Hand the outcome to the caller.
    Done,
    /// Wait this long, then try again.
    Retry { wait_ms: u64 },
    /// Rate limited for longer than the policy allows.
    GiveUpRateLimited { retry_after: u32 },
    /// A write that may not be repeated failed in a way that may have taken effect.
    Ambiguous,
}

/// The state of one request's attempts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attempts {
    pub made: u32,
    pub waited_ms: u64,
}

/// Decides after attempt `attempts.made` (≥ 1); `jitter` is uniform in [0, 1).
pub fn decide(
    policy: &RetryPolicy,
    replay: Replay,
    outcome: &Result<Response, TransportError>,
    attempts: Attempts,
    jitter: f64,
) -> Decision {
    let can_retry = attempts.made < policy.max_attempts.max(1);
    let budget_ms = u64::from(policy.max_total_seconds) * 1000;
    let backoff = |d: Decision| match d {
        Decision::Retry { wait_ms } if !can_retry || attempts.waited_ms + wait_ms > budget_ms => {
            Decision::Done
        }
        other => other,
    };
    match outcome {
        Ok(response) if response.status == 429 => {
            let retry_after = response
                .header_u32("x-ratelimit-retry-after")
                .or_else(|| response.header_u32("retry-after"))
                .unwrap_or(60);
            let wait_ms = u64::from(retry_after) * 1000;
            if retry_after > policy.max_wait_seconds
                || !can_retry
                || attempts.waited_ms + wait_ms > budget_ms
            {
                Decision::GiveUpRateLimited { retry_after }
            } else {
                Decision::Retry { wait_ms }
            }
        }
        Ok(response) if matches!(response.status, 500 | 502 | 503 | 504) => {
            // A 503 may come from a proxy after the request was applied, like any other 5xx:
            // only what is safe to repeat is repeated.
            if replay == Replay::Safe {
                backoff(Decision::Retry {
                    wait_ms: jittered(attempts.made, jitter),
                })
            } else {
                Decision::Ambiguous
            }
        }
        Ok(_) => Decision::Done,
        Err(TransportError::NotSent(_)) => backoff(Decision::Retry {
            wait_ms: jittered(attempts.made, jitter),
        }),
        Err(TransportError::Interrupted(_)) if replay == Replay::Safe => backoff(Decision::Retry {
            wait_ms: jittered(attempts.made, jitter),
        }),
        Err(_) => Decision::Done,
    }
}

/// Exponential backoff with jitter: between half and all of 500 ms × 2^(attempt-1), at most 8 s.
fn jittered(attempt: u32, jitter: f64) -> u64 {
    let base = (500u64 << attempt.saturating_sub(1).min(4)).min(8_000);
    base / 2 + (base as f64 / 2.0 * jitter.clamp(0.0, 1.0)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, retry_after: Option<&str>) -> Result<Response, TransportError> {
        let headers = retry_after
            .map(|v| vec![("X-RateLimit-Retry-After".to_string(), v.to_string())])
            .unwrap_or_default();
        Ok(Response {
            status: code,
            headers,
            body: Vec::new(),
        })
    }

    fn first() -> Attempts {
        Attempts {
            made: 1,
            waited_ms: 0,
        }
    }

    #[test]
    fn rate_limits_wait_what_help_scout_says_within_the_bound() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, Replay::Unsafe, &status(429, Some("3")), first(), 0.5),
            Decision::Retry { wait_ms: 3000 }
        );
        assert_eq!(
            decide(&p, Replay::Safe, &status(429, Some("61")), first(), 0.5),
            Decision::GiveUpRateLimited { retry_after: 61 }
        );
        let spent = Attempts {
            made: 4,
            waited_ms: 0,
        };
        assert_eq!(
            decide(&p, Replay::Safe, &status(429, Some("1")), spent, 0.5),
            Decision::GiveUpRateLimited { retry_after: 1 }
        );
    }

    #[test]
    fn server_errors_retry_only_repeatable_requests() {
        let p = RetryPolicy::default();
        assert!(matches!(
            decide(&p, Replay::Safe, &status(502, None), first(), 0.0),
            Decision::Retry { wait_ms: 250 }
        ));
        assert_eq!(
            decide(&p, Replay::Unsafe, &status(500, None), first(), 0.0),
            Decision::Ambiguous
        );
        assert_eq!(
            decide(&p, Replay::Unsafe, &status(503, None), first(), 0.0),
            Decision::Ambiguous
        );
        let last = Attempts {
            made: 4,
            waited_ms: 0,
        };
        assert_eq!(
            decide(&p, Replay::Safe, &status(500, None), last, 0.0),
            Decision::Done
        );
    }

    #[test]
    fn connection_failures_retry_unrepeatable_writes_only_when_nothing_was_sent() {
        let p = RetryPolicy::default();
        let refused = Err(TransportError::NotSent("refused".into()));
        let reset = Err(TransportError::Interrupted("reset".into()));
        assert!(matches!(
            decide(&p, Replay::Unsafe, &refused, first(), 0.9),
            Decision::Retry { .. }
        ));
        assert_eq!(
            decide(&p, Replay::Unsafe, &reset, first(), 0.9),
            Decision::Done
        );
        assert!(matches!(
            decide(&p, Replay::Safe, &reset, first(), 0.9),
            Decision::Retry { .. }
        ));
        let denied = Err(TransportError::Denied("no".into()));
        assert_eq!(
            decide(&p, Replay::Safe, &denied, first(), 0.0),
            Decision::Done
        );
    }

    #[test]
    fn backoff_grows_with_jitter_and_respects_the_total_budget() {
        assert_eq!((jittered(1, 0.0), jittered(1, 0.999)), (250, 499));
        assert_eq!((jittered(3, 0.0), jittered(9, 0.0)), (1000, 4000));
        let p = RetryPolicy {
            max_wait_seconds: 60,
            max_attempts: 10,
            max_total_seconds: 1,
        };
        let late = Attempts {
            made: 2,
            waited_ms: 900,
        };
        assert_eq!(
            decide(&p, Replay::Safe, &status(500, None), late, 0.5),
            Decision::Done
        );
    }
}
