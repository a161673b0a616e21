//! `find-customers`: `GET /v2/customers` with List Customers' filters, pages followed until
//! `limit`. An e-mail is searched with the query syntax, whose `email:` matches by "contains"
//! (List Customers: "an email containing"), so only customers having exactly that address are
//! kept: a "find, then update" workflow must never edit a near miss.

use crate::catalog::declare::*;
use crate::client::{Client, Resume, Transport, raw_object};
use crate::decode::{Validate, all, check_email, check_limit, check_timestamp};
use crate::error::{Error, Result};
use crate::ids::{CustomerId, MailboxId};
use crate::query::Query;
use crate::resources::Found;
use crate::resources::conversations::SortOrder;
use serde::Deserialize;
use serde_json::value::RawValue;

/// The sort fields List Customers documents ("createdAt - default firstName lastName
/// modifiedAt").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum CustomerSortField {
    #[serde(rename = "firstName")]
    FirstName,
    #[serde(rename = "lastName")]
    LastName,
    #[serde(rename = "modifiedAt")]
    ModifiedAt,
    #[serde(rename = "createdAt")]
    CreatedAt,
}

/// Input of `find-customers`; every field optional.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindCustomers {
    /// Only customers having exactly this address (case-insensitive).
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub mailbox: Option<MailboxId>,
    /// Modified after this instant.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::timestamp")
    )]
    #[serde(default, deserialize_with = "crate::decode::checks::instant")]
    pub modified_since: Option<String>,
    /// A Help Scout search expression, passed on untouched (ANDed with `email`).
    pub query: Option<String>,
    pub sort_field: Option<CustomerSortField>,
    pub sort_order: Option<SortOrder>,
    /// Most customers returned, across pages (default 100).
    #[serde(default = "crate::decode::checks::default_limit")]
    #[cfg_attr(test, schemars(schema_with = "crate::decode::checks::schema::limit"))]
    pub limit: Option<u32>,
    /// The `next` of the previous output: continue where it stopped (the other fields as then).
    #[serde(default)]
    pub next: Option<String>,
}

impl Validate for FindCustomers {
    fn validate(&self) -> Result<()> {
        let mut checks = vec![check_limit(self.limit, 100).map(|_| ())];
        if let Some(since) = &self.modified_since {
            checks.push(check_timestamp("modifiedSince", since));
        }
        if let Some(email) = &self.email {
            checks.push(check_email("email", email));
        }
        all(checks)
    }
}

impl FindCustomers {
    fn query_params(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(mailbox) = self.mailbox {
            q.push(("mailbox", mailbox.segment()));
        }
        for (key, value) in [
            ("firstName", &self.first_name),
            ("lastName", &self.last_name),
        ] {
            if let Some(v) = value {
                q.push((key, v.clone()));
            }
        }
        if let Some(since) = &self.modified_since {
            q.push(("modifiedSince", since.clone()));
        }
        if let Some(field) = self.sort_field {
            q.push(("sortField", sort_field_name(field).into()));
        }
        if let Some(order) = self.sort_order {
            q.push(("sortOrder", order.as_str().into()));
        }
        let mut parts = Vec::new();
        if let Some(email) = &self.email {
            parts.push(Query::term("email", email));
        }
        if let Some(raw) = &self.query {
            parts.push(Query::raw(raw));
        }
        if let Some(query) = Query::all(parts) {
            q.push(("query", query.into_string()));
        }
        q
    }
}

fn sort_field_name(field: CustomerSortField) -> &'static str {
    match field {
        CustomerSortField::FirstName => "firstName",
        CustomerSortField::LastName => "lastName",
        CustomerSortField::ModifiedAt => "modifiedAt",
        CustomerSortField::CreatedAt => "createdAt",
    }
}

/// The customers, as Help Scout's JSON text: pages followed until `limit` or the end. With an
/// `email`, only customers having exactly that address (case-insensitive) count: Help Scout's
/// `(email:"…")` also finds `emma@example.com` for `a@example.com` (List Customers: "an email
/// containing"), and a "find, then update" workflow must never edit a near miss.
pub fn find(client: &mut Client<impl Transport>, input: &FindCustomers) -> Result<Found> {
    input.validate()?;
    let limit = check_limit(input.limit, 100)?;
    let start = match &input.next {
        Some(token) => Resume::from_token(client.base(), "customers", token)?,
        None => Resume::start(
            client
                .base()
                .endpoint(&["customers"], &input.query_params()),
        ),
    };
    let (items, rest) = client.find_raw(start, "customers", limit, |client, item| {
        let Some(email) = &input.email else {
            return Ok(Some(item));
        };
        match has_email(&item, email)? {
            Some(true) => Ok(Some(item)),
            Some(false) => Ok(None),
            // Listed without its e-mails (rare; Help Scout embeds them): read it whole.
            None => {
                let Ok(IdOnly { id }) = serde_json::from_str::<IdOnly>(item.get()) else {
                    return Ok(None);
                };
                let url = client.base().endpoint(&["customers", &id.segment()], &[]);
                let full = raw_object(&client.get_body(url)?, "customer")?;
                Ok((has_email(&full, email)? == Some(true)).then_some(full))
            }
        }
    })?;
    Ok(Found::new(items, rest))
}

#[derive(Deserialize)]
struct IdOnly {
    id: CustomerId,
}

fn has_email(item: &RawValue, email: &str) -> Result<Option<bool>> {
    #[derive(Deserialize)]
    struct Listed {
        #[serde(rename = "_embedded", default)]
        embedded: Option<Embedded>,
    }
    #[derive(Deserialize)]
    struct Embedded {
        emails: Option<Vec<EmailEntry>>,
    }
    #[derive(Deserialize)]
    struct EmailEntry {
        #[serde(default)]
        value: String,
    }
    let listed: Listed = serde_json::from_str(item.get()).map_err(|e| {
        Error::Other(format!("Help Scout answered an unexpected customer: {e}").into())
    })?;
    let emails = listed.embedded.and_then(|e| e.emails);
    Ok(emails.map(|list| {
        list.iter()
            .any(|e| e.value.trim().eq_ignore_ascii_case(email.trim()))
    }))
}

/// `find-customers`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "find-customers",
    title: "Find customers",
    group: Group::Customer,
    description: "Search customers (GET /v2/customers) by email, name, mailbox, modification \
                  time or a Help Scout query, following pages up to `limit` (default 100).",
    files: files!("find-customers"),
    option_fields: &[field("mailbox", Source::Mailboxes)],
    effects: Effects::READ,
    paging: Paging::Continued,
    trigger: None,
    run: |client, input, _| json(&find(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<FindCustomers>,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    #[test]
    fn email_goes_through_the_query_joined_by_and() {
        let input: FindCustomers =
            decode(r#"{"email": "a@example.com", "query": "(firstName:\"A\")", "mailbox": 3}"#)
                .unwrap();
        let q = input.query_params();
        assert_eq!(q[0], ("mailbox", "3".to_string()));
        assert_eq!(
            q[1],
            (
                "query",
                r#"((email:"a@example.com") AND (firstName:"A"))"#.to_string()
            )
        );
        let only: FindCustomers = decode(r#"{"email": "a@example.com"}"#).unwrap();
        assert_eq!(
            only.query_params(),
            [("query", r#"(email:"a@example.com")"#.to_string())]
        );
        let raw: FindCustomers =
            decode(r#"{"query": "lastName:\"B\" OR firstName:\"A\""}"#).unwrap();
        assert_eq!(raw.query_params()[0].1, r#"lastName:"B" OR firstName:"A""#);
        assert!(
            decode::<FindCustomers>("{}")
                .unwrap()
                .query_params()
                .is_empty()
        );
    }
}
