//! Writes to a merged conversation. Help Scout answers a write to a conversation merged into
//! another with 404; Get Conversation then answers `301 Moved Permanently` with the surviving
//! conversation's URI in `Location`, for 60 days after the merge ("If you suspect the
//! conversation you are trying to change was merged, call the Get Conversation endpoint to get a
//! new conversation location": Update Thread, Create Note and the other write pages). A write
//! answered 404 changed nothing, so it is sent once more, to that conversation.

use crate::client::{Client, Method, Replay, Transport};
use crate::error::{Error, Result};

/// Runs `write` on conversation `id`; when Help Scout answers 404 and the conversation was
/// merged, runs it once more on the conversation it was merged into. Returns the conversation
/// written to, and what `write` returned.
pub fn following_merge<T, X: Transport>(
    client: &mut Client<X>,
    id: u64,
    mut write: impl FnMut(&mut Client<X>, &str) -> Result<T>,
) -> Result<(u64, T)> {
    match write(client, &id.to_string()) {
        Err(Error::NotFound(problem)) => match merged_into(client, id)? {
            Some(target) if target != id => {
                write(client, &target.to_string()).map(|out| (target, out))
            }
            _ => Err(Error::NotFound(problem)),
        },
        other => other.map(|out| (id, out)),
    }
}

/// The conversation `id` was merged into: the id in the `Location` of Get Conversation's 301.
fn merged_into(client: &mut Client<impl Transport>, id: u64) -> Result<Option<u64>> {
    let url = client
        .base()
        .endpoint(&["conversations", &id.to_string()], &[]);
    let response = client.send(Method::Get, url, None, Replay::Safe)?;
    if !matches!(response.status, 301 | 308) {
        return Ok(None);
    }
    let location = response.header("location").unwrap_or("");
    let path = location.split(['?', '#']).next().unwrap_or("");
    Ok(path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ApiBase;
    use crate::client::testing::Scripted;

    fn patch(client: &mut Client<&mut Scripted>, conversation: &str) -> Result<u16> {
        let body = serde_json::json!({"op": "replace", "path": "/subject", "value": "s"});
        let segments = ["conversations", conversation];
        client
            .write(Method::Patch, &segments, Some(&body), Replay::Safe)
            .map(|r| r.status)
    }

    #[test]
    fn a_write_to_a_merged_conversation_goes_where_the_301_points() {
        let moved = [("Location", "https://api.helpscout.net/v2/conversations/77")];
        let mut t = Scripted::default()
            .status(404, &[])
            .status(301, &moved)
            .status(204, &[]);
        let mut client =
            Client::with_token(&mut t, ApiBase::parse("http://h").unwrap(), "t".into());
        assert_eq!(following_merge(&mut client, 5, patch).unwrap(), (77, 204));
        let urls: Vec<&str> = t.sent.iter().map(|r| r.url.path()).collect();
        assert_eq!(
            urls,
            [
                "/v2/conversations/5",
                "/v2/conversations/5",
                "/v2/conversations/77"
            ]
        );
        assert_eq!(t.sent[1].method, Method::Get);

        let mut t = Scripted::default().status(404, &[]).status(404, &[]);
        let mut client =
            Client::with_token(&mut t, ApiBase::parse("http://h").unwrap(), "t".into());
        assert!(matches!(
            following_merge(&mut client, 5, patch),
            Err(Error::NotFound(_))
        ));
    }
}
