use super::*;

fn ids(found: &[Candidate]) -> Vec<&str> {
    found.iter().map(|c| c.event.event_id.as_str()).collect()
}

#[test]
fn two_changes_are_two_events_and_drafts_change_nothing() {
    let conversation = json!({"id": 9, "status": "active", "_embedded": {"threads": [
        {"id": 1, "createdAt": "2024-01-01T00:00:00Z", "status": "active"},
        {"id": 3, "createdAt": "2024-01-01T00:00:02Z", "status": "active"},
        {"id": 2, "createdAt": "2024-01-01T00:00:01Z", "status": "closed"},
        {"id": 4, "createdAt": "2024-01-01T00:00:03Z", "status": "nochange"},
        {"id": 5, "createdAt": "2024-01-01T00:00:04Z", "status": "closed", "state": "draft"},
    ]}});
    let found = events(ConversationEvent::Status, "t", conversation);
    assert_eq!(
        ids(&found),
        ["convo.status:9:thread-2", "convo.status:9:thread-3"]
    );
    assert_eq!(found[0].event.data["statusChange"]["to"], "closed");
    assert_eq!(found[1].event.data["status"], "active");
}

#[test]
fn a_new_conversation_is_one_event_without_its_threads_and_drafts_are_none() {
    let conversation = json!({"id": 9, "createdAt": "2024-01-01T00:00:00Z",
        "_embedded": {"threads": [{"id": 1}]}});
    let found = events(ConversationEvent::Created, "t", conversation);
    assert_eq!(ids(&found), ["convo.created:9"]);
    assert!(found[0].event.data.get("_embedded").is_none());
    let draft = json!({"id": 9, "createdAt": "2024-01-01T00:00:00Z", "state": "draft"});
    assert!(events(ConversationEvent::Created, "t", draft).is_empty());
}

#[test]
fn replies_and_notes_after_the_first_thread_each_are_an_event() {
    let conversation = json!({"id": 9, "_embedded": {"threads": [
        {"id": 1, "type": "customer", "createdAt": "2024-01-01T00:00:00Z"},
        {"id": 2, "type": "message", "createdAt": "2024-01-01T00:00:01Z"},
        {"id": 3, "type": "note", "createdAt": "2024-01-01T00:00:02Z"},
        {"id": 4, "type": "customer", "createdAt": "2024-01-01T00:00:03Z"},
        {"id": 5, "type": "customer", "createdAt": "2024-01-01T00:00:04Z"},
        {"id": 6, "type": "message", "createdAt": "2024-01-01T00:00:05Z", "state": "draft"},
    ]}});
    let of = |w| ids(&events(w, "t", conversation.clone())).join(" ");
    assert_eq!(
        of(ConversationEvent::CustomerReply),
        "convo.customer.reply.created:9:thread-4 convo.customer.reply.created:9:thread-5"
    );
    assert_eq!(
        of(ConversationEvent::AgentReply),
        "convo.agent.reply.created:9:thread-2"
    );
    assert_eq!(of(ConversationEvent::Note), "convo.note.created:9:thread-3");
    let found = events(ConversationEvent::Note, "t", conversation);
    assert_eq!(found[0].event.data["thread"]["id"], 3);
}

#[test]
fn assignments_are_changes_of_the_assignee_threads_carry() {
    let conversation = json!({"id": 9, "_embedded": {"threads": [
        {"id": 1, "type": "customer", "createdAt": "2024-01-01T00:00:00Z"},
        {"id": 2, "type": "lineitem", "createdAt": "2024-01-01T00:00:01Z", "assignedTo": {"id": 7}},
        {"id": 3, "type": "message", "createdAt": "2024-01-01T00:00:02Z", "assignedTo": {"id": 7}},
        {"id": 4, "type": "lineitem", "createdAt": "2024-01-01T00:00:03Z"},
    ]}});
    let found = events(ConversationEvent::Assignment, "t", conversation);
    assert_eq!(
        ids(&found),
        ["convo.assigned:9:thread-2", "convo.assigned:9:thread-4"]
    );
    assert_eq!(found[0].event.data["assignment"]["to"], 7);
    assert_eq!(found[1].event.data["assignment"]["to"], Value::Null);
}
