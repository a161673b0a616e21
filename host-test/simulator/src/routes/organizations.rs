//! Organizations (<https://developer.helpscout.com/mailbox-api/endpoints/organizations/list/> and
//! its sibling pages): `GET /v2/organizations` (50 per page, `_embedded.organizations`, `sort=
//! field[,dir]` with the fields `name`, `customerCount`, `conversationCount`,
//! `lastInteractionAt` — "Sort field defaults to “lastInteractionAt”, direction defaults to
//! “desc”" — ties broken by id), `GET /v2/organizations/{id}` (`includeCounts=true` adds
//! `customerCount` and `conversationCount`), `POST /v2/organizations` (201, `Resource-ID`, and
//! `Location` as the page shows it: `…/v2/organizations/15?includeCounts=false&
//! includeProperties=false`; emits `organization.created`) and `DELETE /v2/organizations/{id}`
//! (204, "Also removes the reference to this organization from all customers"; emits
//! `organization.deleted`). The newest Get Webhook page lists these events; their body shape is
//! not documented (Invented: the organization as Get renders it, `{"id": N}` when deleted).

use std::cmp::Ordering;

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use super::common::{created, deleted, found, listed};
use crate::input::organization::{insert, read_new};
use crate::input::{Check, JsonBody};
use crate::model::{Organization, Shared, State as Model};
use crate::render::errors::{ApiError, FieldError};
use crate::render::{self};
use crate::search::params::Params;

const SORT_FIELDS: [&str; 4] = [
    "name",
    "customerCount",
    "conversationCount",
    "lastInteractionAt",
];

/// `sort=field[,dir]`: the field and whether the order is descending.
fn sort(p: &Params) -> Result<(&'static str, bool), ApiError> {
    let Some(raw) = p.get("sort") else {
        return Ok(("lastInteractionAt", true));
    };
    let (field, dir) = raw.split_once(',').unwrap_or((raw.as_str(), "desc"));
    let field = SORT_FIELDS
        .iter()
        .find(|f| f.eq_ignore_ascii_case(field.trim()));
    let descending = match dir.trim().to_ascii_lowercase().as_str() {
        "desc" => Some(true),
        "asc" => Some(false),
        _ => None,
    };
    match (field, descending) {
        (Some(f), Some(d)) => Ok((f, d)),
        _ => {
            let message = "Expected field[,asc|desc] with field one of 'name', 'customerCount', \
                           'conversationCount', 'lastInteractionAt'";
            let e = FieldError::new("sort", message, "EnumValue").rejected(&raw);
            Err(ApiError::validation(vec![e]))
        }
    }
}

fn compare(st: &Model, field: &str, a: &Organization, b: &Organization) -> Ordering {
    match field {
        "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        "customerCount" => st
            .organization_customer_count(a.id)
            .cmp(&st.organization_customer_count(b.id)),
        "conversationCount" => st
            .organization_conversations(a.id)
            .count()
            .cmp(&st.organization_conversations(b.id).count()),
        _ => st
            .organization_last_interaction(a.id)
            .cmp(&st.organization_last_interaction(b.id)),
    }
}

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let (field, descending) = sort(&Params::parse(uri.query()))?;
    listed(&shared, &uri, "organizations", |st, base| {
        let mut list: Vec<&Organization> = st.organizations.iter().collect();
        list.sort_by(|a, b| {
            let ord = compare(st, field, a, b).then(a.id.cmp(&b.id));
            if descending { ord.reverse() } else { ord }
        });
        Ok(list
            .iter()
            .map(|o| render::organization(st, base, o, false))
            .collect())
    })
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let params = Params::parse(uri.query());
    let counts = params.choice("includeCounts", &["true", "false"], "false")? == "true";
    params.choice("includeProperties", &["true", "false"], "false")?;
    found(&shared, &id, |st, base, id| {
        Some(render::organization(st, base, st.organization(id)?, counts))
    })
}

pub async fn create(
    State(shared): State<Shared>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let ck = Check::default();
    let new = read_new(&ck.root(&v)?);
    ck.finish()?;
    let new = new.ok_or_else(|| ApiError::validation(Vec::new()))?;
    let id = {
        let mut st = shared.lock();
        let id = insert(&mut st, new);
        let body = st
            .organization(id)
            .map(|o| render::organization(&st, &shared.base, o, false));
        let resource = format!("{}/v2/organizations/{id}", shared.base);
        if let Some(body) = body {
            st.emit_body("organization.created", None, &resource, body);
        }
        id
    };
    let path = format!("/v2/organizations/{id}?includeCounts=false&includeProperties=false");
    Ok(created(&shared, &path, id))
}

pub async fn delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    deleted(&shared, &id, |st, base, id| {
        let at = st.organizations.iter().position(|o| o.id == id)?;
        st.organizations.remove(at);
        for c in st.customers.values_mut() {
            if c.organization_id == Some(id) {
                c.organization_id = None;
            }
        }
        let resource = format!("{base}/v2/organizations/{id}");
        st.emit_deleted("organization.deleted", id, None, &resource);
        Some(())
    })
}
