//! Query-string and form decoding (`application/x-www-form-urlencoded`) plus typed, validated
//! access to request parameters; every failure becomes a Help Scout validation error item.

use super::{Compiled, Schema, compile};
use crate::render::errors::{ApiError, FieldError};
use crate::time;

/// Decodes one `x-www-form-urlencoded` component: `+` is a space, `%XX` a byte.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits `a=1&b=2` into decoded pairs, in order (empty segments skipped).
pub fn pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|seg| !seg.is_empty())
        .map(|seg| match seg.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(seg), String::new()),
        })
        .collect()
}

/// The decoded query parameters of one request.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn parse(raw: Option<&str>) -> Self {
        Params {
            pairs: raw.map(pairs).unwrap_or_default(),
        }
    }

    /// A parameter's value; repeated parameters are joined with `,` (as Spring binds them).
    /// Blank values count as absent.
    pub fn get(&self, key: &str) -> Option<String> {
        let values: Vec<&str> = self
            .pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    }

    /// An optional non-negative integer parameter.
    pub fn int(&self, key: &str) -> Result<Option<u64>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .parse::<u64>()
                .map(Some)
                .map_err(|_| invalid_number(key, &v)),
        }
    }

    /// A comma list of integers (`mailbox=1,2`).
    pub fn int_list(&self, key: &str) -> Result<Option<Vec<u64>>, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        v.split(',')
            .map(|p| p.trim().parse::<u64>().map_err(|_| invalid_number(key, &v)))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// A comma list of strings (`tag=a,b`), trimmed, empties dropped.
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        self.get(key).map(|v| {
            v.split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect()
        })
    }

    /// One of `allowed` (compared case-insensitively); returns the canonical spelling.
    pub fn choice(
        &self,
        key: &str,
        allowed: &[&'static str],
        default: &'static str,
    ) -> Result<&'static str, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(default);
        };
        allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(&v))
            .copied()
            .ok_or_else(|| {
                let quoted: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
                let message = format!("Expected one of these: {}", quoted.join(", "));
                ApiError::validation(vec![
                    FieldError::new(key, &message, "EnumValue").rejected(&v),
                ])
            })
    }

    /// An optional `yyyy-MM-dd'T'HH:mm:ss'Z'` instant.
    pub fn instant(&self, key: &str) -> Result<Option<i64>, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        time::parse(&v).map(Some).ok_or_else(|| {
            let message = "Malformed date; expected format yyyy-MM-dd'T'HH:mm:ss'Z'";
            ApiError::validation(vec![
                FieldError::new(key, message, "MalformedDate").rejected(&v),
            ])
        })
    }

    /// An optional `query=` search, compiled against `schema`.
    pub fn query(&self, schema: &Schema) -> Result<Option<Compiled>, ApiError> {
        let Some(q) = self.get("query") else {
            return Ok(None);
        };
        compile(&q, schema).map(Some).map_err(|msg| {
            ApiError::validation(vec![
                FieldError::new("query", &msg, "InvalidQuery").rejected(&q),
            ])
        })
    }

    /// `sortOrder`: `desc` (the default) or `asc`.
    pub fn descending(&self) -> Result<bool, ApiError> {
        Ok(self.choice("sortOrder", &["asc", "desc"], "desc")? == "desc")
    }

    /// The 1-based `page` parameter (default 1).
    pub fn page(&self) -> Result<usize, ApiError> {
        match self.int("page")? {
            None => Ok(1),
            Some(0) => Err(ApiError::validation(vec![
                FieldError::new("page", "must be greater than or equal to 1", "Min").rejected("0"),
            ])),
            Some(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        }
    }
}

fn invalid_number(key: &str, value: &str) -> ApiError {
    ApiError::validation(vec![
        FieldError::new(key, "Invalid number", "InvalidNumber").rejected(value),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_components() {
        assert_eq!(decode("a+b%20c%3A%22x%22"), "a b c:\"x\"");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%C3%A9"), "é");
    }

    #[test]
    fn repeated_and_blank_params() {
        let p = Params::parse(Some("tag=a&tag=b&status=&x"));
        assert_eq!(p.get("tag").as_deref(), Some("a,b"));
        assert_eq!(p.get("status"), None);
        assert_eq!(p.list("tag"), Some(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn typed_access() {
        let p = Params::parse(Some(
            "mailbox=1,2&page=0&sortOrder=ASC&d=2024-01-01T00:00:00.000Z",
        ));
        assert_eq!(p.int_list("mailbox").unwrap(), Some(vec![1, 2]));
        assert!(p.page().is_err());
        assert_eq!(
            p.choice("sortOrder", &["asc", "desc"], "desc").unwrap(),
            "asc"
        );
        assert!(p.instant("d").is_err());
        assert!(p.int("mailbox").is_err());
    }
}
