//! Tests of the seeded demo data: ids, counts, variety, ties and determinism.

use super::*;
use crate::model::{State, Status};
use crate::render::{conversation, customer};

#[test]
fn seeded_ids_and_counts() {
    let st = build(1, 10, 150);
    assert_eq!(
        st.mailboxes.iter().map(|m| m.id).collect::<Vec<_>>(),
        MAILBOX_IDS
    );
    let users: Vec<u64> = st.users.iter().map(|u| u.id).collect();
    assert_eq!(users[..4], USER_IDS);
    assert_eq!(users, (301..=360).collect::<Vec<_>>());
    let mut emails: Vec<&str> = st.users.iter().map(|u| u.email.as_str()).collect();
    emails.sort();
    emails.dedup();
    assert_eq!(emails.len(), 60, "distinct emails");
    for t in &st.teams {
        assert!(t.members.iter().all(|m| st.user(*m).is_some()), "{}", t.id);
    }
    assert_eq!(st.customers.len(), 60);
    assert_eq!(st.customers.keys().next(), Some(&7_000_001));
    assert_eq!(st.customers.keys().last(), Some(&7_000_060));
    assert_eq!(st.conversations.len(), 150);
    assert_eq!(st.conversations.keys().next(), Some(&5_000_001));
    assert_eq!(st.conversations.keys().last(), Some(&5_000_150));
    assert_eq!(st.ids.conversation, 5_000_151);
    assert_eq!(st.ids.number, 1151);
    for m in &st.mailboxes {
        let kinds: Vec<&str> = m.fields.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            ["dropdown", "number", "date", "singleline", "multiline"]
        );
        assert_eq!(m.folders.len(), 7);
    }
}

#[test]
fn data_is_varied() {
    let st = build(1, 10, 150);
    let convs: Vec<_> = st.conversations.values().collect();
    for s in [
        Status::Active,
        Status::Pending,
        Status::Closed,
        Status::Spam,
    ] {
        assert!(convs.iter().filter(|c| c.status == s).count() >= 5, "{s:?}");
    }
    for m in MAILBOX_IDS {
        assert!(convs.iter().filter(|c| c.mailbox_id == m).count() >= 20);
    }
    assert!(convs.iter().any(|c| c.assignee.is_none()));
    assert!(convs.iter().all(|c| (1..=4).contains(&c.threads.len())));
    let mut created: Vec<i64> = convs.iter().map(|c| c.created_at).collect();
    created.dedup();
    assert_eq!(created.len(), 150, "distinct createdAt");
    let mut modified: Vec<i64> = convs.iter().map(|c| c.modified_at).collect();
    modified.sort();
    let ties = modified.windows(2).filter(|w| w[0] == w[1]).count();
    assert!(ties >= 10, "{ties}");
    assert!(convs.iter().all(|c| c.modified_at >= c.created_at));
}

#[test]
fn deterministic_across_runs() {
    let (a, b) = (build(1, 10, 150), build(99, 10, 150));
    for id in [5_000_001, 5_000_077, 5_000_150] {
        let render = |st: &State| conversation(st, "http://x", &st.conversations[&id], true);
        assert_eq!(render(&a), render(&b));
    }
    assert_eq!(
        customer("http://x", &a.customers[&7_000_033]),
        customer("http://x", &b.customers[&7_000_033])
    );
}

#[test]
fn larger_seed_keeps_the_first_150_and_adds_distinct_lighter_ones() {
    let (small, big) = (build(1, 10, 150), build(1, 10, 2_000));
    assert_eq!(big.conversations.len(), 2_000);
    assert_eq!(big.conversations.keys().last(), Some(&5_002_000));
    assert_eq!(big.ids.conversation, 5_002_001);
    assert_eq!(big.ids.number, 3001);
    for id in [5_000_001, 5_000_077, 5_000_150] {
        let render = |st: &State| conversation(st, "http://x", &st.conversations[&id], true);
        assert_eq!(render(&small), render(&big));
    }
    let extra: Vec<_> = big.conversations.values().skip(150).collect();
    assert!(extra.iter().all(|c| (1..=2).contains(&c.threads.len())));
    for m in MAILBOX_IDS {
        assert!(extra.iter().filter(|c| c.mailbox_id == m).count() >= 300);
    }
    let customers: std::collections::BTreeSet<_> =
        extra.iter().map(|c| c.primary_customer).collect();
    assert_eq!(customers.len(), 60);
    let mut created: Vec<i64> = big.conversations.values().map(|c| c.created_at).collect();
    created.sort();
    created.dedup();
    assert_eq!(created.len(), 2_000, "distinct createdAt");
    let renders = |st: &State| conversation(st, "http://x", &st.conversations[&5_001_999], true);
    assert_eq!(
        renders(&big),
        renders(&build(7, 10, 2_000)),
        "deterministic"
    );
    assert_eq!(build(1, 10, 20).conversations.len(), 20);
}
