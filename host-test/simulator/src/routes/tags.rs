//! `GET /v2/tags`: every tag of the account, in alphabetical order, 50 a page, as List Tags
//! documents it (<https://developer.helpscout.com/mailbox-api/endpoints/tags/list/>: "Tags are
//! returned in alphabetical order"); `GET /v2/tags/{id}` as Get Tag documents it
//! (<https://hs-developer.pages.dev/mailbox-api/endpoints/tags/get/>), 404 for an unknown id.

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use super::common::{found, listed};
use crate::model::Shared;
use crate::render::{self, errors::ApiError};

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    listed(&shared, &uri, "tags", |st, _| {
        let mut tags: Vec<_> = st.tags.iter().collect();
        tags.sort_by_key(|t| t.name.to_lowercase());
        let count = |name: &str| {
            st.conversations
                .values()
                .filter(|c| c.tags.iter().any(|t| t.eq_ignore_ascii_case(name)))
                .count()
        };
        Ok(tags
            .iter()
            .map(|t| render::tag(t, count(&t.name)))
            .collect())
    })
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    found(&shared, &id, |st, base, id| {
        let t = st.tags.iter().find(|t| t.id == id)?;
        Some(render::tag_detail(base, t))
    })
}
