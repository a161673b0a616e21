//! Evaluation of parsed search queries against records: a per-resource [`Schema`] names the
//! searchable fields and their kinds, [`compile`] resolves names and checks literals (so bad
//! numbers/dates are 400s even on empty collections), [`Compiled::matches`] tests one record.

use super::query::{Expr, Val, parse};
use crate::time;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Case-insensitive substring match.
    Text,
    /// Case-insensitive whole-value match (tags, statuses).
    Keyword,
    Int,
    /// Unix seconds; literals `yyyy-MM-dd'T'HH:mm:ss'Z'` or `yyyy-MM-dd` (whole day).
    Date,
}

/// Searchable fields of one resource.
pub struct Schema {
    pub fields: &'static [(&'static str, Kind)],
    /// Fields a bare (field-less) word is searched in.
    pub full_text: &'static [&'static str],
}

/// A record's values for one field.
pub enum Values {
    Strs(Vec<String>),
    Nums(Vec<i64>),
}

/// Something a query can be evaluated against; `field` is a name from the schema.
pub trait Record {
    fn values(&self, field: &str) -> Values;
}

#[derive(Debug)]
pub enum Test {
    Contains(String),
    Equals(String),
    NumRange(Option<i64>, Option<i64>),
    StrRange(Option<String>, Option<String>),
    Exists,
}

/// A query resolved against a schema.
#[derive(Debug)]
pub enum Compiled {
    And(Box<Compiled>, Box<Compiled>),
    Or(Box<Compiled>, Box<Compiled>),
    Not(Box<Compiled>),
    Pred { field: &'static str, test: Test },
}

/// Parses and resolves `src`; the error is the validation message for path `query`.
pub fn compile(src: &str, schema: &Schema) -> Result<Compiled, String> {
    resolve(&parse(src)?, schema)
}

fn resolve(expr: &Expr, schema: &Schema) -> Result<Compiled, String> {
    Ok(match expr {
        Expr::And(a, b) => {
            Compiled::And(Box::new(resolve(a, schema)?), Box::new(resolve(b, schema)?))
        }
        Expr::Or(a, b) => {
            Compiled::Or(Box::new(resolve(a, schema)?), Box::new(resolve(b, schema)?))
        }
        Expr::Not(a) => Compiled::Not(Box::new(resolve(a, schema)?)),
        Expr::Term { field: None, value } => full_text(value, schema)?,
        Expr::Term {
            field: Some(name),
            value,
        } => {
            let (field, kind) = schema
                .fields
                .iter()
                .find(|(f, _)| f.eq_ignore_ascii_case(name))
                .copied()
                .ok_or_else(|| format!("Unknown search field '{name}'"))?;
            Compiled::Pred {
                field,
                test: test_for(field, kind, value)?,
            }
        }
    })
}

fn full_text(value: &Val, schema: &Schema) -> Result<Compiled, String> {
    let Val::Text(word) = value else {
        return Err("A range needs a field name".into());
    };
    let preds = schema.full_text.iter().map(|f| Compiled::Pred {
        field: f,
        test: Test::Contains(word.to_lowercase()),
    });
    preds
        .reduce(|a, b| Compiled::Or(Box::new(a), Box::new(b)))
        .ok_or_else(|| "Free-text search is not supported here".into())
}

fn int(field: &str, s: &str) -> Result<i64, String> {
    s.parse()
        .map_err(|_| format!("Invalid number '{s}' for field '{field}'"))
}

/// `(start, end)` of an instant or a whole day.
fn date(field: &str, s: &str) -> Result<(i64, i64), String> {
    if let Some(t) = time::parse(s) {
        return Ok((t, t));
    }
    time::parse_date(s).map(|d| (d, d + 86_399)).ok_or_else(|| {
        format!("Malformed date '{s}' for field '{field}'; expected yyyy-MM-dd'T'HH:mm:ss'Z'")
    })
}

fn test_for(field: &str, kind: Kind, value: &Val) -> Result<Test, String> {
    Ok(match (kind, value) {
        (_, Val::Text(s)) if s == "*" => Test::Exists,
        (Kind::Text, Val::Text(s)) => Test::Contains(s.to_lowercase()),
        (Kind::Keyword, Val::Text(s)) => Test::Equals(s.to_lowercase()),
        (Kind::Int, Val::Text(s)) => {
            let n = int(field, s)?;
            Test::NumRange(Some(n), Some(n))
        }
        (Kind::Date, Val::Text(s)) => {
            let (a, b) = date(field, s)?;
            Test::NumRange(Some(a), Some(b))
        }
        (Kind::Int, Val::Range(a, b)) => Test::NumRange(
            a.as_deref().map(|s| int(field, s)).transpose()?,
            b.as_deref().map(|s| int(field, s)).transpose()?,
        ),
        (Kind::Date, Val::Range(a, b)) => Test::NumRange(
            a.as_deref()
                .map(|s| date(field, s).map(|d| d.0))
                .transpose()?,
            b.as_deref()
                .map(|s| date(field, s).map(|d| d.1))
                .transpose()?,
        ),
        (Kind::Text | Kind::Keyword, Val::Range(a, b)) => Test::StrRange(
            a.as_ref().map(|s| s.to_lowercase()),
            b.as_ref().map(|s| s.to_lowercase()),
        ),
    })
}

impl Test {
    fn matches(&self, values: &Values) -> bool {
        match (self, values) {
            (Test::Exists, Values::Strs(v)) => v.iter().any(|s| !s.is_empty()),
            (Test::Exists, Values::Nums(v)) => !v.is_empty(),
            (Test::Contains(q), Values::Strs(v)) => v.iter().any(|s| s.to_lowercase().contains(q)),
            (Test::Contains(q), Values::Nums(v)) => v.iter().any(|n| n.to_string().contains(q)),
            (Test::Equals(q), Values::Strs(v)) => v.iter().any(|s| s.to_lowercase() == *q),
            (Test::NumRange(lo, hi), Values::Nums(v)) => v
                .iter()
                .any(|n| lo.is_none_or(|lo| *n >= lo) && hi.is_none_or(|hi| *n <= hi)),
            (Test::StrRange(lo, hi), Values::Strs(v)) => v.iter().any(|s| {
                let s = s.to_lowercase();
                lo.as_ref().is_none_or(|lo| s >= *lo) && hi.as_ref().is_none_or(|hi| s <= *hi)
            }),
            _ => false,
        }
    }
}

impl Compiled {
    pub fn matches(&self, rec: &dyn Record) -> bool {
        match self {
            Compiled::And(a, b) => a.matches(rec) && b.matches(rec),
            Compiled::Or(a, b) => a.matches(rec) || b.matches(rec),
            Compiled::Not(a) => !a.matches(rec),
            Compiled::Pred { field, test } => test.matches(&rec.values(field)),
        }
    }
}
