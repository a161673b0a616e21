//! Users: `test-connection` reads the user the credentials belong to (`GET /v2/users/me`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/users/me/>): the cheapest call that
//! proves a token works, and what a platform's "Test" button runs.

use crate::client::{Client, Transport};
use crate::error::Result;
use serde_json::value::RawValue;

/// The resource owner as Help Scout's JSON text (`id`, `firstName`, `lastName`, `email`, …).
pub fn me(client: &mut Client<impl Transport>) -> Result<Box<RawValue>> {
    client.get_object(&["users", "me"], &[], "user")
}

/// The WIT record of a user, with Help Scout's JSON kept as it came.
#[cfg(target_arch = "wasm32")]
pub fn to_record(raw: &RawValue) -> crate::bindings::exports::helpscout::connector::users::User {
    #[derive(Default, serde::Deserialize)]
    #[serde(rename_all = "camelCase", default)]
    struct Wire {
        #[serde(deserialize_with = "super::wire::id")]
        id: u64,
        first_name: Option<String>,
        last_name: Option<String>,
        email: Option<String>,
        role: Option<String>,
        timezone: Option<String>,
    }
    let user: Wire = serde_json::from_str(raw.get()).unwrap_or_default();
    crate::bindings::exports::helpscout::connector::users::User {
        id: user.id,
        first_name: user.first_name,
        last_name: user.last_name,
        email: user.email,
        role: user.role,
        timezone: user.timezone,
        raw_json: raw.get().to_string(),
    }
}
