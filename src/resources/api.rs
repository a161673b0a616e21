//! `api-request`: any Mailbox API endpoint the connector has no action for, through the same
//! client (auth, retries, the rate-limit budget, replay safety). Only paths under `/v2/` on the
//! configured base: the path is split into segments, each checked and encoded on its own, so no
//! input can reach another host, another API, `..`, or the token endpoint; anything else is a
//! `validation` error with nothing sent.

use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport, created_id, parse_json};
use crate::decode::{Validate, all};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Longest path accepted.
const MAX_PATH: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum ApiMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// Input of `api-request`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiRequest {
    pub method: ApiMethod,
    /// A Mailbox API path under `/v2/`, e.g. `/v2/conversations/123/threads`.
    pub path: String,
    /// Query parameters: texts, numbers, booleans, or lists of them (sent comma-separated).
    #[serde(default)]
    pub query: Map<String, Value>,
    /// The JSON body of a POST, PUT or PATCH.
    pub body: Option<Value>,
}

/// What `api-request` returns: Help Scout's status, its JSON body (`null` when empty) and the
/// id of a created resource (`Resource-ID`, else `Location`).
#[derive(Debug, Serialize)]
pub struct ApiResponse {
    pub status: u16,
    pub body: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
}

impl ApiRequest {
    /// The path's segments after `/v2/`, each checked.
    fn segments(&self) -> Result<Vec<&str>> {
        let bad = |why: &str| Error::invalid("path", why.to_string());
        if self.path.len() > MAX_PATH {
            return Err(bad("is too long"));
        }
        let Some(rest) = self.path.strip_prefix("/v2/") else {
            return Err(bad(
                "must be a Mailbox API path starting with /v2/ (no scheme or host)",
            ));
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let segments: Vec<&str> = rest.split('/').collect();
        let plain = |s: &&str| {
            !s.is_empty()
                && *s != "."
                && *s != ".."
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
        };
        if !segments.iter().all(plain) {
            return Err(bad(
                "may only hold segments of letters, digits, '-', '_', '.' and '~' (no '..', \
                 query or fragment: give the query as `query`)",
            ));
        }
        if segments.first() == Some(&"oauth2") {
            return Err(bad("is the token endpoint: use the auth functions"));
        }
        Ok(segments)
    }

    /// The query as Help Scout takes it.
    fn query_pairs(&self) -> Result<Vec<(&str, String)>> {
        let mut pairs = Vec::new();
        for (key, value) in &self.query {
            let text = match value {
                Value::Array(items) => items
                    .iter()
                    .map(scalar)
                    .collect::<Option<Vec<_>>>()
                    .map(|v| v.join(",")),
                other => scalar(other),
            };
            let text = text.ok_or_else(|| {
                Error::invalid(
                    format!("query.{key}"),
                    "must be a text, number, boolean or a list of them",
                )
            })?;
            pairs.push((key.as_str(), text));
        }
        Ok(pairs)
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Validate for ApiRequest {
    fn validate(&self) -> Result<()> {
        let mut checks = vec![self.segments().map(|_| ()), self.query_pairs().map(|_| ())];
        let takes_body = matches!(
            self.method,
            ApiMethod::Post | ApiMethod::Put | ApiMethod::Patch
        );
        if self.body.is_some() && !takes_body {
            checks.push(Err(Error::invalid(
                "body",
                "only POST, PUT and PATCH send a body",
            )));
        }
        all(checks)
    }
}

/// Whether a second copy would do what one does: GET and PUT, a PATCH that only replaces or
/// moves; never POST or DELETE.
fn replay(method: Method, body: Option<&Value>) -> Replay {
    let replaces = |op: &Value| matches!(op["op"].as_str(), Some("replace" | "move"));
    match (method, body) {
        (Method::Get | Method::Put, _) => Replay::Safe,
        (Method::Patch, Some(Value::Array(ops))) if ops.iter().all(replaces) => Replay::Safe,
        (Method::Patch, Some(op @ Value::Object(_))) if replaces(op) => Replay::Safe,
        _ => Replay::Unsafe,
    }
}

/// Sends the request; a status outside 2xx is its typed error.
pub fn request(client: &mut Client<impl Transport>, input: &ApiRequest) -> Result<ApiResponse> {
    input.validate()?;
    let segments = input.segments()?;
    let query = input.query_pairs()?;
    let url = client.base().endpoint(&segments, &query);
    let method = match input.method {
        ApiMethod::Get => {
            let body = client.get_body(url)?;
            return Ok(ApiResponse {
                status: 200,
                body: body_value(&body)?,
                id: None,
            });
        }
        ApiMethod::Post => Method::Post,
        ApiMethod::Put => Method::Put,
        ApiMethod::Patch => Method::Patch,
        ApiMethod::Delete => Method::Delete,
    };
    let response = client.write_to(
        method,
        url,
        input.body.as_ref(),
        replay(method, input.body.as_ref()),
    )?;
    Ok(ApiResponse {
        status: response.status,
        body: body_value(&response.body)?,
        id: created_id(&response),
    })
}

fn body_value(body: &[u8]) -> Result<Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    parse_json(body)
}

/// `api-request`, as the catalog declares it: any method, so a write; a GET only reads.
pub const ENTRY: Entry = Entry {
    name: "api-request",
    title: "Call the API",
    group: Group::Account,
    description: "Call any Mailbox API endpoint the connector has no action for (method, path \
                  under /v2/, query, JSON body) with the connection's credentials, retries and \
                  rate-limit handling; a POST or DELETE is never repeated after an unknown \
                  outcome. Returns Help Scout's status and JSON body.",
    files: files!("api-request"),
    option_fields: &[field("method", Source::Enum)],
    effects: Effects {
        read_only_when: Some(("method", "GET")),
        ..Effects::write(true, false)
    },
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&request(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<ApiRequest>,
};

/// The entries of the raw call.
pub const ENTRIES: &[Entry] = &[ENTRY];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    fn path_error(path: &str) -> bool {
        let input = serde_json::json!({"method": "GET", "path": path}).to_string();
        matches!(decode::<ApiRequest>(&input), Err(Error::Validation(f)) if f[0].path == "path")
    }

    #[test]
    fn only_mailbox_api_paths_on_the_base() {
        for bad in [
            "https://evil.example/v2/users",
            "//evil.example/v2/users",
            "/v2/../admin",
            "/v2/users/../../x",
            "/v2/users?x=1",
            "/v2/users#x",
            "/v3/users",
            "/v2/",
            "/v2//users",
            "/v2/users/%2e%2e",
            "/v2/oauth2/token",
            "v2/users",
        ] {
            assert!(path_error(bad), "{bad}");
        }
        for good in [
            "/v2/users",
            "/v2/conversations/123/threads",
            "/v2/customers/",
        ] {
            assert!(!path_error(good), "{good}");
        }
    }

    #[test]
    fn a_body_only_with_writes_and_replays_only_when_safe() {
        let get = r#"{"method": "GET", "path": "/v2/users", "body": {}}"#;
        assert!(decode::<ApiRequest>(get).is_err());
        let query = r#"{"method": "GET", "path": "/v2/users", "query": {"x": {"y": 1}}}"#;
        assert!(decode::<ApiRequest>(query).is_err());
        let patch = serde_json::json!({"op": "replace", "path": "/subject", "value": "s"});
        assert_eq!(replay(Method::Patch, Some(&patch)), Replay::Safe);
        assert_eq!(replay(Method::Post, None), Replay::Unsafe);
        assert_eq!(
            replay(Method::Patch, Some(&serde_json::json!([{"op": "add"}]))),
            Replay::Unsafe
        );
    }
}
