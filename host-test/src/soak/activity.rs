//! The account's activity, through the component as a workflow would drive it: conversations
//! created, replies, notes and customer threads, status changes, customers created. Before an
//! action a fault may be set on its requests (429, 5xx, applied-then-500, resets); after an
//! error the activity looks before it acts again, as the `unknown-outcome` message says, and
//! tells the model only what took effect.

use super::model::{Model, ThreadKind};
use super::rng::Rng;
use crate::bindings::{Connection, ConnectorError};
use crate::runtime::Runtime;
use helpscout_simulator::{Fault, Simulator};
use serde_json::{Value, json};

/// The activity's context: where it runs and what it has done.
pub struct Activity<'a> {
    pub runtime: &'a Runtime,
    pub sim: &'a Simulator,
    pub conn: Connection,
    /// Makes every text the run writes unique (`s{seed}-{n}`).
    pub prefix: String,
    pub counter: u64,
    pub faults_set: usize,
}

const STATUSES: [&str; 4] = ["active", "pending", "closed", "spam"];
const MAILBOXES: [u64; 3] = [1001, 1002, 1003];

/// What an action's request may meet: kinds for reads (retried) and for writes (retried when
/// safe to repeat, else reported as `unknown-outcome`).
const READ_FAULTS: [&str; 4] = ["503", "reset", "delay=150", "502"];
const WRITE_FAULTS: [&str; 5] = ["applied=500", "reset-after", "503", "reset", "applied=503"];

impl Activity<'_> {
    fn token(&mut self) -> String {
        self.counter += 1;
        format!("{}-{:06}", self.prefix, self.counter)
    }

    /// Sets a fault on the next request of `method` (`None`: reads) with probability `percent`.
    fn maybe_fault(&mut self, rng: &mut Rng, method: Option<&str>, percent: u64) {
        if !rng.chance(percent) {
            return;
        }
        let spec = match method {
            None => format!("{}:GET:/v2:1", rng.pick(&READ_FAULTS)),
            Some(m) => format!("{}:{m}:/v2:1", rng.pick(&WRITE_FAULTS)),
        };
        if let Ok(fault) = spec.parse::<Fault>() {
            self.sim.inject(fault);
            self.faults_set += 1;
        }
    }

    async fn invoke(
        &self,
        name: &str,
        input: &Value,
    ) -> anyhow::Result<Result<Value, ConnectorError>> {
        let out = self
            .runtime
            .invoke(&self.conn, name, &input.to_string())
            .await?;
        self.sim.clear_faults();
        Ok(match out {
            Ok(inv) => Ok(serde_json::from_str(&inv.output_json)?),
            Err(e) => Err(e),
        })
    }

    /// A call that must succeed (reads made to look after an error).
    async fn read(&self, name: &str, input: &Value) -> anyhow::Result<Value> {
        self.sim.clear_faults();
        match self.invoke(name, input).await? {
            Ok(v) => Ok(v),
            Err(e) => anyhow::bail!("{name} failed: {}", crate::error_json::failure(&e)),
        }
    }

    /// The conversation's status and thread texts as Help Scout has them.
    pub async fn look_at(&self, id: u64) -> anyhow::Result<(String, Vec<String>)> {
        let got = self.read("get-conversation", &json!({"id": id})).await?;
        let status = got["status"].as_str().unwrap_or("").to_string();
        let threads = got["_embedded"]["threads"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["body"].as_str().map(str::to_string))
            .collect();
        Ok((status, threads))
    }

    pub async fn create_conversation(
        &mut self,
        model: &mut Model,
        rng: &mut Rng,
    ) -> anyhow::Result<()> {
        let subject = self.token();
        let status = *rng.pick(&["active", "pending", "closed"]);
        let new_email = rng.chance(25).then(|| format!("{subject}@example.com"));
        let customer = match &new_email {
            Some(email) => json!({"email": email, "firstName": "New", "lastName": subject}),
            None => json!({"id": *rng.pick(&model.customers)}),
        };
        let input = json!({"subject": subject, "mailboxId": *rng.pick(&MAILBOXES), "type": "email",
            "status": status, "customer": customer,
            "threads": [{"type": "customer", "customer": customer, "text": format!("{subject}-t")}]});
        self.maybe_fault(rng, Some("POST"), 20);
        let id = match self.invoke("create-conversation", &input).await? {
            Ok(out) => out["id"].as_u64(),
            Err(_) => self.find_subject(&subject).await?,
        };
        let Some(id) = id else { return Ok(()) };
        let got = self.read("get-conversation", &json!({"id": id})).await?;
        let new_customer = new_email.and_then(|_| got["primaryCustomer"]["id"].as_u64());
        model.conversation_created(id, status, &subject, new_customer);
        if let Some(c) = model.conversations.get_mut(&id) {
            c.threads.push(format!("{subject}-t"));
        }
        Ok(())
    }

    /// The conversation with this subject, if the create took effect.
    async fn find_subject(&self, subject: &str) -> anyhow::Result<Option<u64>> {
        let query = format!("(subject:\"{subject}\")");
        let found = self
            .read(
                "find-conversations",
                &json!({"status": "all", "query": query}),
            )
            .await?;
        Ok(found["items"]
            .as_array()
            .and_then(|items| items.first())
            .and_then(|c| c["id"].as_u64()))
    }

    pub async fn create_customer(
        &mut self,
        model: &mut Model,
        rng: &mut Rng,
    ) -> anyhow::Result<()> {
        let name = self.token();
        let input = json!({"firstName": name, "lastName": "Soak"});
        self.maybe_fault(rng, Some("POST"), 20);
        let id = match self.invoke("create-customer", &input).await? {
            Ok(out) => out["id"].as_u64(),
            Err(_) => {
                let found = self
                    .read("find-customers", &json!({"firstName": name}))
                    .await?;
                found["items"][0]["id"].as_u64()
            }
        };
        if let Some(id) = id {
            model.customer_created(id, Some(&name));
        }
        Ok(())
    }

    pub async fn set_status(&mut self, model: &mut Model, rng: &mut Rng) -> anyhow::Result<()> {
        let ids: Vec<u64> = model.conversations.keys().copied().collect();
        let id = *rng.pick(&ids);
        let status = *rng.pick(&STATUSES);
        self.maybe_fault(rng, Some("PATCH"), 15);
        match self
            .invoke("update-conversation", &json!({"id": id, "status": status}))
            .await?
        {
            Ok(_) => model.status_set(id, status),
            Err(_) => {
                let (now, _) = self.look_at(id).await?;
                model.status_set(id, &now);
            }
        }
        Ok(())
    }

    pub async fn add_thread(&mut self, model: &mut Model, rng: &mut Rng) -> anyhow::Result<()> {
        let ids: Vec<u64> = model.conversations.keys().copied().collect();
        let id = *rng.pick(&ids);
        let kind = *rng.pick(&[ThreadKind::Reply, ThreadKind::Note, ThreadKind::Customer]);
        let text = self.token();
        let status = match kind {
            ThreadKind::Reply if rng.chance(30) => Some(*rng.pick(&STATUSES)),
            ThreadKind::Note if rng.chance(30) => {
                Some(*rng.pick(&["active", "pending", "closed", "inbox_predefined"]))
            }
            _ => None,
        };
        let mut input = json!({"conversationId": id, "type": kind.name(), "text": text});
        if let Some(s) = status {
            input["status"] = json!(s);
        }
        self.maybe_fault(rng, Some("POST"), 15);
        let applied = match self.invoke("create-thread", &input).await? {
            Ok(_) => true,
            Err(_) => self.look_at(id).await?.1.contains(&text),
        };
        if applied {
            model.thread_added(id, kind, &text, status);
        }
        Ok(())
    }

    /// A read with a fault on its way (retried inside the component).
    pub async fn read_with_fault(&mut self, model: &Model, rng: &mut Rng) -> anyhow::Result<()> {
        let ids: Vec<u64> = model.conversations.keys().copied().collect();
        self.maybe_fault(rng, None, 100);
        let id = *rng.pick(&ids);
        if let Err(e) = self.invoke("get-conversation", &json!({"id": id})).await? {
            anyhow::bail!(
                "a read failed despite retries: {}",
                crate::error_json::failure(&e)
            );
        }
        Ok(())
    }
}
