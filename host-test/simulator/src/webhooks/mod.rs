//! Webhooks as Help Scout sends them (<https://developer.helpscout.com/webhooks/>): write
//! handlers emit events while they hold the state lock (`emit.rs`), one worker per webhook
//! delivers them to loopback receivers, retrying and giving up like Help Scout (`deliver.rs`),
//! and every body is signed with [`sign`].

mod deliver;
mod emit;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

pub use deliver::spawn_worker;

/// `base64(HMAC-SHA1(secret, body))`: Help Scout's `X-HelpScout-Signature` of a delivery body.
pub fn sign(body: &[u8], secret: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(body);
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::sign;

    #[test]
    fn reference_vectors() {
        let body = r#"{"firstName":"Jackie","lastName":"Chan","email":"jackie.chan@somewhere.com","gender":"male"}"#;
        assert_eq!(
            sign(body.as_bytes(), "your secret key"),
            "2iFmnzC8SCNVF/iNiMnSe19yceU="
        );
        assert_eq!(
            sign(br#"{"id":123}"#, "asdffdsa"),
            "YhXKie6t+YQPJLRzdKWwTPsJN2w="
        );
    }
}
