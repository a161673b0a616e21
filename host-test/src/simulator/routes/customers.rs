//! `GET /v2/customers` (filters `mailbox`, `firstName`, `lastName`, `modifiedSince`, `query`;
//! `sortField`/`sortOrder`; 50 per page) and `GET /v2/customers/{id}`.

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use serde_json::Value;

use super::conversation_filter::query_param;
use super::{paged, parse_id};
use crate::simulator::errors::ApiError;
use crate::simulator::hal;
use crate::simulator::params::Params;
use crate::simulator::query_eval::{Kind, Record, Schema, Values};
use crate::simulator::render;
use crate::simulator::state::{Customer, Shared, State as Model};

const SORT_FIELDS: [&str; 5] = ["createdAt", "firstName", "lastName", "modifiedAt", "score"];

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
        let all = |list: &[crate::simulator::state::Entry]| {
            list.iter().map(|e| e.value.clone()).collect()
        };
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

/// Customers with a conversation (as primary customer) in one of `mailboxes`.
fn in_mailboxes(st: &Model, c: &Customer, mailboxes: &[u64]) -> bool {
    st.conversations
        .values()
        .any(|conv| conv.primary_customer == c.id && mailboxes.contains(&conv.mailbox_id))
}

fn sort(list: &mut [&Customer], field: &str, descending: bool) {
    list.sort_by(|a, b| {
        let ord = match field {
            "firstName" => a
                .first_name
                .to_lowercase()
                .cmp(&b.first_name.to_lowercase()),
            "lastName" => a.last_name.to_lowercase().cmp(&b.last_name.to_lowercase()),
            "modifiedAt" => a.updated_at.cmp(&b.updated_at),
            _ => a.created_at.cmp(&b.created_at), // createdAt, score
        }
        .then(a.id.cmp(&b.id));
        if descending { ord.reverse() } else { ord }
    });
}

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let p = Params::parse(uri.query());
    let mailboxes = p.int_list("mailbox")?;
    let (first, last) = (p.get("firstName"), p.get("lastName"));
    let since = p.instant("modifiedSince")?;
    let query = query_param(&p, &SCHEMA)?;
    let field = p.choice("sortField", &SORT_FIELDS, "score")?;
    let descending = p.choice("sortOrder", &["asc", "desc"], "desc")? == "desc";
    p.page()?;
    let all: Vec<Value> = {
        let st = shared.lock();
        let mut list: Vec<&Customer> = st
            .customers
            .values()
            .filter(|c| mailboxes.as_ref().is_none_or(|m| in_mailboxes(&st, c, m)))
            .filter(|c| {
                first
                    .as_ref()
                    .is_none_or(|f| c.first_name.eq_ignore_ascii_case(f))
            })
            .filter(|c| {
                last.as_ref()
                    .is_none_or(|l| c.last_name.eq_ignore_ascii_case(l))
            })
            .filter(|c| since.is_none_or(|t| c.updated_at >= t))
            .filter(|c| query.as_ref().is_none_or(|q| q.matches(*c)))
            .collect();
        sort(&mut list, field, descending);
        list.iter()
            .map(|c| render::customer(&shared.base, c))
            .collect()
    };
    paged(&shared, &uri, "customers", all)
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let st = shared.lock();
    let c = st.customers.get(&id).ok_or_else(ApiError::not_found)?;
    Ok(hal::ok(render::customer(&shared.base, c)))
}
