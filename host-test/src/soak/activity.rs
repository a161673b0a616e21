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
const USERS: [u64; 4] = [301, 302, 303, 304];

/// A conversation as Help Scout has it.
pub struct Seen {
    pub status: String,
    pub assignee: Option<u64>,
    pub tags: Vec<String>,
    pub threads: Vec<String>,
}

/// An assignee, or nobody one time in four.
fn someone(rng: &mut Rng) -> Option<u64> {
    (!rng.chance(25)).then(|| *rng.pick(&USERS))
}
const MAILBOXES: [u64; 3] = [1001, 1002, 1003];

/// What an action's request may meet: kinds for reads (retried) and for writes (retried when
/// safe to repeat, else reported as `unknown-outcome`).
const READ_FAULTS: [&str; 5] = ["503", "reset", "delay=150", "502", "429=1"];
const WRITE_FAULTS: [&str; 6] = [
    "applied=500",
    "reset-after",
    "503",
    "reset",
    "applied=503",
    "429=1",
];

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

    /// Sets a fault on the next read with probability `percent` (a poll on its way).
    pub fn fault_next_read(&mut self, rng: &mut Rng, percent: u64) {
        self.maybe_fault(rng, None, percent);
    }

    /// Takes off a fault nothing hit.
    pub fn clear_faults(&self) {
        self.sim.clear_faults();
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

    /// The conversation as Help Scout has it.
    pub async fn look_at(&self, id: u64) -> anyhow::Result<Seen> {
        let got = self.read("get-conversation", &json!({"id": id})).await?;
        let texts = |list: &Value, key: &str| -> Vec<String> {
            let items = list.as_array().into_iter().flatten();
            items
                .filter_map(|t| t[key].as_str().map(str::to_string))
                .collect()
        };
        Ok(Seen {
            status: got["status"].as_str().unwrap_or("").to_string(),
            assignee: got["assignee"]["id"].as_u64(),
            tags: texts(&got["tags"], "tag"),
            threads: texts(&got["_embedded"]["threads"], "body"),
        })
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
        let assignee = someone(rng);
        let input = json!({"subject": subject, "mailboxId": *rng.pick(&MAILBOXES), "type": "email",
            "status": status, "customer": customer, "assignTo": assignee,
            "threads": [{"type": "customer", "customer": customer, "text": format!("{subject}-t")}]});
        self.maybe_fault(rng, Some("POST"), 20);
        let id = match self.invoke("create-conversation", &input).await? {
            Ok(out) => out["id"].as_u64(),
            Err(_) => self.find_subject(&subject).await?,
        };
        let Some(id) = id else { return Ok(()) };
        let got = self.read("get-conversation", &json!({"id": id})).await?;
        let new_customer = new_email.and_then(|_| got["primaryCustomer"]["id"].as_u64());
        model.conversation_created((id, status, assignee), &subject, new_customer);
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

    /// A status, an assignee, or tags added or taken off, or several at once.
    pub async fn update_conversation(
        &mut self,
        model: &mut Model,
        rng: &mut Rng,
    ) -> anyhow::Result<()> {
        let ids: Vec<u64> = model.conversations.keys().copied().collect();
        let id = *rng.pick(&ids);
        let Some(before) = model.conversations.get(&id).cloned() else {
            return Ok(());
        };
        let mut input = json!({"id": id});
        let status = rng.chance(60).then(|| *rng.pick(&STATUSES));
        if let Some(s) = status {
            input["status"] = json!(s);
        }
        let assignee = rng.chance(35).then(|| someone(rng));
        if let Some(a) = assignee {
            input["assignTo"] = json!(a);
        }
        let mut tags = before.tags.clone();
        if rng.chance(30) || (status.is_none() && assignee.is_none()) {
            match tags.first().cloned().filter(|_| rng.chance(40)) {
                Some(gone) => {
                    input["removeTags"] = json!([gone]);
                    tags.retain(|t| *t != gone);
                }
                None => {
                    let added = self.token();
                    input["addTags"] = json!([added]);
                    tags.push(added);
                }
            }
        }
        let method = *rng.pick(&["PATCH", "PUT"]);
        self.maybe_fault(rng, Some(method), 15);
        match self.invoke("update-conversation", &input).await? {
            Ok(_) => {
                if let Some(s) = status {
                    model.status_set(id, s);
                }
                if let Some(a) = assignee {
                    model.assigned(id, a);
                }
                if tags != before.tags {
                    model.tagged(id, tags);
                }
            }
            Err(_) => {
                let now = self.look_at(id).await?;
                model.status_set(id, &now.status);
                model.assigned(id, now.assignee);
                if sorted(&now.tags) != sorted(&before.tags) {
                    model.tagged(id, now.tags);
                }
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
        // A reply always says who has the conversation after it (the default depends on the
        // mailbox's settings).
        let assign = (kind == ThreadKind::Reply).then(|| someone(rng));
        if let Some(a) = assign {
            input["assignTo"] = json!(a);
        }
        self.maybe_fault(rng, Some("POST"), 15);
        let applied = match self.invoke("create-thread", &input).await? {
            Ok(_) => true,
            Err(_) => self.look_at(id).await?.threads.contains(&text),
        };
        if applied {
            model.thread_added((id, kind, &text), status, assign);
        }
        Ok(())
    }

    /// A customer's job title changed.
    pub async fn update_customer(
        &mut self,
        model: &mut Model,
        rng: &mut Rng,
    ) -> anyhow::Result<()> {
        let id = *rng.pick(&model.customers);
        let title = self.token();
        self.maybe_fault(rng, Some("PATCH"), 15);
        let applied = match self
            .invoke("update-customer", &json!({"id": id, "jobTitle": title}))
            .await?
        {
            Ok(_) => true,
            Err(_) => {
                let got = self.read("get-customer", &json!({"id": id})).await?;
                got["jobTitle"] == title.as_str()
            }
        };
        if applied {
            model.customer_updated(id);
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

fn sorted(tags: &[String]) -> Vec<String> {
    let mut tags = tags.to_vec();
    tags.sort();
    tags
}
