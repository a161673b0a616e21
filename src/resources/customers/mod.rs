//! Customers (`/v2/customers`): find (exact e-mail matches), get, create, update, delete,
//! find-or-create, the fields and
//! properties they carry, a reference to a customer for conversation and thread writes, and the
//! WIT record of a customer.

mod create;
mod delete;
mod fields;
mod find;
mod find_or_create;
mod get;
mod properties;
pub mod record;
mod update;

pub use create::create;
pub use delete::{DeleteCustomer, delete};
pub use fields::{Address, CustomerFields, Entry, NewCustomer};
pub use find::{CustomerSortField, FindCustomers, find};
pub use find_or_create::{FindOrCreate, find_or_create};
pub use get::{GetCustomer, get};
pub use properties::{PropertyValue, definition_record, list as list_properties};
pub use update::{CustomerChanges, update};

use crate::decode::{check_email, check_length};
use crate::error::{Error, Result};
use crate::ids::CustomerId;
use serde::{Deserialize, Serialize};

/// A customer as Help Scout's JSON text (`GET /v2/customers/{id}`, a find's item).
pub type Customer = super::Raw;

/// A customer for a conversation or thread: an existing `id`, or an `email` (looked up; created
/// with the names when new: Create Conversation).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomerRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<CustomerId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
}

impl CustomerRef {
    pub fn by_id(id: CustomerId) -> Self {
        CustomerRef {
            id: Some(id),
            ..CustomerRef::default()
        }
    }

    /// All problems at once, under `path`.
    pub fn validate(&self, path: &str) -> Result<()> {
        let mut checks = Vec::new();
        match (&self.id, &self.email) {
            (None, None) => checks.push(Err(Error::invalid(path, "needs an id or an email"))),
            (_, Some(email)) => checks.push(check_email(&format!("{path}.email"), email)),
            _ => {}
        }
        for (name, value) in [
            ("firstName", &self.first_name),
            ("lastName", &self.last_name),
        ] {
            if let Some(v) = value {
                checks.push(check_length(&format!("{path}.{name}"), v, 1, 40));
            }
        }
        crate::decode::all(checks)
    }
}

/// The entries of this resource, in catalog order.
pub const ENTRIES: &[crate::catalog::Entry] = &[
    find::ENTRY,
    get::ENTRY,
    create::ENTRY,
    update::ENTRY,
    delete::ENTRY,
    find_or_create::ENTRY,
    properties::LIST_ENTRY,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of(result: Result<()>) -> String {
        match result {
            Err(Error::Validation(f)) => f[0].path.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn customer_refs_need_an_id_or_a_valid_email() {
        assert!(
            CustomerRef::by_id(CustomerId::new(5).unwrap())
                .validate("c")
                .is_ok()
        );
        assert_eq!(path_of(CustomerRef::default().validate("c")), "c");
        let bad = CustomerRef {
            email: Some("nope".into()),
            ..Default::default()
        };
        assert_eq!(path_of(bad.validate("c")), "c.email");
    }
}
