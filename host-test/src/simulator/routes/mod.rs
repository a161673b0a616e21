//! The axum application: the token endpoint, the guarded `/v2` API routes and a vnd.error 404
//! fallback, all behind the intake layer (request log + trailing-slash normalisation).

mod conversation_filter;
mod conversations;
mod customers;
mod mailboxes;
mod users;

use axum::Router;
use axum::http::{StatusCode, Uri};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::auth;
use super::errors::ApiError;
use super::hal::{self, ListRequest, PAGE_SIZE};
use super::middleware::{guard, intake};
use super::params::Params;
use super::state::Shared;
use serde_json::Value;

/// A numeric path id; anything else is a 404 like an unknown id.
pub fn parse_id(raw: &str) -> Result<u64, ApiError> {
    raw.parse().map_err(|_| ApiError::not_found())
}

/// A paged list answer for `uri` over `all` items, already rendered.
pub fn paged(shared: &Shared, uri: &Uri, rel: &str, all: Vec<Value>) -> Result<Response, ApiError> {
    let page = Params::parse(uri.query()).page()?;
    let req = ListRequest {
        base: &shared.base,
        path: uri.path(),
        query: uri.query(),
        page,
        size: PAGE_SIZE,
    };
    let items = req.slice(&all).to_vec();
    Ok(hal::ok(req.collection(rel, items, all.len())))
}

async fn not_found() -> Response {
    ApiError::not_found().into_response()
}

async fn method_not_allowed() -> Response {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed").into_response()
}

/// The whole simulator service for one [`Shared`] state.
pub fn app(shared: Shared) -> Router {
    let api = Router::new()
        .route("/v2/mailboxes", get(mailboxes::list))
        .route("/v2/mailboxes/{id}", get(mailboxes::get))
        .route("/v2/mailboxes/{id}/folders", get(mailboxes::folders))
        .route("/v2/mailboxes/{id}/fields", get(mailboxes::fields))
        .route("/v2/conversations", get(conversations::list))
        .route("/v2/conversations/{id}", get(conversations::get))
        .route(
            "/v2/conversations/{id}/threads",
            get(conversations::threads),
        )
        .route("/v2/customers", get(customers::list))
        .route("/v2/customers/{id}", get(customers::get))
        .route("/v2/users", get(users::list))
        .route("/v2/users/me", get(users::me))
        .route("/v2/users/{id}", get(users::get))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(shared.clone(), guard));
    let inner = Router::new()
        .route("/v2/oauth2/token", post(auth::token))
        .merge(api)
        .with_state(shared.clone());
    // Intake wraps the routers as a fallback service so it runs before routing
    // (it rewrites `/path/` to `/path`).
    Router::new()
        .fallback_service(inner)
        .layer(from_fn_with_state(shared, intake))
}
