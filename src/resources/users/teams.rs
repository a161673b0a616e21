//! `list-teams` (`GET /v2/teams`, every page; the team object as the official PHP SDK's payloads
//! show it: `id`, `name`, `timezone`, `photoUrl`, `mention`, `createdAt`, `updatedAt`) and
//! `list-team-members` (`GET /v2/teams/{id}/members`, users, every page: List Team Members,
//! <https://developer.helpscout.com/mailbox-api/endpoints/teams/list-team-members/>).

use crate::bindings::exports::helpscout::connector::users as wit;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::TeamId;
use crate::resources::{Listed, wire};
use serde::Deserialize;

/// Every team, every page.
pub fn teams(client: &mut Client<impl Transport>) -> Result<Listed> {
    Listed::read(client, &["teams"], &[], "teams")
}

/// Input of `list-team-members`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListTeamMembers {
    pub team_id: TeamId,
}

impl Validate for ListTeamMembers {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// The team's members (users), every page.
pub fn members(client: &mut Client<impl Transport>, input: &ListTeamMembers) -> Result<Listed> {
    let team = input.team_id.segment();
    Listed::read(client, &["teams", &team, "members"], &[], "users")
}

#[derive(Deserialize)]
struct WireTeam {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(default, deserialize_with = "wire::text")]
    name: String,
}

/// A team's JSON text as the WIT record, the text kept in `raw-json`.
pub fn team_record(json: &str) -> Result<wit::Team> {
    let team: WireTeam = wire::parse_text(json, "team")?;
    Ok(wit::Team {
        id: team.id,
        name: team.name,
        raw_json: json.to_string(),
    })
}

/// `list-teams`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "list-teams",
    title: "List teams",
    group: Group::User,
    description: "List the account's teams (GET /v2/teams), every page.",
    files: files!("list-teams"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| {
        let _: Empty = decode(input)?;
        json(&teams(client)?)
    },
    #[cfg(test)]
    input_type: schema_of::<Empty>,
};

/// `list-team-members`, as the catalog declares it.
pub const MEMBERS_ENTRY: Entry = Entry {
    name: "list-team-members",
    title: "List a team's members",
    group: Group::User,
    description: "List the users of a team (GET /v2/teams/{id}/members), every page.",
    files: files!("list-team-members"),
    option_fields: &[field("teamId", Source::Teams)],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| json(&members(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<ListTeamMembers>,
};
