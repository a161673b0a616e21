//! Webhook secrets: 40 alphanumeric characters (Help Scout's maximum) drawn without bias from a
//! random source (`wasi:random` in the component).

use crate::error::{Error, Result};

pub const SECRET_LEN: usize = 40;
const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A secret from `random(n)` (n random bytes); bytes ≥ 248 are rejected so every character is
/// equally likely.
pub fn generate(mut random: impl FnMut(u64) -> Vec<u8>) -> Result<String> {
    let mut secret = String::with_capacity(SECRET_LEN);
    for _ in 0..16 {
        for byte in random(64) {
            if byte < 248 && secret.len() < SECRET_LEN {
                secret.push(ALPHABET[usize::from(byte % 62)] as char);
            }
        }
        if secret.len() == SECRET_LEN {
            return Ok(secret);
        }
    }
    Err(Error::Other(
        "the random source gave too little randomness".into(),
    ))
}

/// A secret from the host's `wasi:random`.
pub fn from_host() -> Result<String> {
    generate(crate::bindings::wasi::random::random::get_random_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forty_alphanumerics_and_rejection_of_biased_bytes() {
        let mut n = 0u8;
        let secret = generate(|len| {
            (0..len)
                .map(|_| {
                    n = n.wrapping_add(7);
                    n
                })
                .collect()
        })
        .unwrap();
        assert_eq!(secret.len(), SECRET_LEN);
        assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert!(generate(|len| vec![255; len as usize]).is_err());
        assert!(generate(|_| Vec::new()).is_err());
    }
}
