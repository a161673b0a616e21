//! HAL pagination, written once: follow `_links.next.href` exactly as returned (rebased onto the
//! configured base), collect `_embedded.<rel>`, stop at `limit`, at the last page, or at a loop.

use super::{Client, Transport};
use crate::error::{Error, Result};
use serde_json::Value;
use std::collections::HashSet;
use url::Url;

/// Upper bound on pages followed in one call, whatever the links say.
const MAX_PAGES: usize = 10_000;

impl<T: Transport> Client<T> {
    /// Collects up to `limit` items of `_embedded.<rel>`, starting at `first`.
    pub fn collect(&mut self, first: Url, rel: &str, limit: usize) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        let mut next = Some(first);
        while let Some(url) = next.take() {
            if items.len() >= limit {
                break;
            }
            if !seen.insert(url.to_string()) || seen.len() > MAX_PAGES {
                return Err(Error::Other(format!("pagination loop at {}", url.path())));
            }
            let mut page = self.get_url(url)?;
            let (page_items, next_href) = split_page(&mut page, rel)?;
            let room = limit - items.len();
            items.extend(page_items.into_iter().take(room));
            if let Some(href) = next_href {
                next = Some(self.base().rebase(&href)?);
            }
        }
        Ok(items)
    }
}

/// The items of one HAL page and its `next` link. A missing `_embedded` means no items.
pub fn split_page(page: &mut Value, rel: &str) -> Result<(Vec<Value>, Option<String>)> {
    let Some(object) = page.as_object_mut() else {
        return Err(Error::Other(
            "a page of results was not a JSON object".into(),
        ));
    };
    let items = match object
        .get_mut("_embedded")
        .and_then(|e| e.get_mut(rel))
        .map(Value::take)
    {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => Vec::new(),
        Some(_) => return Err(Error::Other(format!("_embedded.{rel} is not an array"))),
    };
    let next = object
        .get("_links")
        .and_then(|l| l.get("next"))
        .and_then(|n| n.get("href"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok((items, next))
}

#[cfg(test)]
mod tests {
    use crate::client::testing::Scripted;
    use crate::client::{ApiBase, Client};

    fn page(n: u32, ids: &[u32], next: Option<&str>) -> String {
        let items: Vec<String> = ids.iter().map(|i| format!("{{\"id\":{i}}}")).collect();
        let next = next
            .map(|h| format!(",\"next\":{{\"href\":\"{h}\"}}"))
            .unwrap_or_default();
        format!(
            "{{\"_embedded\":{{\"things\":[{}]}},\"_links\":{{\"self\":{{\"href\":\"x\"}}{next}}},\"page\":{{\"number\":{n}}}}}",
            items.join(",")
        )
    }

    #[test]
    fn follows_next_verbatim_and_stops_at_limit() {
        let mut t = Scripted::default()
            .json(
                200,
                &page(
                    1,
                    &[1, 2],
                    Some("https://api.helpscout.net/v2/things?a=1&page=2"),
                ),
            )
            .json(
                200,
                &page(
                    2,
                    &[3, 4],
                    Some("https://api.helpscout.net/v2/things?a=1&page=3"),
                ),
            );
        let base = ApiBase::parse("http://127.0.0.1:9").unwrap();
        let mut client = Client::new(&mut t, base.clone(), "tok".into());
        let first = base.endpoint(&["things"], &[("a", "1".into())]);
        let items = client.collect(first, "things", 3).unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(client.meta.requests, 2);
        assert_eq!(
            t.sent[1].url.as_str(),
            "http://127.0.0.1:9/v2/things?a=1&page=2"
        );
    }

    #[test]
    fn missing_embedded_is_empty_and_loops_are_caught() {
        let mut t = Scripted::default().json(200, r#"{"page":{"totalElements":0}}"#);
        let base = ApiBase::parse("http://h").unwrap();
        let mut client = Client::new(&mut t, base.clone(), "tok".into());
        assert!(
            client
                .collect(base.endpoint(&["x"], &[]), "x", 10)
                .unwrap()
                .is_empty()
        );

        let mut t = Scripted::default()
            .json(200, &page(1, &[1], Some("http://h/v2/x?page=1")))
            .json(200, &page(1, &[1], Some("http://h/v2/x?page=1")));
        let mut client = Client::new(&mut t, base.clone(), "tok".into());
        let first = base.rebase("http://h/v2/x?page=1").unwrap();
        assert!(client.collect(first, "x", 10).is_err());
    }
}
