//! Users and teams: `test-connection` reads the user the credentials belong to (`GET
//! /v2/users/me`, <https://developer.helpscout.com/mailbox-api/endpoints/users/me/>): the
//! cheapest call that proves a token works, and what a platform's "Test" button runs; the
//! lookups list and get users (`list.rs`) and teams with their members (`teams.rs`).

mod list;
mod teams;

pub use list::{GetUser, ListUsers, get, list};
pub use teams::{ListTeamMembers, members, team_record, teams};

use crate::bindings::exports::helpscout::connector::users as wit;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::resources::{Raw, wire};
use serde::Deserialize;

/// Input of `test-connection`: nothing.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TestConnection {}

impl Validate for TestConnection {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// The resource owner as Help Scout's JSON text (`id`, `firstName`, `lastName`, `email`, …).
pub fn me(client: &mut Client<impl Transport>) -> Result<Raw> {
    Ok(Raw(client.get_object(&["users", "me"], &[], "user")?))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireUser {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
}

/// A user's JSON text as the WIT record, the text kept in `raw-json`.
pub fn record(json: &str) -> Result<wit::User> {
    let user: WireUser = wire::parse_text(json, "user")?;
    if user.id == 0 {
        return Err(wire::not_a("user"));
    }
    Ok(wit::User {
        id: user.id,
        first_name: user.first_name,
        last_name: user.last_name,
        email: user.email,
        role: user.role,
        timezone: user.timezone,
        raw_json: json.to_string(),
    })
}

/// `test-connection`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "test-connection",
    title: "Test the connection",
    group: Group::Account,
    description: "Check the credentials: the Help Scout user they belong to (GET /v2/users/me), \
                  or the typed error (unauthorized, denied, …).",
    files: files!("test-connection"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| {
        let _: TestConnection = decode(input)?;
        json(&me(client)?)
    },
    #[cfg(test)]
    input_type: schema_of::<TestConnection>,
};

/// The entries of this resource, in catalog order.
pub const ENTRIES: &[Entry] = &[
    ENTRY,
    list::ENTRY,
    list::GET_ENTRY,
    teams::ENTRY,
    teams::MEMBERS_ENTRY,
];
