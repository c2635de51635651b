//! Email templates on disk (`templates/<name>/<locale>/{subject.txt,body.txt,body.html}`),
//! built into the binary and filled with `{{name}}` placeholders.

use crate::domain::{Locale, string_enum::string_enum};

/// A rendered email, ready for a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

string_enum! {
    /// Every email the service sends, by the template that renders it. The outbox stores
    /// [`TemplateName::as_str`]; a name that is not here cannot be queued, because
    /// nothing else makes one.
    pub enum TemplateName {
        AccountApproved => "account.approved",
        AccountRejected => "account.rejected",
        AccountSuspended => "account.suspended",
        AccountReinstated => "account.reinstated",
        AccountVerifyEmail => "account.verify-email",
        AccountResetPassword => "account.reset-password",
        OfferReceived => "offer.received",
        OfferAccepted => "offer.accepted",
        OfferDeclined => "offer.declined",
        OfferWithdrawn => "offer.withdrawn",
        OfferExpired => "offer.expired",
        OfferCountered => "offer.countered",
        OfferCounterAccepted => "offer.counter-accepted",
        OfferCounterDeclined => "offer.counter-declined",
        ThreadNewMessages => "thread.new-messages",
        CollaborationScheduled => "collaboration.scheduled",
        CollaborationShipped => "collaboration.shipped",
        CollaborationReceived => "collaboration.received",
        CollaborationCompleted => "collaboration.completed",
        CollaborationConfirmed => "collaboration.confirmed",
        CollaborationCancelled => "collaboration.cancelled",
        ReviewsPublished => "reviews.published",
    }
}

struct Template {
    name: &'static str,
    locale: Locale,
    subject: &'static str,
    text: &'static str,
    html: &'static str,
}

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(
            templates!(@one $name, Locale::En, "en"),
            templates!(@one $name, Locale::ZhCn, "zh-CN"),
        )*]
    };
    (@one $name:literal, $locale:expr, $dir:literal) => {
        Template {
            name: $name,
            locale: $locale,
            subject: include_str!(concat!("templates/", $name, "/", $dir, "/subject.txt")),
            text: include_str!(concat!("templates/", $name, "/", $dir, "/body.txt")),
            html: include_str!(concat!("templates/", $name, "/", $dir, "/body.html")),
        }
    };
}

/// Every template must exist in every locale: the macro fails the build otherwise (a test
/// checks that each [`TemplateName`] is listed here).
static TEMPLATES: &[Template] = templates!(
    "account.approved",
    "account.rejected",
    "account.suspended",
    "account.reinstated",
    "account.verify-email",
    "account.reset-password",
    "offer.received",
    "offer.accepted",
    "offer.declined",
    "offer.withdrawn",
    "offer.expired",
    "offer.countered",
    "offer.counter-accepted",
    "offer.counter-declined",
    "thread.new-messages",
    "collaboration.scheduled",
    "collaboration.shipped",
    "collaboration.received",
    "collaboration.completed",
    "collaboration.confirmed",
    "collaboration.cancelled",
    "reviews.published",
);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RenderError {
    #[error("no template named {0}")]
    UnknownTemplate(String),
    #[error("template {template} needs {{{{{key}}}}}, which the payload lacks")]
    MissingValue { template: String, key: String },
}

/// Fills the template with the payload's string values.
pub fn render(
    template: TemplateName,
    locale: Locale,
    payload: &serde_json::Value,
) -> Result<Rendered, RenderError> {
    let name = template.as_str();
    let t = TEMPLATES
        .iter()
        .find(|t| t.name == name && t.locale == locale)
        .ok_or_else(|| RenderError::UnknownTemplate(name.to_owned()))?;
    let fill = |src: &str, escape: bool| fill(name, src, payload, escape);
    Ok(Rendered {
        subject: fill(t.subject, false)?.trim().to_owned(),
        text: fill(t.text, false)?,
        html: fill(t.html, true)?,
    })
}

fn fill(
    template: &str,
    src: &str,
    payload: &serde_json::Value,
    escape: bool,
) -> Result<String, RenderError> {
    let mut out = String::with_capacity(src.len() + 64);
    let mut rest = src;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let key = after[..end].trim();
        let value = payload
            .get(key)
            .map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .ok_or_else(|| RenderError::MissingValue {
                template: template.to_owned(),
                key: key.to_owned(),
            })?;
        if escape {
            push_escaped(&mut out, &value);
        } else {
            out.push_str(&value);
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_template_name_has_a_template_in_each_locale() {
        for &name in TemplateName::ALL {
            assert_eq!(TemplateName::parse(name.as_str()), Some(name));
            for locale in [Locale::En, Locale::ZhCn] {
                assert!(
                    TEMPLATES
                        .iter()
                        .any(|t| t.name == name.as_str() && t.locale == locale),
                    "{name:?} in {locale:?}"
                );
            }
        }
        assert_eq!(TEMPLATES.len(), TemplateName::ALL.len() * 2);
    }

    #[test]
    fn renders_in_the_recipients_language_and_escapes_html() {
        let payload = json!({"display_name": "<b>Ana</b>", "reason": "blurry licence", "login_url": "http://x/login"});
        let en = render(TemplateName::AccountRejected, Locale::En, &payload).unwrap();
        assert_eq!(en.subject, "Your hostmatch account was not approved");
        assert!(en.text.contains("Reason: blurry licence"));
        assert!(en.html.contains("&lt;b&gt;Ana&lt;/b&gt;"));
        let zh = render(TemplateName::AccountRejected, Locale::ZhCn, &payload).unwrap();
        assert!(zh.subject.contains("未通过审核"));
        assert!(zh.text.contains("原因：blurry licence"));
    }

    #[test]
    fn a_missing_value_is_an_error_not_a_blank() {
        let err = render(TemplateName::AccountApproved, Locale::En, &json!({})).unwrap_err();
        assert!(matches!(err, RenderError::MissingValue { .. }));
    }
}
