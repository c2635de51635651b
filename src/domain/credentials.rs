//! Newtypes for what a person types at registration: email, password, display name.

use std::fmt;

/// A syntactically valid email address, lower-cased so that one mailbox is one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim().to_lowercase();
        if s.len() > 254 {
            return Err("must be at most 254 characters".into());
        }
        // lettre's parser is the one that will later have to accept it as a recipient.
        s.parse::<lettre::Address>()
            .map_err(|_| "is not a valid email address".to_string())?;
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed. Never printed, never logged.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: String) -> Result<Self, String> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err(format!("must be at least {} characters", Self::MIN_CHARS));
        }
        if n > Self::MAX_CHARS {
            return Err(format!("must be at most {} characters", Self::MAX_CHARS));
        }
        Ok(Self(raw))
    }

    /// Wraps a password given at login, where only its match against the hash matters.
    pub fn unchecked(raw: String) -> Self {
        Self(raw)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// A name shown to others and put in email headers: 1 to 100 characters, no control
/// characters (so no CR/LF can reach a header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        if s.is_empty() {
            return Err("must not be empty".into());
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(format!("must be at most {} characters", Self::MAX_CHARS));
        }
        if s.chars().any(char::is_control) {
            return Err("must not contain control characters or line breaks".into());
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            EmailAddress::parse(" Li.Wei@Example.COM ")
                .unwrap()
                .as_str(),
            "li.wei@example.com"
        );
        for bad in ["", "no-at-sign", "a@", "@b.c", "a b@c.d"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn password_length_is_counted_in_characters() {
        assert!(Password::parse("短密码".into()).is_err());
        assert!(Password::parse("十个字符的中文密码啊".into()).is_ok());
        assert!(
            format!("{:?}", Password::parse("supersecret1".into()).unwrap()).contains("redacted")
        );
    }

    #[test]
    fn display_name_refuses_line_breaks() {
        assert!(DisplayName::parse("Ana\r\nBcc: x@y.z").is_err());
        assert!(DisplayName::parse("  ").is_err());
        assert_eq!(DisplayName::parse(" 王芳 ").unwrap().as_str(), "王芳");
    }
}
