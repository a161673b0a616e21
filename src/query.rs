//! A small builder for Help Scout's search syntax (`query=`): quoted `field:"value"` terms with
//! `\` and `"` escaped, so no value can open or close a parenthesis or a quote, combined with
//! AND/OR. A raw query from the user is passed through untouched (parenthesised when combined).

/// One search expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query(String);

impl Query {
    /// `(field:"value")` with the value escaped.
    pub fn term(field: &str, value: &str) -> Self {
        Query(format!("({field}:{})", quote(value)))
    }

    /// A user's own expression, kept as written.
    pub fn raw(expression: &str) -> Self {
        Query(expression.trim().to_string())
    }

    /// All of `parts` (`None` when empty); a lone part is returned as it is.
    pub fn all(parts: Vec<Query>) -> Option<Query> {
        Self::join(parts, " AND ")
    }

    fn join(parts: Vec<Query>, operator: &str) -> Option<Query> {
        let parts: Vec<Query> = parts.into_iter().filter(|q| !q.0.is_empty()).collect();
        match parts.len() {
            0 => None,
            1 => parts.into_iter().next(),
            _ => {
                let wrapped: Vec<String> = parts.iter().map(Query::grouped).collect();
                Some(Query(format!("({})", wrapped.join(operator))))
            }
        }
    }

    /// The expression in parentheses unless it already is one group.
    fn grouped(&self) -> String {
        if is_one_group(&self.0) {
            self.0.clone()
        } else {
            format!("({})", self.0)
        }
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// `"value"` with backslashes and quotes escaped.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Whether the text is a single parenthesised group, e.g. `(a OR b)` but not `(a) OR (b)`.
fn is_one_group(text: &str) -> bool {
    if !text.starts_with('(') || !text.ends_with(')') {
        return false;
    }
    let (mut depth, mut quoted, mut escaped) = (0i32, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth -= 1;
                if depth == 0 && i + 1 < text.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_escape_quotes_and_backslashes() {
        assert_eq!(
            Query::term("email", "a@b.com").into_string(),
            r#"(email:"a@b.com")"#
        );
        assert_eq!(
            Query::term("subject", r#"say "hi" \o/ (now)"#).into_string(),
            r#"(subject:"say \"hi\" \\o/ (now)")"#
        );
    }

    #[test]
    fn combinations_group_each_part() {
        let q = Query::all(vec![
            Query::term("email", "a@b.com"),
            Query::raw(r#"firstName:"A" OR lastName:"B""#),
        ]);
        assert_eq!(
            q.unwrap().into_string(),
            r#"((email:"a@b.com") AND (firstName:"A" OR lastName:"B"))"#
        );
        let q = Query::all(vec![Query::raw("(a:1) OR (b:2)"), Query::raw("(c:3)")]);
        assert_eq!(q.unwrap().into_string(), "(((a:1) OR (b:2)) AND (c:3))");
        assert_eq!(
            Query::all(vec![Query::raw(" (x:1) ")])
                .unwrap()
                .into_string(),
            "(x:1)"
        );
        assert_eq!(Query::all(vec![]), None);
    }
}
