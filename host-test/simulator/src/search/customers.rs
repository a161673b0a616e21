//! `GET /v2/customers` parameters (List Customers,
//! <https://developer.helpscout.com/mailbox-api/endpoints/customers/list/>): filters `mailbox`,
//! `firstName`, `lastName`, `modifiedSince` ("Returns only customers that were modified after
//! this date": strictly later) and `query` (combined with AND), the searchable fields of
//! `query=` and `sortField` (`createdAt` (the default), `firstName`, `lastName`, `modifiedAt`;
//! "Customers are by default sorted by createdAt (from newest to oldest)") with `sortOrder`
//! (ties broken by id in the same direction).

use super::params::Params;
use super::{Compiled, Kind, Record, Schema, Values};
use crate::model::{Customer, Entry, State};
use crate::render::errors::ApiError;

/// The page's `sortField` enumeration ("createdAt - default firstName lastName modifiedAt").
const SORT_FIELDS: [&str; 4] = ["createdAt", "firstName", "lastName", "modifiedAt"];

pub const SCHEMA: Schema = Schema {
    fields: &[
        ("firstName", Kind::Text),
        ("lastName", Kind::Text),
        ("email", Kind::Text),
        ("emailDomain", Kind::Text),
        ("phone", Kind::Text),
        ("organization", Kind::Text),
        ("id", Kind::Int),
        ("modifiedAt", Kind::Date),
        ("createdAt", Kind::Date),
    ],
    full_text: &["firstName", "lastName", "email", "organization"],
};

impl Record for Customer {
    fn values(&self, field: &str) -> Values {
        let all = |list: &[Entry]| list.iter().map(|e| e.value.clone()).collect();
        match field {
            "firstName" => Values::Strs(vec![self.first_name.clone()]),
            "lastName" => Values::Strs(vec![self.last_name.clone()]),
            "email" => Values::Strs(all(&self.emails)),
            "emailDomain" => Values::Strs(
                self.emails
                    .iter()
                    .filter_map(|e| e.value.split_once('@').map(|(_, d)| d.to_string()))
                    .collect(),
            ),
            "phone" => Values::Strs(all(&self.phones)),
            "organization" => Values::Strs(vec![self.organization.clone()]),
            "id" => Values::Nums(vec![self.id as i64]),
            "modifiedAt" => Values::Nums(vec![self.updated_at]),
            "createdAt" => Values::Nums(vec![self.created_at]),
            _ => Values::Strs(Vec::new()),
        }
    }
}

/// A validated customer-list request.
pub struct CustomerFilter {
    mailboxes: Option<Vec<u64>>,
    first_name: Option<String>,
    last_name: Option<String>,
    modified_since: Option<i64>,
    query: Option<Compiled>,
    sort_field: &'static str,
    descending: bool,
}

impl CustomerFilter {
    pub fn from_params(p: &Params) -> Result<Self, ApiError> {
        Ok(CustomerFilter {
            mailboxes: p.int_list("mailbox")?,
            first_name: p.get("firstName"),
            last_name: p.get("lastName"),
            modified_since: p.instant("modifiedSince")?,
            query: p.query(&SCHEMA)?,
            sort_field: p.choice("sortField", &SORT_FIELDS, "createdAt")?,
            descending: p.descending()?,
        })
    }

    /// Whether `c` passes every filter.
    pub fn matches(&self, st: &State, c: &Customer) -> bool {
        let same = |want: &Option<String>, have: &str| {
            want.as_ref().is_none_or(|w| have.eq_ignore_ascii_case(w))
        };
        self.mailboxes
            .as_ref()
            .is_none_or(|m| in_mailboxes(st, c, m))
            && same(&self.first_name, &c.first_name)
            && same(&self.last_name, &c.last_name)
            && self.modified_since.is_none_or(|t| c.updated_at > t)
            && self.query.as_ref().is_none_or(|q| q.matches(c))
    }

    /// Sorts by `sortField`/`sortOrder`.
    pub fn sort(&self, list: &mut [&Customer]) {
        list.sort_by(|a, b| {
            let ord = match self.sort_field {
                "firstName" => a
                    .first_name
                    .to_lowercase()
                    .cmp(&b.first_name.to_lowercase()),
                "lastName" => a.last_name.to_lowercase().cmp(&b.last_name.to_lowercase()),
                "modifiedAt" => a.updated_at.cmp(&b.updated_at),
                _ => a.created_at.cmp(&b.created_at), // createdAt
            }
            .then(a.id.cmp(&b.id));
            if self.descending { ord.reverse() } else { ord }
        });
    }
}

/// Customers with a conversation (as primary customer) in one of `mailboxes`.
fn in_mailboxes(st: &State, c: &Customer, mailboxes: &[u64]) -> bool {
    st.conversations
        .values()
        .any(|conv| conv.primary_customer == c.id && mailboxes.contains(&conv.mailbox_id))
}
