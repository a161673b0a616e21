//! `GET /v2/users` (List Users,
//! <https://developer.helpscout.com/mailbox-api/endpoints/users/list/>: 50 per page, the
//! optional filters `email` — "Optional filter param for looking up users by email using exact
//! match", compared case-insensitively — and `mailbox`, the users with access to that mailbox),
//! `/v2/users/me` (the token owner) and `/v2/users/{id}`.

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use super::common::{found, listed};
use crate::model::Shared;
use crate::render::{self, errors::ApiError, hal};
use crate::search::params::Params;

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let params = Params::parse(uri.query());
    let email = params.get("email");
    let mailbox = params.int("mailbox")?;
    params.page()?;
    listed(&shared, &uri, "users", |st, base| {
        let mut users: Vec<_> = st
            .users
            .iter()
            .filter(|u| {
                email
                    .as_ref()
                    .is_none_or(|e| u.email.eq_ignore_ascii_case(e))
            })
            .filter(|u| mailbox.is_none_or(|m| u.mailboxes.contains(&m)))
            .collect();
        users.sort_by_key(|u| u.id);
        Ok(users.iter().map(|u| render::user(base, u)).collect())
    })
}

pub async fn me(State(shared): State<Shared>) -> Result<Response, ApiError> {
    let st = shared.lock();
    let u = st.user(st.me).ok_or_else(ApiError::not_found)?;
    Ok(hal::ok(render::user(&shared.base, u)))
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    found(&shared, &id, |st, base, id| {
        Some(render::user(base, st.user(id)?))
    })
}
