//! Per-simulator ("per account") fixed 60-second window rate limiter: GET costs 1, writes
//! (POST/PUT/PATCH/DELETE) cost 2 (<https://developer.helpscout.com/mailbox-api/overview/rate-limiting/>);
//! the remaining count reported already includes the request.

use std::time::{Duration, Instant};

use axum::http::Method;

const WINDOW: Duration = Duration::from_secs(60);

pub struct RateLimiter {
    limit: u32,
    used: u32,
    window_start: Option<Instant>,
}

/// Outcome of [`RateLimiter::take`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Allowed; `remaining` after this request.
    Allowed { limit: u32, remaining: u32 },
    /// Refused; retry after this many seconds (window reset).
    Limited {
        limit: u32,
        remaining: u32,
        retry_after: u64,
    },
}

/// The budget a request consumes.
pub fn cost(method: &Method) -> u32 {
    if matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        2
    } else {
        1
    }
}

impl RateLimiter {
    pub fn new(limit: u32) -> Self {
        RateLimiter {
            limit,
            used: 0,
            window_start: None,
        }
    }

    fn roll(&mut self, now: Instant) -> Instant {
        match self.window_start {
            Some(start) if now.duration_since(start) < WINDOW => start,
            _ => {
                self.used = 0;
                self.window_start = Some(now);
                now
            }
        }
    }

    /// Remaining budget without consuming any.
    pub fn remaining(&mut self) -> u32 {
        self.roll(Instant::now());
        self.limit.saturating_sub(self.used)
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Consumes `cost` if the window still has room.
    pub fn take(&mut self, cost: u32) -> Decision {
        self.take_at(cost, Instant::now())
    }

    fn take_at(&mut self, cost: u32, now: Instant) -> Decision {
        let start = self.roll(now);
        let remaining = self.limit.saturating_sub(self.used);
        if cost > remaining {
            let left = WINDOW.saturating_sub(now.duration_since(start));
            let retry_after = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            return Decision::Limited {
                limit: self.limit,
                remaining,
                retry_after: retry_after.max(1),
            };
        }
        self.used += cost;
        Decision::Allowed {
            limit: self.limit,
            remaining: remaining - cost,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_resets() {
        let mut r = RateLimiter::new(5);
        let t0 = Instant::now();
        assert_eq!(
            r.take_at(1, t0),
            Decision::Allowed {
                limit: 5,
                remaining: 4
            }
        );
        assert_eq!(
            r.take_at(2, t0),
            Decision::Allowed {
                limit: 5,
                remaining: 2
            }
        );
        assert_eq!(
            r.take_at(2, t0),
            Decision::Allowed {
                limit: 5,
                remaining: 0
            }
        );
        let later = t0 + Duration::from_secs(20);
        match r.take_at(1, later) {
            Decision::Limited { retry_after, .. } => assert_eq!(retry_after, 40),
            other => panic!("{other:?}"),
        }
        let next_window = t0 + Duration::from_secs(61);
        assert!(matches!(
            r.take_at(2, next_window),
            Decision::Allowed { remaining: 3, .. }
        ));
        assert_eq!(cost(&Method::PATCH), 2);
        assert_eq!(cost(&Method::GET), 1);
    }
}
