//! The axum application: the token endpoint, the guarded `/v2` API routes (reads and writes) and
//! a vnd.error 404 fallback, all behind the intake layer (request log + trailing-slash
//! normalisation). One file per resource and kind of endpoint; the skeletons they share live in
//! `common.rs`, the request pipeline in `middleware.rs`.

mod attachments;
pub mod auth;
mod common;
mod conversation_create;
mod conversation_meta;
mod conversation_patch;
mod conversation_snooze;
mod conversations;
mod customer_delete;
mod customer_entries;
mod customer_patch;
mod customer_properties;
mod customer_write;
mod customers;
mod mailboxes;
pub mod middleware;
mod organizations;
mod ratings;
mod tags;
mod teams;
mod thread_create;
mod thread_patch;
mod users;
mod webhooks;
mod workflow_run;
mod workflows;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post, put};

use crate::model::Shared;
use crate::render::errors::ApiError;
use middleware::{guard, intake};

/// Largest accepted request body (attachments are ≤ 10 MB decoded, ~13.4 MB in base64).
const BODY_LIMIT: usize = 16 * 1024 * 1024;

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
        .route(
            "/v2/conversations",
            get(conversations::list).post(conversation_create::create),
        )
        .route(
            "/v2/conversations/{id}",
            get(conversations::get)
                .patch(conversation_patch::patch)
                .delete(conversation_meta::delete),
        )
        .route(
            "/v2/conversations/{id}/threads",
            get(conversations::threads),
        )
        .route(
            "/v2/conversations/{id}/threads/{thread}",
            patch(thread_patch::patch),
        )
        .route(
            "/v2/conversations/{id}/threads/{thread}/attachments",
            post(attachments::upload),
        )
        .route(
            "/v2/conversations/{id}/attachments/{attachment}/data",
            get(attachments::data),
        )
        .route(
            "/v2/conversations/{id}/attachments/{attachment}/file",
            get(attachments::file),
        )
        .route(
            "/v2/conversations/{id}/tags",
            put(conversation_meta::put_tags),
        )
        .route(
            "/v2/conversations/{id}/fields",
            put(conversation_meta::put_fields),
        )
        .route(
            "/v2/conversations/{id}/snooze",
            put(conversation_snooze::put).delete(conversation_snooze::delete),
        )
        .route(
            "/v2/customers",
            get(customers::list).post(customer_write::create),
        )
        .route(
            "/v2/customers/{id}",
            get(customers::get)
                .put(customer_write::overwrite)
                .patch(customer_patch::patch)
                .delete(customer_delete::delete),
        )
        .route(
            "/v2/customers/{id}/properties",
            patch(customer_properties::patch),
        )
        .route(
            "/v2/customer-properties",
            get(customer_properties::definitions),
        )
        .route("/v2/webhooks", get(webhooks::list).post(webhooks::create))
        .route(
            "/v2/webhooks/{id}",
            get(webhooks::get)
                .put(webhooks::update)
                .delete(webhooks::delete),
        )
        .route("/v2/tags", get(tags::list))
        .route("/v2/tags/{id}", get(tags::get))
        .route("/v2/users", get(users::list))
        .route("/v2/users/me", get(users::me))
        .route("/v2/users/{id}", get(users::get))
        .route(
            "/v2/organizations",
            get(organizations::list).post(organizations::create),
        )
        .route(
            "/v2/organizations/{id}",
            get(organizations::get).delete(organizations::delete),
        )
        .route("/v2/workflows", get(workflows::list))
        .route("/v2/workflows/{id}", patch(workflows::patch))
        .route("/v2/workflows/{id}/run", post(workflow_run::run))
        .route("/v2/ratings/{id}", get(ratings::get))
        .route("/v2/teams", get(teams::list))
        .route("/v2/teams/{id}/members", get(teams::members));
    let api = customer_entries::routes(thread_create::routes(api))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
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
