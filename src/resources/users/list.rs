//! `list-users` (`GET /v2/users`, every page; `email` "for looking up users by email using exact
//! match", `mailbox` for the users of one mailbox: List Users,
//! <https://developer.helpscout.com/mailbox-api/endpoints/users/list/>) and `get-user`
//! (`GET /v2/users/{id}`, Get User).

use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::{Validate, check_email};
use crate::error::Result;
use crate::ids::{MailboxId, UserId};
use crate::resources::{Listed, Raw};
use serde::Deserialize;

/// Input of `list-users`.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListUsers {
    /// Only the user with exactly this e-mail address.
    pub email: Option<String>,
    /// Only the users of this mailbox.
    pub mailbox: Option<MailboxId>,
}

impl Validate for ListUsers {
    fn validate(&self) -> Result<()> {
        match &self.email {
            Some(email) => check_email("email", email),
            None => Ok(()),
        }
    }
}

/// Every user (or those the filters keep), every page.
pub fn list(client: &mut Client<impl Transport>, input: &ListUsers) -> Result<Listed> {
    input.validate()?;
    let mut query = Vec::new();
    if let Some(email) = &input.email {
        query.push(("email", email.trim().to_string()));
    }
    if let Some(mailbox) = input.mailbox {
        query.push(("mailbox", mailbox.to_string()));
    }
    Listed::read(client, &["users"], &query, "users")
}

/// Input of `get-user`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetUser {
    pub id: UserId,
}

impl Validate for GetUser {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// One user as Help Scout's JSON text.
pub fn get(client: &mut Client<impl Transport>, input: &GetUser) -> Result<Raw> {
    let id = input.id.segment();
    Ok(Raw(client.get_object(&["users", &id], &[], "user")?))
}

/// `list-users`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "list-users",
    title: "List users",
    group: Group::User,
    description: "List the account's users (GET /v2/users), every page; `email` finds the user \
                  with exactly that address, `mailbox` the users of one mailbox.",
    files: files!("list-users"),
    option_fields: &[field("mailbox", Source::Mailboxes)],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| json(&list(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<ListUsers>,
};

/// `get-user`, as the catalog declares it.
pub const GET_ENTRY: Entry = Entry {
    name: "get-user",
    title: "Get a user",
    group: Group::User,
    description: "Get one user (GET /v2/users/{id}): name, e-mail, role, time zone.",
    files: files!("get-user"),
    option_fields: &[field("id", Source::Users)],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&get(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<GetUser>,
};
