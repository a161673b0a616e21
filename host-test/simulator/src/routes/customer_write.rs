//! `POST /v2/customers` (§4.3, 201) and `PUT /v2/customers/{id}` (§4.4: entity fields
//! overwritten, omitted ones cleared, entries untouched; 204).

use axum::extract::State;
use axum::response::Response;

use super::common::{IdJson, created, no_content, with_customer};
use crate::input::customer::{ENTITY_FIELDS, insert, read_entity, read_new, set_entity};
use crate::input::{Check, JsonBody, read_object};
use crate::model::{EntryKind, Shared};
use crate::render::errors::ApiError;

pub async fn create(
    State(shared): State<Shared>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let ck = Check::default();
    let new = read_new(&ck.root(&v)?);
    ck.finish()?;
    let id = {
        let mut st = shared.lock();
        let id = insert(&mut st, new);
        st.emit_customer(&shared.base, "customer.created", id);
        id
    };
    Ok(created(&shared, &format!("/v2/customers/{id}"), id))
}

pub async fn overwrite(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let mut allowed: Vec<&str> = ENTITY_FIELDS.to_vec();
    allowed.extend(EntryKind::ALL.iter().map(|k| k.json_name()));
    allowed.extend(["address", "properties"]);
    let entity = read_object(&v, &allowed, read_entity)?;
    with_customer(&shared, id, |c, _| {
        for (key, value) in entity {
            set_entity(c, key, value);
        }
        Ok(())
    })?;
    Ok(no_content())
}
