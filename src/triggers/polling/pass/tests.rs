use super::*;
use crate::client::ApiBase;
use crate::client::testing::Scripted;
use serde_json::json;

fn thread(id: u64, at: &str, status: &str) -> Value {
    json!({"id": id, "type": "lineitem", "state": "published", "status": status,
           "createdAt": format!("2024-01-01T10:00:{at}Z")})
}

fn conversation(id: u64, number: u64, threads: Vec<Value>) -> Value {
    json!({"id": id, "number": number, "status": "active", "createdAt": "2024-01-01T09:00:00Z",
           "_embedded": {"threads": threads}})
}

fn page(items: Vec<Value>, next: bool) -> String {
    let mut doc = json!({"_embedded": {"conversations": items}, "_links": {}});
    if next {
        doc["_links"]["next"] = json!({"href": "http://h/v2/conversations/?page=2"});
    }
    doc.to_string()
}

fn date(second: &str) -> String {
    format!("Mon, 01 Jan 2024 10:00:{second} GMT")
}

fn run_with(t: &mut Scripted, cursor: &Cursor, limit: usize, scan: usize) -> Found {
    let mut client = Client::with_token(t, ApiBase::parse("http://h").unwrap(), "tok".into());
    run(
        &mut client,
        ("t", ConversationEvent::Status),
        cursor,
        (limit, scan),
    )
    .unwrap()
}

fn ids(found: &Found) -> Vec<&str> {
    found
        .events
        .iter()
        .map(|c| c.event.event_id.as_str())
        .collect()
}

/// A changed early and noted later, B changed in between: in `modifiedAt` order B comes first
/// and a scan cut after it moved the cursor past A's change. In number order nothing is lost.
#[test]
fn a_scan_cut_at_its_bound_loses_no_older_change() {
    let a = conversation(
        1,
        101,
        vec![thread(11, "00", "active"), thread(12, "01", "closed")],
    );
    let b = conversation(
        2,
        102,
        vec![thread(21, "00", "active"), thread(22, "05", "pending")],
    );
    let list = page(vec![a.clone(), b], false);
    let start = Cursor::at("2024-01-01T10:00:00Z".into());
    let mut t = Scripted::default().dated(&list, &date("10"));
    let first = run_with(&mut t, &start, 100, 1);
    assert_eq!(ids(&first), ["convo.status:1:thread-12"]);
    let url = t.sent[0].url.as_str();
    assert!(
        url.contains("modifiedSince=2024-01-01T09%3A59%3A59Z"),
        "one second early: {url}"
    );
    assert!(
        url.contains("sortField=number&sortOrder=asc&embed=threads&page=1"),
        "{url}"
    );
    let pass = first.cursor.pass.clone().unwrap();
    assert_eq!(
        (pass.number, pass.until.as_str()),
        (102, "2024-01-01T10:00:10Z")
    );

    let mut t = Scripted::default().dated(&list, &date("11"));
    let second = run_with(&mut t, &first.cursor, 100, 1);
    assert_eq!(ids(&second), ["convo.status:2:thread-22"]);
    assert_eq!(
        second.cursor.since, "2024-01-01T10:00:09Z",
        "the pass ended"
    );
    assert_eq!(second.cursor.pass, None);

    let mut t = Scripted::default().dated(&page(vec![a], false), &date("20"));
    let third = run_with(&mut t, &second.cursor, 100, 10);
    assert!(third.events.is_empty(), "nothing twice");
}

#[test]
fn a_change_in_the_second_of_a_read_is_reported_once() {
    let start = Cursor::at("2024-01-01T10:00:00Z".into());
    let before = conversation(
        1,
        101,
        vec![thread(4, "00", "active"), thread(5, "10", "closed")],
    );
    let mut t = Scripted::default().dated(&page(vec![before], false), &date("10"));
    let first = run_with(&mut t, &start, 100, 10);
    assert_eq!(ids(&first), ["convo.status:1:thread-5"]);
    assert_eq!(
        (first.cursor.since.as_str(), first.cursor.seen.clone()),
        ("2024-01-01T10:00:09Z", vec![5])
    );
    // Thread 6 came in the same second, after the read.
    let after = conversation(
        1,
        101,
        vec![
            thread(4, "00", "active"),
            thread(5, "10", "closed"),
            thread(6, "10", "active"),
        ],
    );
    let mut t = Scripted::default().dated(&page(vec![after], false), &date("11"));
    let second = run_with(&mut t, &first.cursor, 100, 10);
    assert_eq!(ids(&second), ["convo.status:1:thread-6"]);
    assert_eq!(
        (second.cursor.since.as_str(), second.cursor.seen.clone()),
        ("2024-01-01T10:00:10Z", vec![5, 6])
    );
}

#[test]
fn a_poll_full_of_events_goes_on_inside_a_conversation() {
    let threads = vec![
        thread(1, "00", "active"),
        thread(2, "01", "closed"),
        thread(3, "02", "active"),
        thread(4, "03", "pending"),
    ];
    let list = page(vec![conversation(1, 101, threads)], false);
    let start = Cursor::at("2024-01-01T10:00:00Z".into());
    let mut t = Scripted::default().dated(&list, &date("10"));
    let first = run_with(&mut t, &start, 2, 10);
    assert_eq!(
        ids(&first),
        ["convo.status:1:thread-2", "convo.status:1:thread-3"]
    );
    let pass = first.cursor.pass.clone().unwrap();
    assert_eq!((pass.number, pass.skip), (101, 2));
    let mut t = Scripted::default().dated(&list, &date("11"));
    let second = run_with(&mut t, &first.cursor, 2, 10);
    assert_eq!(ids(&second), ["convo.status:1:thread-4"]);
    assert!(second.cursor.pass.is_none());
}

#[test]
fn a_resumed_pass_steps_back_when_conversations_left_the_list() {
    let cursor = Cursor {
        since: "2024-01-01T10:00:00Z".into(),
        seen: Vec::new(),
        pass: Some(Pass {
            until: "2024-01-01T10:00:30Z".into(),
            number: 130,
            skip: 0,
            page: 2,
            seen: Vec::new(),
        }),
    };
    let changed = |id, number| {
        conversation(
            id,
            number,
            vec![
                thread(id * 10, "00", "active"),
                thread(id * 10 + 1, "05", "closed"),
            ],
        )
    };
    let mut t = Scripted::default()
        .dated(&page(vec![changed(31, 131)], false), &date("40"))
        .dated(
            &page(vec![changed(29, 129), changed(30, 130)], true),
            &date("40"),
        )
        .dated(&page(vec![changed(31, 131)], false), &date("40"));
    let found = run_with(&mut t, &cursor, 100, 100);
    let pages: Vec<&str> = t
        .sent
        .iter()
        .map(|r| &r.url.as_str()[r.url.as_str().len() - 6..])
        .collect();
    assert_eq!(pages, ["page=2", "page=1", "page=2"]);
    assert_eq!(
        ids(&found),
        ["convo.status:30:thread-301", "convo.status:31:thread-311"]
    );
}
