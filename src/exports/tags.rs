//! The `tags` export.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{tags as wt, types};
use crate::error::Error;
use crate::ids::checked;
use crate::resources::tags::{self, GetTag};

impl wt::Guest for Component {
    fn list_tags(conn: types::Connection) -> Result<Vec<wt::Tag>> {
        let listed = tags::list(&mut open(conn)?)?;
        Ok(listed
            .texts()
            .map(tags::record)
            .collect::<std::result::Result<_, Error>>()?)
    }

    fn get_tag(conn: types::Connection, id: u64) -> Result<wt::Tag> {
        let input = GetTag {
            id: checked("id", id)?,
        };
        Ok(tags::record(tags::get(&mut open(conn)?, &input)?.text())?)
    }
}
