//! Forms on pages: the posted body read as the API's field names (repeated keys are
//! lists, WEB.md), and [`FormState`], which keeps what a person typed (never a password)
//! and each field's error in their language for the 422 re-render.

use std::collections::HashMap;

use axum::{
    extract::{FromRequest, Request},
    http::StatusCode,
};
use serde::de::DeserializeOwned;

use crate::{
    domain::fields::FieldError,
    web::{i18n::I18n, page::PageError},
};

/// A posted `application/x-www-form-urlencoded` body; anything unreadable is the 400 page.
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for PageForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, PageError> {
        match axum_extra::extract::Form::<T>::from_request(req, state).await {
            Ok(axum_extra::extract::Form(v)) => Ok(Self(v)),
            Err(e) => {
                tracing::debug!(error = %e, "unreadable form");
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Err(PageError::TooLarge)
                } else {
                    Err(PageError::BadRequest)
                }
            }
        }
    }
}

/// What a form shows: the values to put back and the errors next to their fields.
#[derive(Debug, Default, Clone)]
pub struct FormState {
    values: HashMap<String, String>,
    errors: HashMap<String, String>,
    /// An error about the whole form (wrong password, address taken), shown above it.
    pub summary: Option<String>,
}

impl FormState {
    /// Keeps `value` for `name`, unless the field holds a secret.
    pub fn keep(&mut self, name: &str, value: &str) -> &mut Self {
        if !name.contains("password") && name != "token" {
            self.values.insert(name.to_owned(), value.to_owned());
        }
        self
    }

    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.keep(name, value);
        self
    }

    /// Records one field's problem, in the reader's words.
    pub fn fail(&mut self, name: &str, message: String) {
        self.errors.entry(name.to_owned()).or_insert(message);
    }

    /// Records the core's field errors, translated.
    pub fn fail_all(&mut self, i18n: &I18n, errors: &[FieldError]) {
        for e in errors {
            self.fail(&e.field, i18n.field_error(e));
        }
    }

    pub fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.summary.is_none()
    }

    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    pub fn has_error(&self, name: &str) -> bool {
        self.errors.contains_key(name)
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    /// The errors in the order the fields come, for the summary a screen reader hears first.
    pub fn error_count(&self) -> usize {
        self.errors.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_tokens_are_never_put_back() {
        let f = FormState::default()
            .with("email", "ana@example.com")
            .with("password", "secret-secret")
            .with("new_password", "x")
            .with("token", "hml_x");
        assert_eq!(f.value("email"), "ana@example.com");
        assert_eq!(f.value("password"), "");
        assert_eq!(f.value("new_password"), "");
        assert_eq!(f.value("token"), "");
    }
}
