//! The demo's write steps: create and update conversations, threads and customers, each read
//! back to check that the change took effect, and the partial-failure and validation cases.

use super::{Demo, Step, count};
use helpscout_simulator::credentials;
use serde_json::{Value, json};

/// Subject of the conversation the demo creates; later steps find it by this subject.
const DEMO_SUBJECT: &str = "Demo: printer on fire";

impl Demo {
    /// The id of the conversation `create_conversation` made (found by subject).
    async fn demo_conversation(&self) -> Result<u64, String> {
        let query = json!({"status": "all", "query": format!("(subject:\"{DEMO_SUBJECT}\")")});
        let found = self.run("find-conversations", &query.to_string()).await?;
        found["items"][0]["id"]
            .as_u64()
            .ok_or_else(|| "the demo conversation is missing".into())
    }

    /// The custom field of mailbox 1001 of this type.
    async fn field_of_type(&self, kind: &str) -> Result<Value, String> {
        let out = self
            .run("list-mailboxes", r#"{"includeFields": true}"#)
            .await?;
        let mailbox = out["items"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|m| m["id"] == 1001);
        let fields = mailbox
            .and_then(|m| m["fields"].as_array())
            .ok_or("mailbox 1001 has no fields")?;
        let field = fields
            .iter()
            .find(|f| f["type"] == kind)
            .ok_or(format!("no {kind} field"))?;
        Ok(field.clone())
    }

    /// The dropdown field of mailbox 1001 (id, an option's label, that option's id).
    async fn dropdown(&self) -> Result<(u64, String, u64), String> {
        let field = self.field_of_type("dropdown").await?;
        let option = &field["options"][1];
        let label = option["label"].as_str().ok_or("dropdown without options")?;
        Ok((
            field["id"].as_u64().unwrap_or(0),
            label.to_string(),
            option["id"].as_u64().unwrap_or(0),
        ))
    }

    pub(super) async fn create_conversation(&self) -> Step {
        let input = json!({
            "subject": DEMO_SUBJECT, "mailboxId": 1001, "type": "email", "status": "active",
            "customer": {"email": "grace.demo@example.com", "firstName": "Grace", "lastName": "Demo"},
            "threads": [{"type": "customer", "customer": {"email": "grace.demo@example.com"},
                         "text": "My printer is on fire."}],
            "tags": ["demo"], "returnConversation": true
        });
        let out = self.run("create-conversation", &input.to_string()).await?;
        let id = out["id"].as_u64().ok_or("no id returned")?;
        if out["conversation"]["subject"] != DEMO_SUBJECT {
            return Err("the created conversation reads back differently".into());
        }
        Ok(format!(
            "conversation {id} created with a customer thread, tag demo"
        ))
    }

    pub(super) async fn update_conversation(&self) -> Step {
        let id = self.demo_conversation().await?;
        let (field, label, option) = self.dropdown().await?;
        let number = self.field_of_type("number").await?["id"]
            .as_u64()
            .unwrap_or(0);
        let first = json!({"id": id, "customFields": [{"id": number, "value": "42"}]});
        self.run("update-conversation", &first.to_string()).await?;
        let input = json!({"id": id, "status": "pending", "assignTo": 302, "tags": ["demo", "vip"],
                           "customFields": [{"id": field, "value": label}]});
        let out = self.run("update-conversation", &input.to_string()).await?;
        let got = self
            .run("get-conversation", &json!({"id": id}).to_string())
            .await?;
        let value_of = |fid: u64| -> Value {
            let fields = got["customFields"].as_array().cloned().unwrap_or_default();
            fields
                .into_iter()
                .find(|f| f["id"] == fid)
                .map(|f| f["value"].clone())
                .unwrap_or(Value::Null)
        };
        let checks = [
            got["status"] == "pending",
            got["assignee"]["id"] == 302,
            got["tags"].as_array().is_some_and(|t| t.len() == 2),
            value_of(field) == Value::String(option.to_string()),
            value_of(number) == "42",
        ];
        if checks.iter().all(|c| *c) {
            Ok(format!(
                "applied {}; dropdown \"{label}\" → option {option}, other field kept",
                out["applied"]
            ))
        } else {
            Err(format!("read back does not match: {checks:?}"))
        }
    }

    pub(super) async fn create_thread(&self) -> Step {
        let id = self.demo_conversation().await?;
        let input = json!({"conversationId": id, "type": "note", "text": "Fire brigade called.",
            "attachments": [{"fileName": "report.txt", "mimeType": "text/plain", "data": "RmlyZSBvdXQu"}]});
        let out = self.run("create-thread", &input.to_string()).await?;
        let thread = out["id"].as_u64().ok_or("no thread id")?;
        let got = self
            .run("get-conversation", &json!({"id": id}).to_string())
            .await?;
        let threads = got["_embedded"]["threads"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let note = threads
            .iter()
            .find(|t| t["id"] == thread)
            .ok_or("the new thread is missing")?;
        let attached = note["_embedded"]["attachments"]
            .as_array()
            .map_or(0, Vec::len);
        Ok(format!(
            "note {thread} with {attached} attachment on conversation {id}"
        ))
    }

    /// Help Scout's `email:` search matches by "contains": a near miss is created first, and
    /// only the customer with exactly the address comes back.
    pub(super) async fn find_customers(&self) -> Step {
        let near = json!({"firstName": "Near", "lastName": "Miss",
                          "emails": [{"type": "work", "value": "xolivia.smith@example.com"}]});
        self.run("create-customer", &near.to_string()).await?;
        let raw = self
            .run(
                "find-customers",
                r#"{"query": "(email:\"olivia.smith@example.com\")"}"#,
            )
            .await?;
        let contains = count(&raw);
        let out = self
            .run("find-customers", r#"{"email": "Olivia.Smith@example.com"}"#)
            .await?;
        let items = out["items"].as_array().cloned().unwrap_or_default();
        if items.len() != 1 || contains < 2 {
            return Err(format!(
                "expected one exact match among {contains} hits, found {}",
                items.len()
            ));
        }
        Ok(format!(
            "email → {contains} hits by \"contains\", 1 exact: customer {}",
            items[0]["id"]
        ))
    }

    pub(super) async fn get_customer(&self) -> Step {
        let out = self.run("get-customer", r#"{"id": 7000001}"#).await?;
        let emails = out["_embedded"]["emails"].as_array().map_or(0, Vec::len);
        if emails == 0 {
            return Err("customer without emails".into());
        }
        Ok(format!(
            "{} {} with {emails} email(s)",
            out["firstName"], out["lastName"]
        ))
    }

    pub(super) async fn create_customer(&self) -> Step {
        let input = json!({"firstName": "Ada", "lastName": "Demo", "jobTitle": "Engineer",
            "emails": [{"type": "work", "value": "ada.demo@example.com"}],
            "phones": [{"type": "work", "value": "+1 555 0100"}]});
        let out = self.run("create-customer", &input.to_string()).await?;
        let id = out["id"].as_u64().ok_or("no id returned")?;
        let got = self
            .run("get-customer", &json!({"id": id}).to_string())
            .await?;
        if got["firstName"] != "Ada"
            || got["_embedded"]["emails"][0]["value"] != "ada.demo@example.com"
        {
            return Err("the new customer reads back differently".into());
        }
        Ok(format!("customer {id} created with an email and a phone"))
    }

    pub(super) async fn update_customer(&self) -> Step {
        let found = self
            .run("find-customers", r#"{"email": "ada.demo@example.com"}"#)
            .await?;
        let id = found["items"][0]["id"]
            .as_u64()
            .ok_or("the demo customer is missing")?;
        self.run(
            "update-customer",
            &json!({"id": id, "firstName": "Augusta"}).to_string(),
        )
        .await?;
        let got = self
            .run("get-customer", &json!({"id": id}).to_string())
            .await?;
        if got["firstName"] != "Augusta"
            || got["lastName"] != "Demo"
            || got["jobTitle"] != "Engineer"
        {
            return Err(format!(
                "fields not given changed: {} {} {}",
                got["firstName"], got["lastName"], got["jobTitle"]
            ));
        }
        Ok("firstName changed; lastName and jobTitle kept".into())
    }

    pub(super) async fn partial_update(&self) -> Step {
        let id = self.demo_conversation().await?;
        let conn = self.connection(credentials::ACCESS_TOKEN);
        let input = json!({"id": id, "primaryCustomerId": 7000002, "assignTo": 999999});
        self.expect_error(&conn, "update-conversation", &input.to_string(), "partial")
            .await
    }

    pub(super) async fn bad_custom_field(&self) -> Step {
        let id = self.demo_conversation().await?;
        let (field, _, _) = self.dropdown().await?;
        let conn = self.connection(credentials::ACCESS_TOKEN);
        let input = json!({"id": id, "status": "closed", "customFields": [{"id": field, "value": "No such option"}]});
        let step = self
            .expect_error(
                &conn,
                "update-conversation",
                &input.to_string(),
                "validation",
            )
            .await?;
        let got = self
            .run("get-conversation", &json!({"id": id}).to_string())
            .await?;
        if got["status"] == "closed" {
            return Err("the status was written despite the bad field".into());
        }
        Ok(format!("{step}; nothing written"))
    }
}
