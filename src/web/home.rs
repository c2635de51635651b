//! `/`: what hostmatch does for each side, with the ways in; for a signed-in person, where
//! their account stands (address verified, vetting) and what comes next.

use askama::Template;
use axum::{Router, http::StatusCode, response::Response, routing::get};

use crate::{
    domain::{AccountStatus, Role},
    state::AppState,
    web::{
        context::Viewer,
        page::{Frame, render},
    },
};

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show_home))
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Frame,
    /// For a signed-in person: their standing, as message keys.
    standing: Option<Standing>,
    /// For an approved supplier or host: where to go next (path, message key suffix).
    steps: &'static [(&'static str, &'static str)],
}

const SUPPLIER_STEPS: &[(&str, &str)] = &[
    ("/search/hosts", "find-hosts"),
    ("/me/products", "products"),
    ("/offers", "offers-sent"),
    ("/me/profile", "company"),
];
const HOST_STEPS: &[(&str, &str)] = &[
    ("/recommendations", "for-you"),
    ("/search/products", "find-products"),
    ("/offers", "offers-received"),
    ("/me/profile", "host-profile"),
];

struct Standing {
    status: AccountStatus,
    role: Role,
    verified: bool,
}

async fn show_home(viewer: Viewer) -> Response {
    let standing = viewer.account.as_ref().map(|a| Standing {
        status: a.status,
        role: a.role,
        verified: a.email_verified,
    });
    let steps = match standing.as_ref().map(|s| s.role) {
        Some(Role::Supplier) => SUPPLIER_STEPS,
        Some(Role::Host) => HOST_STEPS,
        _ => &[],
    };
    render(
        StatusCode::OK,
        &HomePage {
            page: Frame::of(&viewer),
            standing,
            steps,
        },
    )
}
