//! What every page shares: the [`Frame`] a base template draws (language, the person
//! signed in, the flash, the navigation, asset names), and [`PageError`], the answers that
//! are whole pages of their own (404, 403, 429, 500, 503) or a redirect to sign in.
//!
//! A handler returns `PageError` like any error; it leaves a marker on the response, and
//! the viewer middleware, which knows the reader, draws the page in their language.

use askama::Template;
use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    db::accounts::AccountRow,
    domain::{AccountStatus, Refusal, Refuses, Role},
    error::{chain, is_outage},
    web::{
        assets,
        context::{Flash, Viewer},
        i18n::I18n,
    },
};

/// The frame around a page's content.
pub struct Frame {
    pub i18n: I18n,
    pub account: Option<AccountRow>,
    pub flash: Option<Flash>,
    /// This page's path and query, for the language links.
    path: String,
    /// The count beside Offers (a host's or supplier's open offers) or Admin (accounts
    /// waiting to be vetted), when there is one to show.
    pub waiting: Option<u64>,
}

impl Frame {
    pub fn of(viewer: &Viewer) -> Self {
        Self {
            i18n: viewer.i18n.clone(),
            account: viewer.account.clone(),
            flash: viewer.flash,
            path: viewer.path.clone(),
            waiting: viewer.waiting.filter(|n| *n > 0),
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.i18n.t(key)
    }

    /// This page in the other language (`?lang=` set, other parameters kept).
    pub fn switch_to(&self, lang: &str) -> String {
        let (path, query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            if k != "lang" {
                out.append_pair(&k, &v);
            }
        }
        out.append_pair("lang", lang);
        format!("{path}?{}", out.finish())
    }

    pub fn flash_text(&self) -> Option<String> {
        self.flash
            .map(|f| self.i18n.t(&format!("flash-{}", f.as_str())))
    }

    pub fn asset(&self, name: &str) -> &'static str {
        assets::url(name)
    }

    pub fn is_admin(&self) -> bool {
        self.account.as_ref().is_some_and(|a| a.role == Role::Admin)
    }

    pub fn is_supplier(&self) -> bool {
        self.account
            .as_ref()
            .is_some_and(|a| a.role == Role::Supplier)
    }

    pub fn is_host(&self) -> bool {
        self.account.as_ref().is_some_and(|a| a.role == Role::Host)
    }

    /// `aria-current="page"` belongs on the navigation link whose section this page is in.
    pub fn in_section(&self, prefix: &str) -> bool {
        let path = self.path.split('?').next().unwrap_or("");
        path == prefix || path.starts_with(&format!("{prefix}/"))
    }

    /// What the count beside a link means, for a screen reader.
    pub fn waiting_label(&self) -> String {
        let n = self.waiting.unwrap_or(0);
        let key = if self.is_admin() {
            "nav-count-pending"
        } else {
            "nav-count-to-answer"
        };
        self.i18n.t1(key, "count", n)
    }

    pub fn role_name(&self, role: &Role) -> String {
        self.i18n.t(&format!("role-{}", role.as_str()))
    }

    pub fn status_name(&self, status: &AccountStatus) -> String {
        self.i18n.t(&format!("status-{}", status.as_str()))
    }
}

/// An answer that is a page of its own.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("sign in first")]
    SignInFirst,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("conflict")]
    Conflict,
    #[error("throttled")]
    Throttled { retry_after_secs: u64 },
    #[error("bad request")]
    BadRequest,
    #[error("body too large")]
    TooLarge,
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl PageError {
    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(e))
    }
}

impl<E: Refuses> From<E> for PageError {
    fn from(e: E) -> Self {
        match e.refusal() {
            Some(Refusal::Unauthenticated) => Self::SignInFirst,
            Some(Refusal::Forbidden(_)) => Self::Forbidden,
            Some(Refusal::NotFound) => Self::NotFound,
            Some(
                Refusal::Throttled { retry_after_secs }
                | Refusal::Waiting {
                    retry_after_secs, ..
                },
            ) => Self::Throttled { retry_after_secs },
            Some(Refusal::Conflict(_) | Refusal::EmailNotVerified) => Self::Conflict,
            Some(Refusal::Invalid(_) | Refusal::InvalidCredentials) => Self::BadRequest,
            None => Self::Internal(Box::new(e)),
        }
    }
}

impl From<sea_orm::DbErr> for PageError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Internal(Box::new(e))
    }
}

/// Left on a response for the viewer middleware to draw.
#[derive(Debug, Clone, Copy)]
pub struct ErrorMarker {
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    SignInFirst,
    Status(StatusCode),
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = match &self {
            Self::SignInFirst => {
                let mut res = StatusCode::SEE_OTHER.into_response();
                res.extensions_mut().insert(ErrorMarker {
                    kind: ErrorKind::SignInFirst,
                });
                return res;
            }
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict => StatusCode::CONFLICT,
            Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal(e) => {
                if is_outage(e.as_ref()) {
                    tracing::warn!(error = %chain(e.as_ref()), "page unavailable");
                    StatusCode::SERVICE_UNAVAILABLE
                } else {
                    tracing::error!(error = %chain(e.as_ref()), "page failed");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            }
        };
        let mut res = status.into_response();
        if let Self::Throttled { retry_after_secs } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res.extensions_mut().insert(ErrorMarker {
            kind: ErrorKind::Status(status),
        });
        res
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Frame,
    title: String,
    detail: String,
}

/// Draws the page a marker stands for, for this reader.
pub fn draw_error(viewer: &Viewer, marker: ErrorMarker, res: Response) -> Response {
    let status = match marker.kind {
        ErrorKind::SignInFirst => {
            let next =
                url::form_urlencoded::byte_serialize(viewer.path.as_bytes()).collect::<String>();
            return Redirect::to(&format!("/login?next={next}")).into_response();
        }
        ErrorKind::Status(s) => s,
    };
    let key = match status.as_u16() {
        400 => "error-400",
        403 => "error-403",
        404 => "error-404",
        405 => "error-405",
        409 => "error-409",
        413 => "error-413",
        429 => "error-429",
        503 => "error-503",
        _ => "error-500",
    };
    let i18n = &viewer.i18n;
    let page = ErrorPage {
        page: Frame::of(viewer),
        title: i18n.t(&format!("{key}-title")),
        detail: i18n.t(&format!("{key}-detail")),
    };
    let mut out = render(status, &page);
    for (name, value) in res.headers() {
        if name == header::RETRY_AFTER {
            out.headers_mut().insert(name, value.clone());
        }
    }
    out
}

/// A template as an HTML answer with `status`; a template that fails to render is a 500.
pub fn render(status: StatusCode, t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "Internal error / 内部错误",
            )
                .into_response()
        }
    }
}
