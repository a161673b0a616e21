//! An input for every catalog entry that works against the embedded simulator's seeded data, in
//! an order that runs from a fresh simulator (reads first, deletes last): the demo runs each one,
//! the schema tests check each output against the entry's output schema, and a test fails when
//! an entry has none. A trigger Help Scout's API cannot poll has a delivery instead: the event's
//! body, read from the simulator, replayed signed through the component.

use serde_json::{Value, json};

/// `(entry, input)` for every action and pollable trigger.
pub fn inputs() -> Vec<(&'static str, Value)> {
    vec![
        ("test-connection", json!({})),
        (
            "list-mailboxes",
            json!({"includeFolders": true, "includeFields": true}),
        ),
        (
            "find-conversations",
            json!({"mailbox": 1001, "status": "all", "limit": 30}),
        ),
        ("get-mailbox", json!({"id": 1001, "includeFolders": true})),
        ("get-conversation", json!({"id": 5000001})),
        ("list-threads", json!({"conversationId": 5000001})),
        (
            "get-attachment",
            json!({"conversationId": 5000001, "attachmentId": 8000001}),
        ),
        (
            "find-customers",
            json!({"email": "olivia.smith@example.com"}),
        ),
        ("get-customer", json!({"id": 7000001})),
        ("list-users", json!({})),
        ("get-user", json!({"id": 301})),
        ("list-teams", json!({})),
        ("list-team-members", json!({"teamId": 9001})),
        ("list-tags", json!({})),
        ("get-tag", json!({"id": 9001})),
        ("list-customer-properties", json!({})),
        (
            "list-organizations",
            json!({"sortField": "name", "sortOrder": "asc"}),
        ),
        (
            "get-organization",
            json!({"id": 8001, "includeCounts": true}),
        ),
        (
            "list-workflows",
            json!({"mailboxId": 1001, "type": "manual"}),
        ),
        ("get-rating", json!({"id": 1})),
        ("list-webhooks", json!({})),
        (
            "api-request",
            json!({"method": "GET", "path": "/v2/mailboxes/1001/folders"}),
        ),
        (
            "create-conversation",
            json!({"subject": "Example", "mailboxId": 1001, "type": "email", "status": "active",
                   "customer": {"email": "example@example.com", "firstName": "Ex", "lastName": "Ample"},
                   "threads": [{"type": "customer", "customer": {"email": "example@example.com"},
                                "text": "Hello"}],
                   "tags": ["example"]}),
        ),
        (
            "find-or-create-conversation",
            json!({"subject": "Example", "mailboxId": 1001, "type": "email", "status": "active",
                   "customer": {"email": "example@example.com"},
                   "threads": [{"type": "customer", "text": "Hello again"}]}),
        ),
        (
            "update-conversation",
            json!({"id": 5000001, "status": "pending", "addTags": ["vip"],
                   "customFields": [{"id": 201, "value": "Low"}]}),
        ),
        (
            "create-thread",
            json!({"conversationId": 5000002, "type": "note", "text": "Noted."}),
        ),
        (
            "update-thread",
            json!({"conversationId": 5000001, "threadId": 6000001, "text": "Edited."}),
        ),
        (
            "run-workflow",
            json!({"id": 4001, "conversationIds": [5000003]}),
        ),
        (
            "create-customer",
            json!({"firstName": "New", "lastName": "Customer",
                   "emails": [{"type": "work", "value": "new.customer@example.com"}]}),
        ),
        ("update-customer", json!({"id": 7000002, "jobTitle": "CTO"})),
        (
            "find-or-create-customer",
            json!({"email": "first.time@example.com", "firstName": "First", "lastName": "Time"}),
        ),
        (
            "subscribe-webhook",
            json!({"url": "https://hooks.example.com/helpscout", "events": ["new-conversation"]}),
        ),
        ("unsubscribe-webhook", json!({"id": 1})),
        ("delete-conversation", json!({"id": 5000150})),
        ("delete-customer", json!({"id": 7000060})),
        (
            "new-conversation",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 5}),
        ),
        (
            "conversation-status-changed",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 5}),
        ),
        (
            "conversation-assigned",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 5}),
        ),
        (
            "customer-replied",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 5}),
        ),
        (
            "agent-replied",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 5}),
        ),
        (
            "note-added",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 5}),
        ),
        (
            "new-customer",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 5}),
        ),
        (
            "customer-updated",
            json!({"since": "2000-01-01T00:00:00Z", "limit": 5}),
        ),
    ]
}

/// Where the body of a webhook-only trigger's event comes from: the entry whose output is the
/// body, with its input; deleted objects are `{"id": N}`.
pub fn delivery(event: &str) -> Option<(&'static str, Value)> {
    Some(match event {
        "convo.deleted" | "customer.deleted" | "organization.deleted" => {
            return Some(("", json!({"id": 5000149})));
        }
        e if e.starts_with("convo.") => (
            "get-conversation",
            json!({"id": 5000004, "embedThreads": false}),
        ),
        e if e.starts_with("customer.") => ("get-customer", json!({"id": 7000003})),
        e if e.starts_with("organization.") => ("get-organization", json!({"id": 8002})),
        "satisfaction.ratings" => ("get-rating", json!({"id": 2})),
        _ => return None,
    })
}
