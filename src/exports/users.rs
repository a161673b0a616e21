//! The `users` exports: `test-connection`, the user and team lookups.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{types, users as wu};
use crate::error::Error;
use crate::ids::checked;
use crate::resources::Listed;
use crate::resources::users::{self, GetUser, ListTeamMembers, ListUsers};

impl wu::Guest for Component {
    fn test_connection(conn: types::Connection) -> Result<wu::User> {
        let user = users::me(&mut open(conn)?)?;
        Ok(users::record(user.text())?)
    }

    fn list_users(conn: types::Connection, input: wu::ListUsersInput) -> Result<Vec<wu::User>> {
        let input = ListUsers {
            email: input.email,
            mailbox: input.mailbox.map(|m| checked("mailbox", m)).transpose()?,
        };
        user_records(users::list(&mut open(conn)?, &input)?)
    }

    fn get_user(conn: types::Connection, id: u64) -> Result<wu::User> {
        let input = GetUser {
            id: checked("id", id)?,
        };
        let user = users::get(&mut open(conn)?, &input)?;
        Ok(users::record(user.text())?)
    }

    fn list_teams(conn: types::Connection) -> Result<Vec<wu::Team>> {
        let listed = users::teams(&mut open(conn)?)?;
        Ok(listed
            .texts()
            .map(users::team_record)
            .collect::<std::result::Result<_, Error>>()?)
    }

    fn list_team_members(conn: types::Connection, team_id: u64) -> Result<Vec<wu::User>> {
        let input = ListTeamMembers {
            team_id: checked("teamId", team_id)?,
        };
        user_records(users::members(&mut open(conn)?, &input)?)
    }
}

fn user_records(listed: Listed) -> Result<Vec<wu::User>> {
    Ok(listed
        .texts()
        .map(users::record)
        .collect::<std::result::Result<_, Error>>()?)
}
