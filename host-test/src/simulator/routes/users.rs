//! `GET /v2/users` (optional `email` filter), `/v2/users/me` (the token owner) and
//! `/v2/users/{id}`.

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use serde_json::Value;

use super::{paged, parse_id};
use crate::simulator::errors::ApiError;
use crate::simulator::hal;
use crate::simulator::params::Params;
use crate::simulator::render;
use crate::simulator::state::Shared;

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let email = Params::parse(uri.query()).get("email");
    let all: Vec<Value> = {
        let st = shared.lock();
        let mut users: Vec<_> = st
            .users
            .iter()
            .filter(|u| {
                email
                    .as_ref()
                    .is_none_or(|e| u.email.eq_ignore_ascii_case(e))
            })
            .collect();
        users.sort_by_key(|u| u.id);
        users
            .iter()
            .map(|u| render::user(&shared.base, u))
            .collect()
    };
    paged(&shared, &uri, "users", all)
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
    let id = parse_id(&id)?;
    let st = shared.lock();
    let u = st.user(id).ok_or_else(ApiError::not_found)?;
    Ok(hal::ok(render::user(&shared.base, u)))
}
