//! Outgoing email: templates in two languages and a `Mailer` over lettre with an SMTP and a
//! file backend. Logs carry the message id, never the address.

pub mod templates;

use std::{path::PathBuf, time::Duration};

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart, header::HeaderName, header::HeaderValue},
};

pub use templates::{Rendered, render};

/// How long one SMTP conversation may take before it counts as a temporary failure.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// One email, addressed and rendered.
pub struct Outgoing<'a> {
    /// Deterministic per outbox row, so a retry repeats the same Message-ID.
    pub message_id: String,
    pub dedupe_key: &'a str,
    pub to_address: &'a str,
    pub to_name: &'a str,
    pub content: Rendered,
}

/// Why an email was not sent.
#[derive(Debug, thiserror::Error)]
#[error("{summary}: {detail}")]
pub struct EmailError {
    /// Worth trying again later (refused connection, timeout, a 4xx reply, a disk hiccup),
    /// or never going to succeed as it is (a 5xx reply, a message that cannot be built).
    pub temporary: bool,
    /// Safe to log: a reply code or a kind of failure, never an address.
    pub summary: String,
    /// The whole story, which may quote the recipient (servers do): kept with the outbox
    /// row, not logged.
    pub detail: String,
}

impl EmailError {
    pub fn temporary(summary: impl Into<String>, detail: impl ToString) -> Self {
        Self {
            temporary: true,
            summary: summary.into(),
            detail: detail.to_string(),
        }
    }

    pub fn permanent(summary: impl Into<String>, detail: impl ToString) -> Self {
        Self {
            temporary: false,
            summary: summary.into(),
            detail: detail.to_string(),
        }
    }

    fn from_smtp(e: lettre::transport::smtp::Error) -> Self {
        let summary = match e.status() {
            Some(code) => format!("smtp reply {code}"),
            None if e.is_timeout() => "smtp timeout".to_owned(),
            None => "smtp connection or protocol error".to_owned(),
        };
        Self {
            temporary: !e.is_permanent(),
            summary,
            detail: e.to_string(),
        }
    }
}

/// Where emails go.
#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// `<dir>/<outbox row id>.eml`, written atomically; for the embedded setup.
    Files { dir: PathBuf, from: Mailbox },
}

impl Mailer {
    /// SMTP when `smtp_url` is given (`smtp://host:port`, `smtps://…`, with `?tls=required`
    /// for STARTTLS), else files under `files_dir`.
    pub fn new(smtp_url: Option<&str>, files_dir: PathBuf, from: &str) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("HOSTMATCH_MAIL_FROM: {e}"))?;
        match smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("HOSTMATCH_SMTP_URL: {e}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Ok(Self::Smtp { transport, from })
            }
            None => Ok(Self::Files {
                dir: files_dir,
                from,
            }),
        }
    }

    fn from(&self) -> &Mailbox {
        match self {
            Self::Smtp { from, .. } | Self::Files { from, .. } => from,
        }
    }

    /// Builds the MIME message. Names and subjects are encoded by lettre, so no value can
    /// add a header.
    pub fn build_message(&self, email: &Outgoing<'_>) -> Result<Message, EmailError> {
        let to_address = email
            .to_address
            .parse()
            .map_err(|e| EmailError::permanent("invalid recipient address", e))?;
        // lettre panics while formatting a name with a line break, and a name has no use
        // for control characters anyway: they become spaces.
        let name: String = email
            .to_name
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let to = Mailbox::new(Some(name), to_address);
        Message::builder()
            .from(self.from().clone())
            .to(to)
            .subject(email.content.subject.clone())
            .message_id(Some(email.message_id.clone()))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("X-Hostmatch-Dedupe-Key"),
                email.dedupe_key.to_owned(),
            ))
            .multipart(MultiPart::alternative_plain_html(
                email.content.text.clone(),
                email.content.html.clone(),
            ))
            .map_err(|e| EmailError::permanent("message cannot be built", e))
    }

    pub async fn send(&self, email: &Outgoing<'_>, file_stem: &str) -> Result<(), EmailError> {
        let message = self.build_message(email)?;
        match self {
            Self::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(EmailError::from_smtp),
            Self::Files { dir, .. } => write_eml(dir, file_stem, &message.formatted())
                .await
                .map_err(|e| EmailError::temporary("writing the .eml file", e)),
        }
    }
}

/// Writes through a temporary file and a rename, so a crash never leaves half an email and
/// a retry replaces rather than duplicates.
async fn write_eml(dir: &std::path::Path, stem: &str, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let tmp = dir.join(format!(".{stem}.eml.tmp"));
    let dest = dir.join(format!("{stem}.eml"));
    tokio::fs::write(&tmp, bytes).await?;
    tokio::fs::rename(&tmp, &dest).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Locale;

    #[test]
    fn a_name_with_line_breaks_cannot_add_a_header() {
        let mailer = Mailer::new(
            None,
            PathBuf::from("unused"),
            "hostmatch <no-reply@localhost>",
        )
        .unwrap();
        let content = render(
            templates::TemplateName::AccountApproved,
            Locale::En,
            &serde_json::json!({"display_name": "x", "login_url": "http://h/login"}),
        )
        .unwrap();
        let email = Outgoing {
            message_id: "<1@hostmatch>".into(),
            dedupe_key: "k",
            to_address: "ana@example.com",
            to_name: "Ana\r\nBcc: thief@evil.example",
            content,
        };
        let raw = String::from_utf8(mailer.build_message(&email).unwrap().formatted()).unwrap();
        let headers = raw.split("\r\n\r\n").next().unwrap();
        assert!(
            !headers
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "{headers}"
        );
        assert!(headers.contains("Message-ID: <1@hostmatch>"));
        let to: Vec<_> = headers.lines().filter(|l| l.starts_with("To:")).collect();
        assert_eq!(to.len(), 1, "{headers}");
        assert!(to[0].ends_with("<ana@example.com>"), "{headers}");
    }
}
