//! `find-or-create-conversation`: the oldest conversation of the mailbox with exactly this
//! subject and this primary customer, else a new one from the same input. Help Scout's
//! `subject:` and `email:` search terms match by "contains" (List Conversations,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/>, and the search
//! syntax of <https://docs.helpscout.com/article/47-search-filters-with-operators>), so the
//! candidates are checked here: same mailbox, same subject (spaces at the ends aside), same
//! customer (id, or address ignoring case). Two calls with the same input make one
//! conversation; after an unknown outcome, calling again is how to look before retrying.

use super::create::{CreateConversation, create};
use crate::catalog::declare::*;
use crate::client::{Client, Resume, Transport};
use crate::decode::Validate;
use crate::error::{Error, Result};
use crate::query::Query;
use crate::resources::{FoundOrCreated, wire};
use serde::Deserialize;

/// The fields of a listed conversation a match is decided on.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Candidate {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(default, deserialize_with = "wire::text")]
    subject: String,
    #[serde(default, deserialize_with = "wire::opt_id")]
    mailbox_id: Option<u64>,
    #[serde(default)]
    primary_customer: Option<PrimaryCustomer>,
}

#[derive(Deserialize)]
struct PrimaryCustomer {
    #[serde(default, deserialize_with = "wire::opt_id")]
    id: Option<u64>,
    #[serde(default, deserialize_with = "wire::opt_text")]
    email: Option<String>,
}

impl Candidate {
    fn matches(&self, input: &CreateConversation) -> bool {
        let customer = self.primary_customer.as_ref();
        let same_customer = match (&input.customer.id, &input.customer.email) {
            (Some(id), _) => customer.and_then(|c| c.id) == Some(id.get()),
            (None, Some(email)) => customer
                .and_then(|c| c.email.as_deref())
                .is_some_and(|e| e.trim().eq_ignore_ascii_case(email.trim())),
            (None, None) => false,
        };
        same_customer
            && self.subject.trim() == input.subject.trim()
            && self.mailbox_id.is_none_or(|m| m == input.mailbox_id.get())
    }
}

/// The search that finds the candidates, oldest first.
fn search(input: &CreateConversation) -> Vec<(&'static str, String)> {
    let mut terms = vec![Query::term("subject", input.subject.trim())];
    if let (None, Some(email)) = (&input.customer.id, &input.customer.email) {
        terms.push(Query::term("email", email.trim()));
    }
    let mut query = vec![
        ("mailbox", input.mailbox_id.to_string()),
        ("status", "all".to_string()),
        ("sortField", "createdAt".to_string()),
        ("sortOrder", "asc".to_string()),
    ];
    if let Some(q) = Query::all(terms) {
        query.push(("query", q.into_string()));
    }
    query
}

pub fn find_or_create(
    client: &mut Client<impl Transport>,
    input: &CreateConversation,
) -> Result<FoundOrCreated> {
    input.validate()?;
    let start = Resume::start(client.base().endpoint(&["conversations"], &search(input)));
    let (found, _) = client.find_raw(start, "conversations", 1, |_, item| {
        let candidate: Candidate = wire::parse_text(item.get(), "conversation")?;
        Ok(candidate.matches(input).then_some(item))
    })?;
    if let Some(first) = found.first() {
        let Candidate { id, .. } = wire::parse_text(first.get(), "conversation")?;
        return Ok(FoundOrCreated { id, created: false });
    }
    let created = create(client, input)?;
    let id = created.id.ok_or_else(|| {
        Error::Other("Help Scout created the conversation without naming it".into())
    })?;
    Ok(FoundOrCreated { id, created: true })
}

/// `find-or-create-conversation`, as the catalog declares it: the same input twice makes one
/// conversation.
pub const ENTRY: Entry = Entry {
    name: "find-or-create-conversation",
    title: "Find or create a conversation",
    group: Group::Conversation,
    description: "The oldest conversation of the mailbox with exactly this subject and customer \
                  (GET /v2/conversations, exact matches only, any status), else a new one from \
                  the same input (POST /v2/conversations, as create-conversation); returns its \
                  id and whether it was created. Calling it again after an unknown outcome finds \
                  the conversation the first call made.",
    files: files!("find-or-create-conversation"),
    option_fields: super::create::ENTRY.option_fields,
    effects: Effects::write(true, true),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&find_or_create(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: super::create::ENTRY.input_type,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    fn input(customer: &str) -> CreateConversation {
        decode(&format!(
            r#"{{"subject": " Refund ", "mailboxId": 1, "type": "email", "status": "active",
                "customer": {customer},
                "threads": [{{"type": "customer", "text": "t"}}]}}"#
        ))
        .unwrap()
    }

    fn candidate(json: &str) -> Candidate {
        wire::parse_text(json, "conversation").unwrap()
    }

    #[test]
    fn only_exact_subject_mailbox_and_customer_match() {
        let by_email = input(r#"{"email": "A@example.com"}"#);
        let hit = r#"{"id": 7, "subject": "Refund", "mailboxId": 1,
                      "primaryCustomer": {"id": 3, "email": "a@example.com"}}"#;
        assert!(candidate(hit).matches(&by_email));
        for near_miss in [
            r#"{"id": 7, "subject": "Refund request", "mailboxId": 1, "primaryCustomer": {"email": "a@example.com"}}"#,
            r#"{"id": 7, "subject": "Refund", "mailboxId": 2, "primaryCustomer": {"email": "a@example.com"}}"#,
            r#"{"id": 7, "subject": "Refund", "mailboxId": 1, "primaryCustomer": {"email": "emma@example.com"}}"#,
            r#"{"id": 7, "subject": "Refund", "mailboxId": 1}"#,
        ] {
            assert!(!candidate(near_miss).matches(&by_email), "{near_miss}");
        }
        let by_id = input(r#"{"id": 3}"#);
        assert!(candidate(hit).matches(&by_id));
        assert!(!candidate(hit.replace("\"id\": 3", "\"id\": 4").as_str()).matches(&by_id));
    }

    #[test]
    fn the_search_asks_for_every_status_oldest_first_with_quoted_terms() {
        let query = search(&input(r#"{"email": "a@example.com"}"#));
        let text = |k: &str| query.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
        assert_eq!(text("status").as_deref(), Some("all"));
        assert_eq!(text("sortOrder").as_deref(), Some("asc"));
        assert_eq!(
            text("query").as_deref(),
            Some(r#"((subject:"Refund") AND (email:"a@example.com"))"#)
        );
    }
}
