//! `GET /v2/ratings/{id}` (Get Satisfaction Rating,
//! <https://developer.helpscout.com/mailbox-api/endpoints/ratings/get/>); 404 for an unknown id.

use axum::extract::{Path, State};
use axum::response::Response;

use super::common::found;
use crate::model::Shared;
use crate::render::{self, errors::ApiError};

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    found(&shared, &id, |st, base, id| {
        Some(render::rating(st, base, st.rating(id)?))
    })
}
