//! `GET /v2/teams` (`_embedded.teams`, 50 per page; List Teams has no page in the stored docs,
//! shape from the official PHP SDK's payloads, page size Invented) and
//! `GET /v2/teams/{id}/members` (List Team Members,
//! <https://developer.helpscout.com/mailbox-api/endpoints/teams/list-team-members/>:
//! `_embedded.users` of full user objects, 50 per page; 404 for an unknown team).

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use super::common::{listed, parse_id};
use crate::model::Shared;
use crate::render::{self, errors::ApiError};

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    listed(&shared, &uri, "teams", |st, base| {
        Ok(st.teams.iter().map(|t| render::team(base, t)).collect())
    })
}

pub async fn members(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    listed(&shared, &uri, "users", |st, base| {
        let team = st
            .teams
            .iter()
            .find(|t| t.id == id)
            .ok_or_else(ApiError::not_found)?;
        Ok(team
            .members
            .iter()
            .filter_map(|m| st.user(*m))
            .map(|u| render::user(base, u))
            .collect())
    })
}
