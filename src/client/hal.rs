//! One HAL page read: the items under `_embedded.<rel>` and the `_links.next.href` to follow,
//! either as raw JSON text in one pass over the body (finds) or out of a parsed page (polls).

use crate::error::{Error, Result};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use std::borrow::Cow;

/// The raw items of one HAL page and its `next` link, read in one pass over the page (the items
/// are kept as text, everything else is skipped). A missing or null `_embedded` means no items.
pub fn split_raw_page(body: &[u8], rel: &str) -> Result<(Vec<Box<RawValue>>, Option<String>)> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let page = PageSeed { rel }
        .deserialize(&mut deserializer)
        .and_then(|page| deserializer.end().map(|()| page));
    page.map_err(|e| match e.classify() {
        serde_json::error::Category::Data => Error::Other(
            format!("a page of results (_embedded.{rel}, _links) has an unexpected shape: {e}")
                .into(),
        ),
        _ => Error::Other("a page of results was not a HAL object".into()),
    })
}

/// A HAL page: `_embedded.<rel>` as raw items, `_links.next.href`.
struct PageSeed<'r> {
    rel: &'r str,
}

impl<'de> DeserializeSeed<'de> for PageSeed<'_> {
    type Value = (Vec<Box<RawValue>>, Option<String>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PageSeed<'_> {
    type Value = (Vec<Box<RawValue>>, Option<String>);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a HAL page")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut items, mut next) = (Vec::new(), None);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "_embedded" => {
                    items = map
                        .next_value_seed(EmbeddedSeed { rel: self.rel })?
                        .unwrap_or_default();
                }
                "_links" => {
                    let links: Option<Links> = map.next_value()?;
                    next = links.and_then(|l| l.next).map(|n| n.href);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok((items, next))
    }
}

/// `_embedded`: the list under `rel` (others skipped); `None` for a null `_embedded` or list.
struct EmbeddedSeed<'r> {
    rel: &'r str,
}

impl<'de> DeserializeSeed<'de> for EmbeddedSeed<'_> {
    type Value = Option<Vec<Box<RawValue>>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for EmbeddedSeed<'_> {
    type Value = Option<Vec<Box<RawValue>>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an _embedded object")
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut items = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == self.rel {
                items = map.next_value::<Option<Vec<Box<RawValue>>>>()?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(items)
    }
}

#[derive(serde::Deserialize)]
struct Links {
    next: Option<Href>,
}

#[derive(serde::Deserialize)]
struct Href {
    href: String,
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
        Some(_) => {
            return Err(Error::Other(
                format!("_embedded.{rel} is not an array").into(),
            ));
        }
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
    use super::split_raw_page;

    #[test]
    fn raw_pages_are_read_in_one_pass_and_bad_shapes_are_typed_errors() {
        let body = br#"{"page":{"n":1},"_embedded":{"other":[1],"things":[{"id":1,"x":[2]},{"id":2}]},"_links":{"self":{"href":"s"},"next":{"href":"n2"}}}"#;
        let (items, next) = split_raw_page(body, "things").unwrap();
        let texts: Vec<&str> = items.iter().map(|i| i.get()).collect();
        assert_eq!(texts, [r#"{"id":1,"x":[2]}"#, r#"{"id":2}"#]);
        assert_eq!(next.as_deref(), Some("n2"));

        for empty in [
            &br#"{}"#[..],
            br#"{"_embedded":null}"#,
            br#"{"_embedded":{"things":null}}"#,
        ] {
            let (items, next) = split_raw_page(empty, "things").unwrap();
            assert!(items.is_empty() && next.is_none());
        }
        for bad in [
            &br#"[]"#[..],
            br#"{"_embedded":{"things":{}}}"#,
            br#"{"_links":{"next":{"href":3}}}"#,
            br#"{"a":1} x"#,
            b"\xff",
        ] {
            assert!(split_raw_page(bad, "things").is_err(), "{bad:?}");
        }
    }
}
