//! The `api` export: the raw call.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{api as wa, types};
use crate::error::Error;
use crate::resources::api::{self as resource, ApiMethod, ApiRequest};
use serde_json::{Map, Value};

impl wa::Guest for Component {
    fn api_request(conn: types::Connection, request: wa::Request) -> Result<wa::Response> {
        let body = match request.body {
            Some(text) => Some(
                serde_json::from_str::<Value>(&text)
                    .map_err(|_| Error::invalid("body", "is not JSON"))?,
            ),
            None => None,
        };
        let query: Map<String, Value> = request
            .query
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect();
        let input = ApiRequest {
            method: match request.method {
                wa::HttpMethod::Get => ApiMethod::Get,
                wa::HttpMethod::Post => ApiMethod::Post,
                wa::HttpMethod::Put => ApiMethod::Put,
                wa::HttpMethod::Patch => ApiMethod::Patch,
                wa::HttpMethod::Delete => ApiMethod::Delete,
            },
            path: request.path,
            query,
            body,
        };
        let response = resource::request(&mut open(conn)?, &input)?;
        Ok(wa::Response {
            status: response.status,
            body: (!response.body.is_null()).then(|| response.body.to_string()),
            id: response.id,
        })
    }
}
