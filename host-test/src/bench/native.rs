//! The native baseline: the same `get-conversation` request made by a plain Rust HTTP client
//! (hyper, one pooled connection, JSON parsed), to compare the component against.

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

pub struct NativeClient {
    client: Client<HttpConnector, Empty<Bytes>>,
    base: String,
    token: String,
}

impl NativeClient {
    pub fn new(base: &str, token: &str) -> Self {
        let client = Client::builder(TokioExecutor::new()).build_http();
        Self {
            client,
            base: base.to_string(),
            token: token.to_string(),
        }
    }

    /// `GET /v2/conversations/{id}?embed=threads`, body parsed as JSON.
    pub async fn get_conversation(&self, id: u64) -> anyhow::Result<Value> {
        let request =
            hyper::Request::get(format!("{}/v2/conversations/{id}?embed=threads", self.base))
                .header("authorization", format!("Bearer {}", self.token))
                .header("accept", "application/json")
                .body(Empty::new())?;
        let response = self.client.request(request).await?;
        anyhow::ensure!(response.status() == 200, "HTTP {}", response.status());
        let body = response.into_body().collect().await?.to_bytes();
        Ok(serde_json::from_slice(&body)?)
    }
}
