//! The native baseline: the same `get-conversation` request made by a plain Rust HTTP client
//! (hyper, one pooled connection, JSON parsed), to compare the component against: one
//! `get-conversation`, and a whole sync of `find-conversations`; and a webhook verified and
//! parsed natively (HMAC-SHA1 compared in constant time, base64, the body parsed as JSON).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use sha1::Sha1;

/// What the component's `verify-webhook` does, natively: the signature checked in constant time
/// (`verify_slice`), then the body parsed.
pub fn verify_and_parse(body: &[u8], secret: &str, signature: &str) -> anyhow::Result<Value> {
    let expected = STANDARD.decode(signature)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.as_bytes())?;
    mac.update(body);
    mac.verify_slice(&expected)
        .map_err(|_| anyhow::anyhow!("bad signature"))?;
    Ok(serde_json::from_slice(body)?)
}

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

/// One HAL page as a native client reads it: the items kept as raw JSON, and the next link.
#[derive(serde::Deserialize)]
struct Page {
    #[serde(rename = "_embedded", default)]
    embedded: Option<Embedded>,
    #[serde(rename = "_links", default)]
    links: Option<Links>,
}

#[derive(serde::Deserialize)]
struct Embedded {
    #[serde(default)]
    conversations: Vec<Box<serde_json::value::RawValue>>,
}

#[derive(serde::Deserialize)]
struct Links {
    next: Option<Href>,
}

#[derive(serde::Deserialize)]
struct Href {
    href: String,
}

impl NativeClient {
    /// The raw body of `GET url`.
    pub async fn get_text(&self, url: &str) -> anyhow::Result<Bytes> {
        let request = hyper::Request::get(url)
            .header("authorization", format!("Bearer {}", self.token))
            .header("accept", "application/json")
            .body(Empty::new())?;
        let response = self.client.request(request).await?;
        anyhow::ensure!(response.status() == 200, "HTTP {}", response.status());
        Ok(response.into_body().collect().await?.to_bytes())
    }

    /// Every page of `GET /v2/conversations?status=all`, as text, following `_links.next`.
    pub async fn conversation_pages(&self) -> anyhow::Result<Vec<String>> {
        let mut pages = Vec::new();
        let mut next = Some(format!("{}/v2/conversations?status=all", self.base));
        while let Some(url) = next.take() {
            let body = self.get_text(&url).await?;
            let page: Page = serde_json::from_slice(&body)?;
            next = page.links.and_then(|l| l.next).map(|n| n.href);
            pages.push(String::from_utf8(body.to_vec())?);
        }
        Ok(pages)
    }

    /// The sync a native client does: every page in turn, items kept as raw JSON (what the
    /// component's find keeps); the number of conversations.
    pub async fn sync_conversations(&self) -> anyhow::Result<usize> {
        let mut items = Vec::new();
        let mut next = Some(format!("{}/v2/conversations?status=all", self.base));
        while let Some(url) = next.take() {
            let body = self.get_text(&url).await?;
            let page: Page = serde_json::from_slice(&body)?;
            items.extend(page.embedded.map(|e| e.conversations).unwrap_or_default());
            next = page.links.and_then(|l| l.next).map(|n| n.href);
        }
        Ok(items.len())
    }
}
