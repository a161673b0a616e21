//! A scripted transport for native tests of the client and resources: answers from a list of
//! canned responses and records every request.

use super::http::{Request, Response, Transport, TransportError};
use std::collections::VecDeque;

#[derive(Default)]
pub struct Scripted {
    pub answers: VecDeque<Result<Response, TransportError>>,
    pub sent: Vec<Request>,
}

impl Scripted {
    pub fn json(mut self, status: u16, body: &str) -> Self {
        self.answers.push_back(Ok(Response {
            status,
            headers: vec![("content-type".into(), "application/hal+json".into())],
            body: body.as_bytes().to_vec(),
        }));
        self
    }
}

impl Transport for &mut Scripted {
    fn send(&mut self, request: &Request) -> Result<Response, TransportError> {
        self.sent.push(request.clone());
        self.answers
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::Invalid("no scripted answer left".into())))
    }
}
