//! The API base URL and endpoint building. Path segments are percent-encoded one by one, so no
//! user-supplied value can change the shape of a URL; pagination links are rebased onto the base
//! so the bearer token only ever goes to the configured server.

use crate::error::{Error, Result};
use url::Url;

/// A validated `{base-url}` (scheme http/https, a host, no query or fragment).
#[derive(Debug, Clone)]
pub struct ApiBase {
    url: Url,
}

impl ApiBase {
    pub fn parse(base: &str) -> Result<Self> {
        let url = Url::parse(base.trim())
            .map_err(|e| Error::invalid("baseUrl", format!("not a URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::invalid(
                "baseUrl",
                "must start with https:// or http://",
            ));
        }
        if url.host_str().is_none() || url.cannot_be_a_base() {
            return Err(Error::invalid("baseUrl", "must name a host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid(
                "baseUrl",
                "must not carry a query or fragment",
            ));
        }
        let path = url.path().trim_end_matches('/');
        if path == "/v2" || path.ends_with("/v2") {
            return Err(Error::invalid(
                "baseUrl",
                "must not end in /v2: requests go to {base-url}/v2/…, so give e.g. https://api.helpscout.net",
            ));
        }
        Ok(Self { url })
    }

    /// `{base}/v2/{segments…}?{query}`; each segment is encoded separately.
    pub fn endpoint(&self, segments: &[&str], query: &[(&str, String)]) -> Url {
        let mut url = self.url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().push("v2").extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }

    /// A link returned by the API (`_links.next.href`, `Location`), with its path and query kept
    /// verbatim but its origin replaced by the base's. Relative links resolve against the base.
    pub fn rebase(&self, href: &str) -> Result<Url> {
        let link = self
            .url
            .join(href)
            .map_err(|e| Error::Other(format!("API returned an unusable link: {e}").into()))?;
        if !link.path().starts_with('/') {
            return Err(Error::Other("API returned a link without a path".into()));
        }
        let mut url = self.url.clone();
        let prefix = self.url.path().trim_end_matches('/');
        let path = link.path();
        if prefix.is_empty() || path.starts_with(prefix) {
            url.set_path(path);
        } else {
            url.set_path(&format!("{prefix}{path}"));
        }
        url.set_query(link.query());
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_endpoints_with_encoded_segments() {
        let base = ApiBase::parse("https://api.helpscout.net").unwrap();
        let url = base.endpoint(
            &["conversations", "../admin?x"],
            &[("status", "all".into())],
        );
        assert_eq!(
            url.as_str(),
            "https://api.helpscout.net/v2/conversations/..%2Fadmin%3Fx?status=all"
        );
    }

    #[test]
    fn rebases_links_onto_the_base_origin() {
        let base = ApiBase::parse("http://127.0.0.1:8080").unwrap();
        let url = base
            .rebase("https://api.helpscout.net/v2/conversations?mailbox=1&page=2")
            .unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8080/v2/conversations?mailbox=1&page=2"
        );
        let prefixed = ApiBase::parse("http://proxy.local/helpscout/").unwrap();
        let url = prefixed
            .rebase("https://api.helpscout.net/v2/x?page=2")
            .unwrap();
        assert_eq!(url.as_str(), "http://proxy.local/helpscout/v2/x?page=2");
    }

    #[test]
    fn rejects_bad_bases() {
        for bad in ["ftp://x", "not a url", "https://h/?q=1", "mailto:a@b"] {
            assert!(ApiBase::parse(bad).is_err(), "{bad}");
        }
        for with_version in ["https://api.helpscout.net/v2", "https://h/proxy/v2/"] {
            let error = ApiBase::parse(with_version).unwrap_err().to_string();
            assert!(
                error.contains("must not end in /v2"),
                "{with_version}: {error}"
            );
        }
        assert!(ApiBase::parse("https://h/proxy/").is_ok());
    }

    #[test]
    fn host_names_must_be_ascii_or_punycode() {
        let error = ApiBase::parse("https://bücher.example").unwrap_err();
        assert!(matches!(error, Error::Validation(_)), "{error:?}");
        assert!(ApiBase::parse("https://xn--bcher-kva.example").is_ok());
    }
}
