//! HAL output: `hal+json` responses, `_links` helpers and paged collections
//! (`_embedded.<rel>` omitted when empty, absolute `self/first/last/next/previous/page` links that
//! keep the request's query parameters with `page` replaced, and the `page` block), as
//! <https://developer.helpscout.com/mailbox-api/overview/pagination/> shows them. Recorded
//! traffic: the links of every list but `GET /v2/conversations` have a trailing slash before the
//! query (`/v2/customers/?page=2`, `/v2/conversations/{id}/threads/?page=1`; but
//! `/v2/conversations?mailbox=…&page=1`), and `page` is a plain href, not a template.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

pub const HAL_JSON: &str = "application/hal+json;charset=UTF-8";

/// Items per page of every list except conversations.
pub const PAGE_SIZE: usize = 50;
/// Items per page of `GET /v2/conversations`.
pub const CONVERSATION_PAGE_SIZE: usize = 25;

/// `200` with a HAL JSON body.
pub fn ok(body: Value) -> Response {
    let mut resp = (StatusCode::OK, body.to_string()).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HAL_JSON));
    resp
}

/// `{"href": ...}`.
pub fn link(href: impl Into<String>) -> Value {
    json!({ "href": href.into() })
}

/// The request a collection answers: where links point back to.
pub struct ListRequest<'a> {
    /// `http://127.0.0.1:PORT`.
    pub base: &'a str,
    /// Request path, e.g. `/v2/conversations` (without a trailing slash).
    pub path: &'a str,
    /// Whether links put a `/` after the path (recorded: every list but the conversation list).
    pub trailing_slash: bool,
    /// Raw (still encoded) query string, if any.
    pub query: Option<&'a str>,
    /// 1-based page number requested.
    pub page: usize,
    pub size: usize,
}

impl ListRequest<'_> {
    /// `base` + `path` as links spell it (with the recorded trailing slash, if any).
    fn href(&self) -> String {
        let slash = if self.trailing_slash { "/" } else { "" };
        format!("{}{}{slash}", self.base, self.path)
    }

    /// The raw query segments other than `page`, order and encoding preserved.
    fn other_segments(&self) -> Vec<&str> {
        self.query
            .unwrap_or("")
            .split('&')
            .filter(|seg| !seg.is_empty())
            .filter(|seg| {
                let key = seg.split_once('=').map_or(*seg, |(k, _)| k);
                crate::search::params::decode(key) != "page"
            })
            .collect()
    }

    /// Absolute URL of page `n` (`page` replaced, never duplicated).
    pub fn page_url(&self, n: usize) -> String {
        let mut segs = self.other_segments();
        let page = format!("page={n}");
        segs.push(&page);
        format!("{}?{}", self.href(), segs.join("&"))
    }

    fn url_without_page(&self) -> String {
        let segs = self.other_segments();
        if segs.is_empty() {
            self.href()
        } else {
            format!("{}?{}", self.href(), segs.join("&"))
        }
    }

    fn self_url(&self) -> String {
        match self.query.filter(|q| !q.is_empty()) {
            Some(q) => format!("{}?{q}", self.href()),
            None => self.href(),
        }
    }

    /// The items of the requested page.
    pub fn slice<'t, T>(&self, all: &'t [T]) -> &'t [T] {
        let start = self.page.saturating_sub(1).saturating_mul(self.size);
        let end = start.saturating_add(self.size).min(all.len());
        all.get(start..end).unwrap_or(&[])
    }

    /// The HAL collection document for `items` (already the page's slice) out of `total`.
    pub fn collection(&self, rel: &str, items: Vec<Value>, total: usize) -> Value {
        let total_pages = total.div_ceil(self.size.max(1));
        let mut links = Map::new();
        links.insert("self".into(), link(self.self_url()));
        links.insert("first".into(), link(self.page_url(1)));
        links.insert("last".into(), link(self.page_url(total_pages.max(1))));
        if self.page < total_pages {
            links.insert("next".into(), link(self.page_url(self.page + 1)));
        }
        if self.page > 1 {
            let prev = (self.page - 1).min(total_pages.max(1));
            links.insert("previous".into(), link(self.page_url(prev)));
        }
        links.insert("page".into(), link(self.url_without_page()));
        let mut doc = Map::new();
        if !items.is_empty() {
            doc.insert("_embedded".into(), json!({ rel: items }));
        }
        doc.insert("_links".into(), Value::Object(links));
        doc.insert(
            "page".into(),
            json!({
                "size": self.size,
                "totalElements": total,
                "totalPages": total_pages,
                "number": self.page,
            }),
        );
        Value::Object(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(query: Option<&str>, page: usize) -> ListRequest<'_> {
        ListRequest {
            base: "http://127.0.0.1:9",
            path: "/v2/conversations",
            trailing_slash: false,
            query,
            page,
            size: 25,
        }
    }

    #[test]
    fn links_replace_page_and_keep_other_params() {
        let r = req(Some("mailbox=1&page=2&tag=a%2Cb"), 2);
        let doc = r.collection("conversations", vec![json!({"id": 1})], 60);
        let l = &doc["_links"];
        let base = "http://127.0.0.1:9/v2/conversations";
        assert_eq!(
            l["self"]["href"],
            format!("{base}?mailbox=1&page=2&tag=a%2Cb")
        );
        assert_eq!(
            l["first"]["href"],
            format!("{base}?mailbox=1&tag=a%2Cb&page=1")
        );
        assert_eq!(
            l["next"]["href"],
            format!("{base}?mailbox=1&tag=a%2Cb&page=3")
        );
        assert_eq!(
            l["previous"]["href"],
            format!("{base}?mailbox=1&tag=a%2Cb&page=1")
        );
        assert_eq!(
            l["last"]["href"],
            format!("{base}?mailbox=1&tag=a%2Cb&page=3")
        );
        assert_eq!(l["page"]["href"], format!("{base}?mailbox=1&tag=a%2Cb"));
        assert_eq!(
            doc["page"],
            json!({"size": 25, "totalElements": 60, "totalPages": 3, "number": 2})
        );
        for rel in ["first", "next", "previous", "last"] {
            assert_eq!(l[rel]["href"].as_str().unwrap().matches("page=").count(), 1);
        }
    }

    #[test]
    fn last_page_has_no_next_and_first_no_previous() {
        let doc = req(None, 3).collection("conversations", vec![json!(1)], 60);
        assert!(doc["_links"].get("next").is_none());
        assert!(doc["_links"].get("previous").is_some());
        let doc = req(None, 1).collection("conversations", vec![json!(1)], 10);
        assert!(doc["_links"].get("next").is_none());
        assert!(doc["_links"].get("previous").is_none());
        assert_eq!(
            doc["_links"]["first"]["href"],
            "http://127.0.0.1:9/v2/conversations?page=1"
        );
    }

    #[test]
    fn empty_collection_omits_embedded() {
        let doc = req(Some("status=spam"), 1).collection("conversations", vec![], 0);
        assert!(doc.get("_embedded").is_none());
        assert_eq!(doc["page"]["totalElements"], 0);
        assert_eq!(doc["page"]["totalPages"], 0);
    }

    #[test]
    fn other_lists_put_a_slash_before_the_query() {
        let r = ListRequest {
            path: "/v2/customers",
            trailing_slash: true,
            ..req(Some("page=2"), 2)
        };
        let doc = r.collection("customers", vec![json!(1)], 120);
        let l = &doc["_links"];
        let base = "http://127.0.0.1:9/v2/customers/";
        assert_eq!(l["self"]["href"], format!("{base}?page=2"));
        assert_eq!(l["next"]["href"], format!("{base}?page=3"));
        assert_eq!(l["page"], json!({"href": base}));
    }

    #[test]
    fn slicing() {
        let all: Vec<u32> = (0..60).collect();
        assert_eq!(req(None, 3).slice(&all), &all[50..60]);
        assert!(req(None, 4).slice(&all).is_empty());
        assert!(req(None, usize::MAX).slice(&all).is_empty());
    }
}
