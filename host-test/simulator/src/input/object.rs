//! [`Obj`]: one JSON object of a request body being read through a [`Check`]; every accessor
//! reports its errors under the object's path (`customer.email`, `threads[0].text`).

use serde_json::{Map, Value};

use super::{Check, Item};

/// `assignTo` as Create Conversation documents it
/// (<https://developer.helpscout.com/mailbox-api/endpoints/conversations/create/>): left out,
/// the Inbox settings assign (conversations with replies go to the person replying); `null`
/// keeps the conversation unassigned whatever the settings say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assignment {
    Default,
    Nobody,
    User(u64),
}

impl Assignment {
    pub fn user(self) -> Option<u64> {
        match self {
            Assignment::User(id) => Some(id),
            _ => None,
        }
    }
}

/// A JSON object being read; every accessor reports errors under `prefix.key`.
pub struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    prefix: String,
    pub ck: &'a Check,
}

impl<'a> Obj<'a> {
    pub fn new(map: &'a Map<String, Value>, prefix: String, ck: &'a Check) -> Self {
        Obj { map, prefix, ck }
    }

    /// The error path of `key`.
    pub fn path(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    /// The value of `key`; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Reports every key not in `allowed`.
    pub fn only(&self, allowed: &[&str]) {
        for (k, v) in self.map {
            if !allowed.contains(&k.as_str()) {
                self.ck
                    .fail(&self.path(k), "Unrecognized field", "UnknownField", Some(v));
            }
        }
    }

    /// `key` must be present (not null); reports `may not be null` otherwise.
    pub fn require(&self, key: &str) -> Option<&'a Value> {
        let v = self.get(key);
        if v.is_none() {
            self.ck
                .fail(&self.path(key), "may not be null", "NotNull", None);
        }
        v
    }

    /// A required, non-blank string.
    pub fn text(&self, key: &str) -> Option<String> {
        let s = self.ck.string(&self.path(key), self.require(key)?)?;
        if s.trim().is_empty() {
            let v = Value::String(s);
            self.ck
                .fail(&self.path(key), "may not be empty", "NotEmpty", Some(&v));
            return None;
        }
        Some(s)
    }

    pub fn string(&self, key: &str) -> Option<String> {
        self.ck.string(&self.path(key), self.get(key)?)
    }

    pub fn id(&self, key: &str) -> Option<u64> {
        self.ck.id(&self.path(key), self.get(key)?)
    }

    /// An assignee field (`assignTo`): absent, explicitly `null`, or a user id.
    pub fn assignment(&self, key: &str) -> Assignment {
        match self.map.get(key) {
            None => Assignment::Default,
            Some(Value::Null) => Assignment::Nobody,
            Some(v) => self
                .ck
                .id(&self.path(key), v)
                .map_or(Assignment::Default, Assignment::User),
        }
    }

    pub fn boolean(&self, key: &str) -> Option<bool> {
        self.ck.boolean(&self.path(key), self.get(key)?)
    }

    pub fn choice(&self, key: &str, allowed: &[&'static str]) -> Option<&'static str> {
        self.ck.choice(&self.path(key), self.get(key)?, allowed)
    }

    pub fn instant(&self, key: &str) -> Option<i64> {
        self.ck.instant(&self.path(key), self.get(key)?)
    }

    pub fn array(&self, key: &str) -> Option<Vec<Item<'a>>> {
        self.ck.array(&self.path(key), self.get(key)?)
    }

    /// An array of strings (`cc`, `tags`, ...); bad items are reported by index.
    pub fn strings(&self, key: &str) -> Option<Vec<String>> {
        let items = self.array(key)?;
        Some(
            items
                .iter()
                .filter_map(|it| self.ck.string(&it.path, it.value))
                .collect(),
        )
    }
}
