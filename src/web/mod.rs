//! The web edge: server-rendered pages (WEB.md) beside the JSON routes, over the same
//! services and policy. Each feature module exposes its routes; this module wraps them in
//! the viewer middleware (session, language, flash, error pages), the cross-origin check
//! for state-changing requests (cookie sessions only, never bearer `/api/` calls), and the
//! pages' security headers.

pub mod account;
pub mod admin;
pub mod assets;
pub mod auth;
pub mod catalogue;
pub mod collaborations;
pub mod context;
pub mod findings;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod offers;
pub mod page;
pub mod paging;
pub mod pickers;
pub mod profile;
pub mod public;
pub mod reviews;
pub mod search;
pub mod settings;

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use tower_http::csrf::CsrfLayer;

use crate::{error::AppError, state::AppState, web::page::PageError};

/// No inline script or style, nothing from elsewhere, no framing, forms post here only.
const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data: https:; connect-src 'self'; font-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Every page, with its middleware. `public_url` is the origin forms are trusted from
/// besides the request's own host.
pub fn router(state: AppState) -> Router<AppState> {
    let csrf = CsrfLayer::new().with_rejection_response(|_| {
        tracing::warn!("cross-origin form post refused");
        PageError::Forbidden.into_response()
    });
    let csrf = match origin_of(state.links.app()) {
        Some(o) => match csrf.clone().add_trusted_origin(&o) {
            Ok(with) => with,
            Err(_) => csrf,
        },
        None => csrf,
    };
    Router::new()
        .merge(home::router())
        .merge(auth::router())
        .merge(account::router())
        .merge(settings::router())
        .merge(admin::router())
        .merge(profile::router())
        .merge(offers::router())
        .merge(collaborations::router())
        .merge(search::router())
        .merge(catalogue::router())
        .merge(public::router())
        .fallback(not_found)
        .layer(csrf)
        .layer(middleware::from_fn_with_state(state, context::resolve))
        .layer(middleware::from_fn(page_headers))
        .route("/assets/{file}", get(assets::serve))
}

/// The origin (`scheme://host[:port]`) of a URL.
fn origin_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    Some(u.origin().ascii_serialization())
}

/// Paths nobody serves: a problem under `/api/`, a page in the reader's language elsewhere.
async fn not_found(req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        AppError::NotFound.into_response()
    } else {
        PageError::NotFound.into_response()
    }
}

/// Pages are private to their reader and change with every action: no cache keeps them.
async fn page_headers(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    if api {
        return res;
    }
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_CSP),
    );
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    h.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    res
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// What a template says outside tags and template code: the text a reader sees.
    fn visible_text(src: &str) -> String {
        // The `main_class` block fills the class attribute of <main>: a CSS name.
        let src = match (
            src.find("{% block main_class %}"),
            src.find("{% block content %}"),
        ) {
            (Some(a), Some(b)) if a < b => format!("{}{}", &src[..a], &src[b..]),
            _ => src.to_owned(),
        };
        let mut out = String::new();
        let mut rest = src.as_str();
        while let Some(c) = rest.chars().next() {
            let closer = match () {
                () if rest.starts_with("{{") => Some("}}"),
                () if rest.starts_with("{%") => Some("%}"),
                () if rest.starts_with("{#") => Some("#}"),
                () if rest.starts_with("<script") => Some("</script>"),
                () if rest.starts_with("<style") => Some("</style>"),
                () if rest.starts_with('<') => Some(">"),
                () => None,
            };
            match closer {
                Some(end) => {
                    let at = rest.find(end).map_or(rest.len(), |i| i + end.len());
                    out.push(' ');
                    rest = &rest[at..];
                }
                None => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }

    /// Words that are the same in every language: the name, and each language's own name
    /// in the switcher.
    const SAME_IN_EVERY_LANGUAGE: &[&str] = &["hostmatch", "English"];

    #[test]
    fn templates_hold_no_words_outside_the_catalogues() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut found = Vec::new();
        let mut files = 0;
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                files += 1;
                let text = visible_text(&std::fs::read_to_string(&p).unwrap());
                for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
                    let lettered = word.chars().any(char::is_alphabetic);
                    if lettered && !SAME_IN_EVERY_LANGUAGE.contains(&word) && word != "中文" {
                        found.push(format!("{}: {word}", p.display()));
                    }
                }
            }
        }
        assert!(files >= 10, "only {files} templates found");
        assert!(found.is_empty(), "literal words in templates: {found:#?}");
    }

    #[test]
    fn the_scan_sees_text_between_tags_and_not_code() {
        let t = visible_text("<p class=\"x\">{{ page.t(\"a\") }} Hello</p>{% if x %}{# note #}");
        assert_eq!(t.split_whitespace().collect::<Vec<_>>(), ["Hello"]);
    }
}
