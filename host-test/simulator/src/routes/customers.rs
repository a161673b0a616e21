//! `GET /v2/customers` (the filters and sort orders of `search::customers`; 50 per page) and
//! `GET /v2/customers/{id}`.

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;

use super::common::{found, listed};
use crate::model::{Customer, Shared};
use crate::render::{self, errors::ApiError};
use crate::search::customers::CustomerFilter;
use crate::search::params::Params;

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    let p = Params::parse(uri.query());
    let filter = CustomerFilter::from_params(&p)?;
    p.page()?;
    listed(&shared, &uri, "customers", |st, base| {
        let mut list: Vec<&Customer> = st
            .customers
            .values()
            .filter(|c| filter.matches(st, c))
            .collect();
        filter.sort(&mut list);
        Ok(list.iter().map(|c| render::customer(base, c)).collect())
    })
}

pub async fn get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    found(&shared, &id, |st, base, id| {
        Some(render::customer(base, st.customers.get(&id)?))
    })
}
