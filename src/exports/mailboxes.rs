//! The `mailboxes` export.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{mailboxes as wm, types};
use crate::error::Error;
use crate::ids::checked;
use crate::resources::mailboxes::{self as resource, GetMailbox, ListMailboxes};

impl wm::Guest for Component {
    fn list_mailboxes(
        conn: types::Connection,
        input: wm::ListMailboxesInput,
    ) -> Result<Vec<wm::Mailbox>> {
        let input = ListMailboxes {
            include_folders: input.include_folders,
            include_fields: input.include_fields,
        };
        let mailboxes = resource::list(&mut open(conn)?, &input)?;
        let records = mailboxes.items.iter().map(resource::Mailbox::record);
        Ok(records.collect::<std::result::Result<_, Error>>()?)
    }

    fn get_mailbox(conn: types::Connection, input: wm::GetMailboxInput) -> Result<wm::Mailbox> {
        let input = GetMailbox {
            id: checked("id", input.id)?,
            include_folders: input.include_folders,
            include_fields: input.include_fields,
        };
        Ok(resource::get(&mut open(conn)?, &input)?.record()?)
    }
}
