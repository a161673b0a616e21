//! Recursive-descent parser for Help Scout's `query=` search syntax: `field:"quoted"` (with `\"`
//! and `\\` escapes), `field:bare`, `field:("a" OR "b")`, `[a TO b]` ranges with `*`,
//! `AND`/`OR`/`NOT`, parentheses and bare words (full-text). Juxtaposed terms are ANDed.
//!
//! Grammar: `or := and ("OR" and)*`, `and := unary (("AND")? unary)*`,
//! `unary := "NOT" unary | "(" or ")" | term`, `term := FIELD ":" value | value`,
//! `value := "(" or ")" | "[" bound "TO" bound "]" | QUOTED | BARE`.

/// Parsed search expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// `field` is `None` for a bare full-text term.
    Term {
        field: Option<String>,
        value: Val,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Text(String),
    /// Inclusive range; `None` is `*`.
    Range(Option<String>, Option<String>),
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    depth: usize,
    terms: usize,
}

/// Nesting limit for parentheses and `NOT`s, and a cap on terms (evaluation recurses over
/// the tree, so both keep hostile queries off the stack's edge).
const MAX_DEPTH: usize = 64;
const MAX_TERMS: usize = 256;

const KEYWORDS: [&str; 4] = ["AND", "OR", "NOT", "TO"];

fn is_bare_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | '"')
}

fn is_field_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// Parses a whole query; the error text explains what was expected where.
pub fn parse(src: &str) -> Result<Expr, String> {
    let mut p = Parser {
        src,
        pos: 0,
        depth: 0,
        terms: 0,
    };
    if p.at_end() {
        return Err("Empty query".into());
    }
    let expr = p.or(None)?;
    if !p.at_end() {
        return Err(format!("Unexpected input at position {}", p.pos));
    }
    Ok(expr)
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn at_end(&mut self) -> bool {
        self.skip_ws();
        self.rest().is_empty()
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.rest().chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.pos += c.len_utf8();
        }
        hit
    }

    /// Consumes keyword `kw` if it stands alone at the cursor.
    fn keyword(&mut self, kw: &str) -> bool {
        self.skip_ws();
        let rest = self.rest();
        let hit = rest.starts_with(kw) && !rest[kw.len()..].starts_with(is_bare_char);
        if hit {
            self.pos += kw.len();
        }
        hit
    }

    fn or(&mut self, field: Option<&str>) -> Result<Expr, String> {
        let mut left = self.and(field)?;
        while self.keyword("OR") {
            left = Expr::Or(Box::new(left), Box::new(self.and(field)?));
        }
        Ok(left)
    }

    fn and(&mut self, field: Option<&str>) -> Result<Expr, String> {
        let mut left = self.unary(field)?;
        loop {
            let explicit = self.keyword("AND");
            if !explicit && (matches!(self.peek(), None | Some(')')) || self.keyword_ahead("OR")) {
                return Ok(left);
            }
            left = Expr::And(Box::new(left), Box::new(self.unary(field)?));
        }
    }

    /// Whether keyword `kw` stands alone at the cursor, without consuming it.
    fn keyword_ahead(&mut self, kw: &str) -> bool {
        let save = self.pos;
        let hit = self.keyword(kw);
        self.pos = save;
        hit
    }

    fn unary(&mut self, field: Option<&str>) -> Result<Expr, String> {
        self.depth += 1;
        let result = self.unary_inner(field);
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self, field: Option<&str>) -> Result<Expr, String> {
        if self.depth > MAX_DEPTH {
            return Err("Query is nested too deeply".into());
        }
        if self.keyword("NOT") {
            return Ok(Expr::Not(Box::new(self.unary(field)?)));
        }
        if self.eat('(') {
            let inner = self.or(field)?;
            if !self.eat(')') {
                return Err(format!("Expected ')' at position {}", self.pos));
            }
            return Ok(inner);
        }
        self.term(field)
    }

    fn term(&mut self, field: Option<&str>) -> Result<Expr, String> {
        self.terms += 1;
        if self.terms > MAX_TERMS {
            return Err(format!("Too many terms (at most {MAX_TERMS})"));
        }
        self.skip_ws();
        let name_len = self
            .rest()
            .find(|c| !is_field_char(c))
            .unwrap_or(self.rest().len());
        if name_len > 0 && self.rest()[name_len..].starts_with(':') {
            let name = self.rest()[..name_len].to_string();
            self.pos += name_len + 1;
            return self.field_value(&name);
        }
        let value = self.value()?;
        Ok(Expr::Term {
            field: field.map(str::to_string),
            value,
        })
    }

    fn field_value(&mut self, name: &str) -> Result<Expr, String> {
        if self.rest().starts_with(char::is_whitespace) || self.rest().is_empty() {
            return Err(format!("Expected a value after '{name}:'"));
        }
        if self.eat('(') {
            let inner = self.or(Some(name))?;
            if !self.eat(')') {
                return Err(format!("Expected ')' at position {}", self.pos));
            }
            return Ok(inner);
        }
        let value = self.value()?;
        Ok(Expr::Term {
            field: Some(name.to_string()),
            value,
        })
    }

    fn value(&mut self) -> Result<Val, String> {
        match self.peek() {
            Some('[') => {
                self.pos += 1;
                let from = self.bound()?;
                if !self.keyword("TO") {
                    return Err(format!("Expected 'TO' at position {}", self.pos));
                }
                let to = self.bound()?;
                if !self.eat(']') {
                    return Err(format!("Expected ']' at position {}", self.pos));
                }
                Ok(Val::Range(from, to))
            }
            Some('"') => Ok(Val::Text(self.quoted()?)),
            Some(c) if is_bare_char(c) => {
                let word = self.bare();
                if KEYWORDS.contains(&word.as_str()) {
                    return Err(format!("Unexpected operator '{word}'"));
                }
                Ok(Val::Text(word))
            }
            Some(c) => Err(format!("Unexpected '{c}' at position {}", self.pos)),
            None => Err("Unexpected end of query".into()),
        }
    }

    fn bound(&mut self) -> Result<Option<String>, String> {
        let v = match self.peek() {
            Some('"') => self.quoted()?,
            Some(c) if is_bare_char(c) => self.bare(),
            _ => return Err(format!("Expected a range bound at position {}", self.pos)),
        };
        Ok((v != "*").then_some(v))
    }

    fn bare(&mut self) -> String {
        let rest = self.rest();
        let len = rest.find(|c| !is_bare_char(c)).unwrap_or(rest.len());
        let word = rest[..len].to_string();
        self.pos += len;
        word
    }

    fn quoted(&mut self) -> Result<String, String> {
        let start = self.pos;
        self.pos += 1; // opening quote
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, e)) => out.push(e),
                    None => break,
                },
                c => out.push(c),
            }
        }
        Err(format!(
            "Unterminated quoted value starting at position {start}"
        ))
    }
}
