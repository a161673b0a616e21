//! The demo's platform steps: what a form needs (the auth description, a dependent dropdown filled
//! by `catalog.options`) and a find continued with `next`.

use super::{Demo, Step};
use helpscout_simulator::credentials;
use serde_json::{Value, json};

impl Demo {
    /// The choices for `field` of `action` given the form `input`.
    async fn options(
        &self,
        action: &str,
        field: &str,
        input: &Value,
    ) -> Result<Vec<Value>, String> {
        let conn = self.connection(credentials::ACCESS_TOKEN);
        let (result, _) = self
            .runtime
            .options(&conn, action, field, &input.to_string())
            .await
            .map_err(|e| format!("host: {e:#}"))?;
        let invoked = result.map_err(|e| crate::error_json::to_json(&e).to_string())?;
        let out: Value = serde_json::from_str(&invoked.output_json).map_err(|e| e.to_string())?;
        Ok(out["items"].as_array().cloned().unwrap_or_default())
    }

    /// A credential form from `auth.describe`, then the mailbox dropdown and the custom fields of
    /// the chosen mailbox (a dependent dropdown), as a platform renders them.
    pub(super) async fn dependent_dropdown(&self) -> Step {
        let auth = self
            .runtime
            .auth_description()
            .await
            .map_err(|e| e.to_string())?;
        let mailboxes = self
            .options("update-conversation", "mailboxId", &json!({}))
            .await?;
        let chosen = mailboxes
            .iter()
            .find(|m| m["label"] == "Billing")
            .ok_or("no Billing mailbox to choose")?;
        let form = json!({"mailboxId": chosen["value"]});
        let fields = self
            .options("update-conversation", "customFields", &form)
            .await?;
        let dropdown = fields
            .iter()
            .find(|f| f["type"] == "dropdown")
            .ok_or("the chosen mailbox has no dropdown field")?;
        let labels: Vec<&str> = dropdown["options"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["label"].as_str())
            .collect();
        Ok(format!(
            "credential form: {} fields; mailboxId: {} choices; chose {} → customFields: {} fields, \"{}\" offers {}",
            auth.fields.len(),
            mailboxes.len(),
            chosen["label"].as_str().unwrap_or(""),
            fields.len(),
            dropdown["label"].as_str().unwrap_or(""),
            labels.join(" / ")
        ))
    }

    /// 60 conversations over Help Scout's pages, then the same find continued with `next`.
    pub(super) async fn find_continued(&self) -> Step {
        let first = self
            .run("find-conversations", r#"{"status": "all", "limit": 60}"#)
            .await?;
        let token = first["next"].as_str().ok_or("no next after 60 of 150")?;
        let input = json!({"status": "all", "limit": 60, "next": token});
        let second = self.run("find-conversations", &input.to_string()).await?;
        let mut ids: Vec<u64> = [&first, &second]
            .iter()
            .flat_map(|page| page["items"].as_array().cloned().unwrap_or_default())
            .filter_map(|c| c["id"].as_u64())
            .collect();
        let total = ids.len();
        ids.sort_unstable();
        ids.dedup();
        if total != 120 || ids.len() != 120 || second["hasMore"] != true {
            return Err(format!(
                "expected 120 distinct conversations, got {total} ({} distinct)",
                ids.len()
            ));
        }
        Ok(
            "60 conversations over pages of 25, then 60 more from `next`: 120 distinct, hasMore"
                .into(),
        )
    }
}
