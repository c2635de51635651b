//! What an account holder may change about their own account: the name others see, the
//! language emails and pages speak, the time zone pages show times in, the password.

use super::{
    DisplayName, Locale, Password,
    fields::{Check, FieldError},
};

/// An IANA time zone name (`America/Sao_Paulo`), as the tz database spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(chrono_tz::Tz);

impl TimeZone {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        // The column holds 64 characters; the longest IANA name has 32.
        if s.is_empty() || s.len() > 64 {
            return Err("must be an IANA time zone name such as Europe/Lisbon".into());
        }
        s.parse::<chrono_tz::Tz>()
            .map(Self)
            .map_err(|_| "must be an IANA time zone name such as Europe/Lisbon".into())
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    pub fn tz(self) -> chrono_tz::Tz {
        self.0
    }
}

/// Fields of the account to change; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountPatch {
    pub display_name: Option<DisplayName>,
    pub locale: Option<Locale>,
    pub time_zone: Option<TimeZone>,
}

impl AccountPatch {
    /// Checks every field given, naming each bad one (`display_name`, `locale`,
    /// `time_zone`), as both edges name their inputs.
    pub fn parse(
        display_name: Option<&str>,
        locale: Option<&str>,
        time_zone: Option<&str>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::default();
        let patch = Self {
            display_name: display_name
                .and_then(|d| keep(&mut check, "display_name", DisplayName::parse(d))),
            locale: locale.and_then(|l| keep(&mut check, "locale", Locale::from_tag(l))),
            time_zone: time_zone.and_then(|t| keep(&mut check, "time_zone", TimeZone::parse(t))),
        };
        check.finish().map(|()| patch)
    }
}

/// The parsed value, or `None` with the field's problem recorded.
fn keep<T>(check: &mut Check, field: &str, parsed: Result<T, String>) -> Option<T> {
    parsed.map_err(|m| check.fail(field, m)).ok()
}

/// A password change as typed: the current one, checked against the hash, and the new
/// one, which must pass the rules of registration.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub current: Password,
    pub new: Password,
}

impl PasswordChange {
    /// Names `new_password` when the new one is too short or too long.
    pub fn parse(current: String, new: String) -> Result<Self, FieldError> {
        Ok(Self {
            current: Password::unchecked(current),
            new: Password::parse(new).map_err(|m| FieldError::new("new_password", m))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(
            TimeZone::parse(" America/Sao_Paulo ").unwrap().name(),
            "America/Sao_Paulo"
        );
        assert_eq!(TimeZone::parse("UTC").unwrap().name(), "UTC");
        for bad in [
            "",
            "Mars/Olympus",
            "../../etc/passwd",
            "UTC\r\nX: y",
            "+08:00",
        ] {
            assert!(TimeZone::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_patch_names_every_bad_field_and_keeps_what_is_absent() {
        let errors = AccountPatch::parse(Some(""), Some("fr"), Some("Nowhere")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["display_name", "locale", "time_zone"]);
        let p = AccountPatch::parse(None, Some("zh-Hans"), None).unwrap();
        assert_eq!(p.locale, Some(Locale::ZhCn));
        assert!(p.display_name.is_none() && p.time_zone.is_none());
    }
}
