//! OAuth2 credential bookkeeping: live access tokens with their expiry, single-use authorization
//! codes and rotating refresh tokens. Pure data; the HTTP side lives in `routes/auth.rs`.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use crate::credentials;
use crate::render::errors::mix;

/// Lifetime announced in `expires_in` and enforced here.
pub const ACCESS_TOKEN_TTL_SECS: u64 = 172_800;

pub struct TokenStore {
    access: HashMap<String, Instant>,
    refresh: HashSet<String>,
    codes: HashSet<String>,
    nonce: u64,
    counter: u64,
}

impl TokenStore {
    /// A store holding the demo access token, authorization code and refresh token.
    pub fn new(nonce: u64) -> Self {
        let mut store = TokenStore {
            access: HashMap::new(),
            refresh: HashSet::new(),
            codes: HashSet::new(),
            nonce,
            counter: 0,
        };
        store.insert_access(credentials::ACCESS_TOKEN.to_string());
        store.refresh.insert(credentials::REFRESH_TOKEN.to_string());
        store.codes.insert(credentials::AUTH_CODE.to_string());
        store
    }

    fn insert_access(&mut self, token: String) {
        let ttl = Duration::from_secs(ACCESS_TOKEN_TTL_SECS);
        self.access.insert(token, Instant::now() + ttl);
    }

    /// 32 hex characters, like Help Scout's tokens; unique per store.
    fn fresh(&mut self) -> String {
        self.counter += 1;
        let a = mix(self.nonce ^ self.counter.wrapping_mul(0x5851_F42D_4C95_7F2D));
        let b = mix(a ^ self.counter);
        format!("{a:016x}{b:016x}")
    }

    /// Whether `token` is a known, unexpired access token.
    pub fn is_valid(&self, token: &str) -> bool {
        self.access
            .get(token)
            .is_some_and(|expiry| Instant::now() < *expiry)
    }

    /// Invalidates an access token (no-op when unknown).
    pub fn expire(&mut self, token: &str) {
        self.access.remove(token);
    }

    pub fn issue_access(&mut self) -> String {
        let token = self.fresh();
        self.insert_access(token.clone());
        token
    }

    pub fn issue_refresh(&mut self) -> String {
        let token = self.fresh();
        self.refresh.insert(token.clone());
        token
    }

    /// Registers an authorization code (for an authorize step added later).
    #[allow(dead_code, reason = "used by the write endpoints (next round)")]
    pub fn add_code(&mut self, code: &str) {
        self.codes.insert(code.to_string());
    }

    /// Consumes a code; `false` when unknown or already used.
    pub fn take_code(&mut self, code: &str) -> bool {
        self.codes.remove(code)
    }

    /// Consumes a refresh token (rotation); `false` when unknown or already used.
    pub fn take_refresh(&mut self, token: &str) -> bool {
        self.refresh.remove(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_credentials_and_rotation() {
        let mut s = TokenStore::new(7);
        assert!(s.is_valid(credentials::ACCESS_TOKEN));
        let t = s.issue_access();
        assert_eq!(t.len(), 32);
        assert_ne!(t, s.issue_access());
        assert!(s.is_valid(&t));
        s.expire(&t);
        assert!(!s.is_valid(&t));
        assert!(s.take_code(credentials::AUTH_CODE));
        assert!(!s.take_code(credentials::AUTH_CODE));
        assert!(s.take_refresh(credentials::REFRESH_TOKEN));
        assert!(!s.take_refresh(credentials::REFRESH_TOKEN));
        let r = s.issue_refresh();
        assert!(s.take_refresh(&r));
    }
}
