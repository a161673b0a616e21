//! The search-query language through the public API: the parser (`search::parse`) and the
//! evaluation of compiled queries against a test schema (`search::compile`).

use helpscout_simulator::search::{Expr, Kind, Record, Schema, Val, Values, compile, parse};

fn term(field: &str, v: &str) -> Expr {
    Expr::Term {
        field: Some(field.into()),
        value: Val::Text(v.into()),
    }
}

fn and(a: Expr, b: Expr) -> Expr {
    Expr::And(Box::new(a), Box::new(b))
}

fn or(a: Expr, b: Expr) -> Expr {
    Expr::Or(Box::new(a), Box::new(b))
}

#[test]
fn simple_terms() {
    assert_eq!(
        parse(r#"(subject:"rainbow")"#).unwrap(),
        term("subject", "rainbow")
    );
    assert_eq!(parse("tag:fire").unwrap(), term("tag", "fire"));
    assert_eq!(parse("(number:123)").unwrap(), term("number", "123"));
    assert_eq!(
        parse(r#"subject:"have a question""#).unwrap(),
        term("subject", "have a question")
    );
}

#[test]
fn escapes_inside_quotes() {
    assert_eq!(
        parse(r#"subject:"say \"hi\" \\ bye""#).unwrap(),
        term("subject", r#"say "hi" \ bye"#)
    );
    assert!(parse(r#"subject:"unterminated"#).is_err());
}

#[test]
fn boolean_operators_and_precedence() {
    let q = r#"(subject:"coffee" OR subject:"tea") AND NOT tag:spam"#;
    let expected = and(
        or(term("subject", "coffee"), term("subject", "tea")),
        Expr::Not(Box::new(term("tag", "spam"))),
    );
    assert_eq!(parse(q).unwrap(), expected);
    // AND binds tighter than OR; juxtaposition is AND.
    assert_eq!(
        parse("a:1 OR b:2 c:3").unwrap(),
        or(term("a", "1"), and(term("b", "2"), term("c", "3")))
    );
    assert_eq!(
        parse(r#"(NOT email:"spam@domain.com")"#).unwrap(),
        Expr::Not(Box::new(term("email", "spam@domain.com")))
    );
}

#[test]
fn grouped_values_take_the_field() {
    assert_eq!(
        parse(r#"email:("john@appleseed.com" OR "johnappleseed@gmail.com")"#).unwrap(),
        or(
            term("email", "john@appleseed.com"),
            term("email", "johnappleseed@gmail.com")
        )
    );
}

#[test]
fn ranges() {
    assert_eq!(
        parse("(modifiedAt:[2024-01-01T00:00:00Z TO *])").unwrap(),
        Expr::Term {
            field: Some("modifiedAt".into()),
            value: Val::Range(Some("2024-01-01T00:00:00Z".into()), None)
        }
    );
    assert!(parse("createdAt:[2024-01-01T00:00:00Z 2024]").is_err());
    assert!(parse("createdAt:[2024-01-01T00:00:00Z TO *").is_err());
}

#[test]
fn bare_words_and_operator_words() {
    assert_eq!(
        parse("ORDER refund").unwrap(),
        and(
            Expr::Term {
                field: None,
                value: Val::Text("ORDER".into())
            },
            Expr::Term {
                field: None,
                value: Val::Text("refund".into())
            }
        )
    );
}

#[test]
fn malformed_queries() {
    for bad in [
        "",
        "  ",
        "(subject:x",
        "subject:x)",
        "subject:",
        "a:1 OR",
        "NOT",
        "AND a:1",
        ")",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} should not parse");
    }
    let deep = format!("{}a:1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(parse(&deep).is_err());
    assert!(parse(&"NOT ".repeat(10_000)).is_err());
    assert!(parse("a:1 OR ".repeat(300).trim_end_matches(" OR ")).is_err());
    let ok = format!("{}a:1{}", "(".repeat(20), ")".repeat(20));
    assert_eq!(parse(&ok).unwrap(), term("a", "1"));
}

struct Rec {
    subject: &'static str,
    tags: Vec<&'static str>,
    number: i64,
    created: i64,
}

impl Record for Rec {
    fn values(&self, field: &str) -> Values {
        match field {
            "subject" => Values::Strs(vec![self.subject.into()]),
            "tag" => Values::Strs(self.tags.iter().map(|t| t.to_string()).collect()),
            "number" => Values::Nums(vec![self.number]),
            "createdAt" => Values::Nums(vec![self.created]),
            _ => Values::Strs(vec![]),
        }
    }
}

const SCHEMA: Schema = Schema {
    fields: &[
        ("subject", Kind::Text),
        ("tag", Kind::Keyword),
        ("number", Kind::Int),
        ("createdAt", Kind::Date),
    ],
    full_text: &["subject"],
};

#[test]
fn evaluation() {
    let t = helpscout_simulator::time::parse("2024-05-05T10:00:00Z").unwrap();
    let r = Rec {
        subject: "Refund for Order #12",
        tags: vec!["vip", "billing"],
        number: 1005,
        created: t,
    };
    let yes = |q: &str| compile(q, &SCHEMA).unwrap().matches(&r);
    assert!(yes(r#"subject:"refund for""#));
    assert!(yes("refund"));
    assert!(!yes("subject:bug"));
    assert!(yes("tag:VIP"));
    assert!(!yes("tag:vi"));
    assert!(yes("tag:(bug OR billing)"));
    assert!(yes("number:1005 AND NOT tag:bug"));
    assert!(yes("number:[1000 TO *]"));
    assert!(!yes("number:[* TO 1004]"));
    assert!(yes(
        "createdAt:[2024-05-05T10:00:00Z TO 2024-05-05T10:00:00Z]"
    ));
    assert!(yes("createdAt:2024-05-05"));
    assert!(!yes("createdAt:[2024-05-06T00:00:00Z TO *]"));
    assert!(yes("Subject:*"));
}

#[test]
fn compile_errors() {
    for bad in [
        "unknown:x",
        "number:abc",
        "createdAt:[2024-01-01T00:00:00.000Z TO *]",
        "createdAt:yesterday",
        "[a TO b]",
    ] {
        assert!(compile(bad, &SCHEMA).is_err(), "{bad}");
    }
}
