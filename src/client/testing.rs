//! A scripted transport for native tests of the client and resources: answers from a list of
//! canned responses and records every request.

use super::request::{Request, Response, Transport, TransportError};
use std::collections::VecDeque;

#[derive(Default)]
pub struct Scripted {
    pub answers: VecDeque<Result<Response, TransportError>>,
    pub sent: Vec<Request>,
    /// Every pause asked for, in milliseconds (nothing really waits).
    pub pauses: Vec<u64>,
}

impl Scripted {
    /// Adds a response with these headers and an empty body.
    pub fn status(mut self, status: u16, headers: &[(&str, &str)]) -> Self {
        let headers = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.answers.push_back(Ok(Response {
            status,
            headers,
            body: Vec::new(),
        }));
        self
    }

    /// Adds a transport failure.
    pub fn fail(mut self, error: TransportError) -> Self {
        self.answers.push_back(Err(error));
        self
    }

    /// Adds a JSON answer stamped with Help Scout's `Date` (IMF-fixdate).
    pub fn dated(mut self, body: &str, date: &str) -> Self {
        self.answers.push_back(Ok(Response {
            status: 200,
            headers: vec![
                ("content-type".into(), "application/hal+json".into()),
                ("date".into(), date.into()),
            ],
            body: body.as_bytes().to_vec(),
        }));
        self
    }

    pub fn json(mut self, status: u16, body: &str) -> Self {
        self.answers.push_back(Ok(Response {
            status,
            headers: vec![("content-type".into(), "application/hal+json".into())],
            body: body.as_bytes().to_vec(),
        }));
        self
    }
}

impl Transport for Scripted {
    fn send(&mut self, request: &Request) -> Result<Response, TransportError> {
        self.sent.push(request.clone());
        self.answers
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::Invalid("no scripted answer left".into())))
    }

    fn pause(&mut self, millis: u64) {
        self.pauses.push(millis);
    }

    fn jitter(&mut self) -> f64 {
        0.5
    }
}
