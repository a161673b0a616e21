//! Id newtypes: a Help Scout id is a positive integer, given as a JSON integer or, as workflow
//! templates produce them, a string of digits (contract §2). Decoding checks it once, so no
//! resource compares an id with 0, and an id can only reach a URL as one encoded path segment.

use serde::{Deserialize, Deserializer, Serialize};

/// A positive id read from `123` or `"123"`.
fn positive<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = u64;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a positive id")
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
            if v == 0 {
                Err(E::custom("must be a positive id"))
            } else {
                Ok(v)
            }
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u64, E> {
            u64::try_from(v)
                .map_err(|_| E::custom("must be a positive id"))
                .and_then(|v| self.visit_u64(v))
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<u64, E> {
            let digits = !v.is_empty() && v.len() <= 20 && v.bytes().all(|b| b.is_ascii_digit());
            match v.parse::<u64>() {
                Ok(n) if digits => self.visit_u64(n),
                _ => Err(E::custom("must be a positive id (digits only)")),
            }
        }
    }
    d.deserialize_any(Visitor)
}

/// What every id newtype offers, for code generic over ids (the WIT records carry plain `u64`s).
pub trait Id: Sized + Copy {
    fn from_u64(id: u64) -> Option<Self>;
}

/// A WIT record's id as a newtype; 0 is a `validation` error naming `path`.
pub fn checked<T: Id>(path: &str, id: u64) -> crate::error::Result<T> {
    T::from_u64(id).ok_or_else(|| crate::error::Error::invalid(path, "must be a positive id"))
}

/// `checked` for every id of a list (`path[i]`), all problems at once.
pub fn checked_all<T: Id>(path: &str, ids: &[u64]) -> crate::error::Result<Vec<T>> {
    let mut out = Vec::with_capacity(ids.len());
    let mut checks = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match checked(&format!("{path}[{i}]"), *id) {
            Ok(id) => out.push(id),
            Err(e) => checks.push(Err(e)),
        }
    }
    crate::decode::all(checks)?;
    Ok(out)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(u64);

        // Every id type offers the same methods; not every one uses them all.
        #[allow(dead_code)]
        impl $name {
            /// An id known to be positive (from Help Scout's own answers or a WIT record).
            pub fn new(id: u64) -> Option<Self> {
                (id > 0).then_some(Self(id))
            }

            pub fn get(self) -> u64 {
                self.0
            }

            /// The id as one URL path segment.
            pub fn segment(self) -> String {
                self.0.to_string()
            }
        }

        impl Id for $name {
            fn from_u64(id: u64) -> Option<Self> {
                Self::new(id)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                positive(d).map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        #[cfg(test)]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn inline_schema() -> bool {
                true
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                crate::ids::schema()
            }
        }
    };
}

id_type!(
    /// A conversation (`/v2/conversations/{id}`).
    ConversationId
);
id_type!(
    /// A customer (`/v2/customers/{id}`).
    CustomerId
);
id_type!(
    /// A mailbox, called an inbox in newer Help Scout pages (`/v2/mailboxes/{id}`).
    MailboxId
);
id_type!(
    /// A user (`/v2/users/{id}`).
    UserId
);
id_type!(
    /// A webhook (`/v2/webhooks/{id}`).
    WebhookId
);
id_type!(
    /// A mailbox folder.
    FolderId
);
id_type!(
    /// A conversation custom field (a mailbox's field definition).
    FieldId
);
id_type!(
    /// An organization (`organizationId` of a customer).
    OrganizationId
);
id_type!(
    /// A conversation's number as the Help Scout UI shows it.
    ConversationNumber
);
id_type!(
    /// A team (`/v2/teams/{id}`).
    TeamId
);
id_type!(
    /// A thread of a conversation (`/v2/conversations/{id}/threads/{threadId}`).
    ThreadId
);
id_type!(
    /// An attachment of a conversation (`/v2/conversations/{id}/attachments/{attachmentId}`).
    AttachmentId
);
id_type!(
    /// A workflow (`/v2/workflows/{id}`).
    WorkflowId
);
id_type!(
    /// A satisfaction rating (`/v2/ratings/{id}`).
    RatingId
);
id_type!(
    /// A tag (`/v2/tags/{id}`).
    TagId
);

/// The schema of every id: an integer ≥ 1, or a string of digits.
#[cfg(test)]
pub fn schema() -> schemars::Schema {
    schemars::json_schema!({
        "oneOf": [
            {"type": "integer", "minimum": 1},
            {"type": "string", "pattern": "^[0-9]*[1-9][0-9]*$", "maxLength": 20}
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_integers_or_digit_strings() {
        let id = |json: &str| serde_json::from_str::<ConversationId>(json).map(ConversationId::get);
        assert_eq!(id("123").unwrap(), 123);
        assert_eq!(id(r#""123""#).unwrap(), 123);
        for bad in [
            "0", r#""0""#, "-1", "1.5", r#""12a""#, r#""""#, r#"" 1""#, "true", "null",
        ] {
            assert!(id(bad).is_err(), "{bad}");
        }
        assert_eq!(ConversationId::new(0), None);
        assert_eq!(serde_json::to_string(&CustomerId(7)).unwrap(), "7");
    }
}
