//! A thread's attachment (`{fileName, mimeType, data}` in base64, at most 10 MB: Create
//! Attachment), checked before the upload Help Scout would otherwise refuse with a 400 or 413.

use crate::error::{Error, Result};
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// Help Scout's limit for one attachment (Create Attachment accepts 10 MB).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// A file to attach, base64-encoded as Help Scout expects.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attachment {
    pub file_name: String,
    pub mime_type: String,
    /// The file's bytes, base64.
    #[cfg_attr(test, schemars(extend("contentEncoding" = "base64")))]
    pub data: String,
}

impl Attachment {
    /// The name, type and data must be sane, the data valid base64 within 10 MB once decoded.
    pub fn validate(&self, path: &str) -> Result<()> {
        let name = self.file_name.trim();
        if name.is_empty() || name.len() > 255 || name.contains(['/', '\\', '\0']) {
            return Err(Error::invalid(
                format!("{path}.fileName"),
                "must be a plain file name",
            ));
        }
        let (kind, sub) = self.mime_type.split_once('/').unwrap_or(("", ""));
        let token = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        };
        if !token(kind) || !token(sub.split(';').next().unwrap_or("")) {
            return Err(Error::invalid(
                format!("{path}.mimeType"),
                "must look like type/subtype",
            ));
        }
        // Checked on the encoded length first so an absurd input is never decoded.
        if self.data.len() / 4 * 3 > MAX_ATTACHMENT_BYTES + 3 {
            return Err(Error::invalid(
                format!("{path}.data"),
                "is larger than Help Scout's 10 MB limit",
            ));
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(self.data.trim())
            .map_err(|_| Error::invalid(format!("{path}.data"), "is not valid base64"))?;
        if decoded.len() > MAX_ATTACHMENT_BYTES {
            return Err(Error::invalid(
                format!("{path}.data"),
                "is larger than Help Scout's 10 MB limit",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachment(name: &str, mime: &str, data: &str) -> Attachment {
        Attachment {
            file_name: name.into(),
            mime_type: mime.into(),
            data: data.into(),
        }
    }

    fn path_of(result: Result<()>) -> String {
        match result {
            Err(Error::Validation(f)) => f[0].path.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn attachments_are_checked_before_upload() {
        assert!(
            attachment("file.txt", "text/plain", "ZmlsZQ==")
                .validate("a")
                .is_ok()
        );
        assert_eq!(
            path_of(attachment("../x", "text/plain", "ZmlsZQ==").validate("a")),
            "a.fileName"
        );
        assert_eq!(
            path_of(attachment("f", "text", "ZmlsZQ==").validate("a")),
            "a.mimeType"
        );
        assert_eq!(
            path_of(attachment("f", "text/plain", "not base64!").validate("a")),
            "a.data"
        );
        let huge = "A".repeat((MAX_ATTACHMENT_BYTES / 3 + 2) * 4);
        assert_eq!(
            path_of(attachment("f", "text/plain", &huge).validate("a")),
            "a.data"
        );
    }
}
