//! The `users` export: `test-connection`.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{types, users as wu};
use crate::resources::users;

impl wu::Guest for Component {
    fn test_connection(conn: types::Connection) -> Result<wu::User> {
        let user = users::me(&mut open(conn)?)?;
        Ok(users::record(user.text())?)
    }
}
