//! HAL pagination, written once: follow `_links.next.href` exactly as returned (rebased onto the
//! configured base), collect `_embedded.<rel>`, stop at `limit`, at the last page, or at a loop.
//! A find that stops at its `limit` says where it stopped (`Resume`: the page and how many of its
//! items were returned), as an opaque `next` token the same find continues from.

use super::hal::{split_page, split_raw_page};
use super::{ApiBase, Client, Transport, parse_json};
use crate::error::{Error, Result};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::HashSet;
use url::Url;

/// Upper bound on pages followed in one call, whatever the links say.
const MAX_PAGES: usize = 10_000;
/// Most JSON one call collects as raw items (kept as text: about this much memory).
pub const MAX_RAW_BYTES: usize = 192 * 1024 * 1024;
/// Most JSON one call collects as parsed values (a parsed tree takes several times its text).
pub const MAX_PARSED_BYTES: usize = 40 * 1024 * 1024;

/// Where a find goes on: a page of results, and how many of its items were returned already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    pub page: Url,
    pub skip: usize,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Token {
    /// The page's path and query.
    p: String,
    /// Items of it already returned.
    s: usize,
}

impl Resume {
    pub fn start(page: Url) -> Self {
        Resume { page, skip: 0 }
    }

    /// The opaque `next` token (URL-safe base64 of the page and the count).
    pub fn token(&self) -> String {
        let page = match self.page.query() {
            Some(q) => format!("{}?{q}", self.page.path()),
            None => self.page.path().to_string(),
        };
        let json = serde_json::to_vec(&Token {
            p: page,
            s: self.skip,
        })
        .unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    /// A token read back: only a page of `resource`'s list on `base` is accepted, so a token can
    /// never send the request anywhere else.
    pub fn from_token(base: &ApiBase, resource: &str, token: &str) -> Result<Self> {
        let bad = || Error::invalid("next", "is not the `next` of this action's previous output");
        let bytes = URL_SAFE_NO_PAD.decode(token.trim()).map_err(|_| bad())?;
        let token: Token = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        let page = base.rebase(&token.p).map_err(|_| bad())?;
        // Help Scout's own links name a list with a trailing slash (`/v2/customers/?page=2` in
        // the recorded traffic): the same list.
        let list = base.endpoint(&[resource], &[]);
        let same_list = page.path().trim_end_matches('/') == list.path().trim_end_matches('/');
        if !same_list || token.s > MAX_PAGE_ITEMS {
            return Err(bad());
        }
        Ok(Resume {
            page,
            skip: token.s,
        })
    }
}

/// More items than a Help Scout page holds (50).
const MAX_PAGE_ITEMS: usize = 1_000;

impl<T: Transport> Client<T> {
    /// Up to `limit` items of `_embedded.<rel>` as raw JSON text from `start` on (memory is about
    /// the size of the JSON; items pass on without being parsed and printed again), counting
    /// only those `keep` returns (it may drop an item, or ask Help Scout for a fuller one through
    /// the client it is given); and where to continue when the limit was reached first.
    pub fn find_raw(
        &mut self,
        start: Resume,
        rel: &str,
        limit: usize,
        mut keep: impl FnMut(&mut Self, Box<RawValue>) -> Result<Option<Box<RawValue>>>,
    ) -> Result<(Vec<Box<RawValue>>, Option<Resume>)> {
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        let mut total = 0usize;
        let mut at = start;
        loop {
            if !seen.insert(at.page.to_string()) || seen.len() > MAX_PAGES {
                let path = at.page.path().to_string();
                return Err(Error::Other(format!("pagination loop at {path}").into()));
            }
            let body = self.get_body(at.page.clone())?;
            total += body.len();
            check_budget(total, MAX_RAW_BYTES)?;
            let (page_items, next) = split_raw_page(&body, rel)?;
            for (index, item) in page_items.into_iter().enumerate().skip(at.skip) {
                if items.len() >= limit {
                    let rest = Resume {
                        page: at.page,
                        skip: index,
                    };
                    return Ok((items, Some(rest)));
                }
                if let Some(kept) = keep(self, item)? {
                    items.push(kept);
                }
            }
            let Some(href) = next else {
                return Ok((items, None));
            };
            at = Resume::start(self.base().rebase(&href)?);
            if items.len() >= limit {
                return Ok((items, Some(at)));
            }
        }
    }

    /// Collects up to `limit` items of `_embedded.<rel>` as parsed values, starting at `first`.
    pub fn collect(&mut self, first: Url, rel: &str, limit: usize) -> Result<Vec<Value>> {
        self.collect_where(first, rel, limit, |_| true)
    }

    /// As `collect`, counting only the items `keep` accepts (the others are dropped).
    pub fn collect_where(
        &mut self,
        first: Url,
        rel: &str,
        limit: usize,
        mut keep: impl FnMut(&Value) -> bool,
    ) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        self.walk(first, MAX_PARSED_BYTES, |body| {
            let mut page = parse_json(body)?;
            let (page_items, next) = split_page(&mut page, rel)?;
            let kept = page_items.into_iter().filter(|i| keep(i));
            items.extend(kept.take(limit - items.len()));
            Ok((next, items.len() >= limit))
        })?;
        Ok(items)
    }

    /// Follows `next` links from `first`, handing each page's body to `page`, which returns the
    /// next link and whether it has enough. Stops at loops, and past `budget` bytes of pages
    /// with a typed error (the component must not run out of memory and trap).
    fn walk(
        &mut self,
        first: Url,
        budget: usize,
        mut page: impl FnMut(&[u8]) -> Result<(Option<String>, bool)>,
    ) -> Result<()> {
        let mut seen = HashSet::new();
        let mut total = 0usize;
        let mut next = Some(first);
        while let Some(url) = next.take() {
            if !seen.insert(url.to_string()) || seen.len() > MAX_PAGES {
                return Err(Error::Other(
                    format!("pagination loop at {}", url.path()).into(),
                ));
            }
            let body = self.get_body(url)?;
            total += body.len();
            check_budget(total, budget)?;
            let (href, enough) = page(&body)?;
            if let (Some(href), false) = (href, enough) {
                next = Some(self.base().rebase(&href)?);
            }
        }
        Ok(())
    }
}

/// Past `budget` bytes of pages a call stops with a typed error (the component must not run out
/// of memory and trap).
fn check_budget(total: usize, budget: usize) -> Result<()> {
    if total > budget {
        let mib = budget / (1024 * 1024);
        let message = format!("the results exceed {mib} MiB; narrow the query or lower the limit");
        return Err(Error::invalid("limit", message));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Resume;
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
        let mut client = Client::with_token(&mut t, base.clone(), "tok".into());
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
    fn raw_items_pass_through_and_a_result_past_the_budget_is_a_typed_error() {
        let mut t = Scripted::default()
            .json(200, &page(1, &[1, 2], Some("http://h/v2/things?page=2")))
            .json(200, &page(2, &[3], None));
        let base = ApiBase::parse("http://h").unwrap();
        let mut client = Client::with_token(&mut t, base.clone(), "tok".into());
        let start = Resume::start(base.endpoint(&["things"], &[]));
        let (items, rest) = client
            .find_raw(start, "things", 10, |_, item| Ok(Some(item)))
            .unwrap();
        let texts: Vec<&str> = items.iter().map(|i| i.get()).collect();
        assert_eq!(texts, [r#"{"id":1}"#, r#"{"id":2}"#, r#"{"id":3}"#]);
        assert_eq!(rest, None);

        let mut t =
            Scripted::default().json(200, &page(1, &[1, 2], Some("http://h/v2/things?page=2")));
        let mut client = Client::with_token(&mut t, base.clone(), "tok".into());
        let result = client.walk(base.endpoint(&["things"], &[]), 16, |_| Ok((None, false)));
        assert!(matches!(result, Err(crate::error::Error::Validation(f)) if f[0].path == "limit"));
    }

    #[test]
    fn missing_embedded_is_empty_and_loops_are_caught() {
        let mut t = Scripted::default().json(200, r#"{"page":{"totalElements":0}}"#);
        let base = ApiBase::parse("http://h").unwrap();
        let mut client = Client::with_token(&mut t, base.clone(), "tok".into());
        assert!(
            client
                .collect(base.endpoint(&["x"], &[]), "x", 10)
                .unwrap()
                .is_empty()
        );

        let mut t = Scripted::default()
            .json(200, &page(1, &[1], Some("http://h/v2/x?page=1")))
            .json(200, &page(1, &[1], Some("http://h/v2/x?page=1")));
        let mut client = Client::with_token(&mut t, base.clone(), "tok".into());
        let first = base.rebase("http://h/v2/x?page=1").unwrap();
        assert!(client.collect(first, "x", 10).is_err());
    }

    #[test]
    fn a_find_stopped_mid_page_resumes_at_the_next_item_and_tokens_stay_on_the_list() {
        let base = ApiBase::parse("http://h").unwrap();
        let pages = || {
            Scripted::default()
                .json(200, &page(1, &[1, 2, 3], Some("http://h/v2/things?page=2")))
                .json(200, &page(2, &[4, 5], None))
        };
        let mut t = pages();
        let mut client = Client::with_token(&mut t, base.clone(), "tok".into());
        let start = Resume::start(base.endpoint(&["things"], &[]));
        let (first, rest) = client
            .find_raw(start, "things", 2, |_, i| Ok(Some(i)))
            .unwrap();
        assert_eq!(first.len(), 2);
        let token = rest.unwrap().token();
        let resumed = Resume::from_token(&base, "things", &token).unwrap();
        assert_eq!(resumed.skip, 2);
        let mut t = Scripted::default()
            .json(200, &page(1, &[1, 2, 3], Some("http://h/v2/things?page=2")))
            .json(200, &page(2, &[4, 5], None));
        let mut client = Client::with_token(&mut t, base.clone(), "tok".into());
        let (second, rest) = client
            .find_raw(resumed, "things", 10, |_, i| Ok(Some(i)))
            .unwrap();
        let texts: Vec<&str> = second.iter().map(|i| i.get()).collect();
        assert_eq!(texts, [r#"{"id":3}"#, r#"{"id":4}"#, r#"{"id":5}"#]);
        assert_eq!(rest, None);
        assert!(Resume::from_token(&base, "customers", &token).is_err());
        assert!(Resume::from_token(&base, "things", "not a token").is_err());
    }

    #[test]
    fn a_token_of_help_scouts_own_link_with_a_trailing_slash_resumes() {
        let base = ApiBase::parse("https://api.helpscout.net").unwrap();
        let recorded = base
            .rebase("https://api.helpscout.net/v2/customers/?page=2")
            .unwrap();
        let token = Resume::start(recorded).token();
        let resumed = Resume::from_token(&base, "customers", &token).unwrap();
        assert_eq!(
            resumed.page.as_str(),
            "https://api.helpscout.net/v2/customers/?page=2"
        );
        assert!(Resume::from_token(&base, "conversations", &token).is_err());
        let elsewhere = Resume::start(base.rebase("/v2/customers/5/?page=2").unwrap()).token();
        assert!(Resume::from_token(&base, "customers", &elsewhere).is_err());
    }
}
