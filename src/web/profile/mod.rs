//! `/me/profile`: one path for the signed-in supplier's company profile and the signed-in
//! host's profile; each role's form lives in its own module, and what both share (the
//! posted body, saving through the core, field errors in words) is here.
//!
//! An admin has neither profile: reading it is the 404 `GET /api/v1/suppliers/me` gives
//! them, saving one the 403 of `PUT`.

mod host;
mod posted;
mod supplier;

use axum::{
    Router,
    extract::{FromRequest, Request, State},
    response::Response,
    routing::get,
};
use sea_orm::DbErr;

use crate::{
    domain::{Role, fields::FieldError},
    services::profiles::ProfileError,
    state::AppState,
    web::{context::SignedIn, forms::PageForm, i18n::I18n, page::PageError},
};

use posted::Posted;

pub fn router() -> Router<AppState> {
    Router::new().route("/me/profile", get(show).post(save))
}

async fn show(State(state): State<AppState>, me: SignedIn) -> Result<Response, PageError> {
    match me.account.role {
        Role::Supplier => supplier::show(&state, &me).await,
        Role::Host => host::show(&state, &me).await,
        Role::Admin => Err(PageError::NotFound),
    }
}

async fn save(
    State(state): State<AppState>,
    me: SignedIn,
    req: Request,
) -> Result<Response, PageError> {
    match me.account.role {
        Role::Supplier => supplier::save(&state, &me, read(req).await?).await,
        Role::Host => host::save(&state, &me, read(req).await?).await,
        Role::Admin => Err(PageError::Forbidden),
    }
}

async fn read(req: Request) -> Result<Posted, PageError> {
    let PageForm(pairs) = PageForm::<Vec<(String, String)>>::from_request(req, &()).await?;
    Ok(Posted(pairs))
}

/// Why a save did not happen: the core refused the caller, or the form's fields.
#[derive(Debug, thiserror::Error)]
enum SaveError {
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error("the form has invalid fields")]
    Invalid(Vec<FieldError>),
}

impl From<DbErr> for SaveError {
    fn from(e: DbErr) -> Self {
        Self::Profile(ProfileError::Db(e))
    }
}

/// A field's problem in the reader's words: the licence number's and the markets' in
/// their own, the rest as every form says them.
fn message(i18n: &I18n, e: &FieldError) -> String {
    let m = e.message.as_str();
    let key = match e.field.as_str() {
        "license_number" if m == "must be 18 characters" => "profile-uscc-length",
        "license_number" if m.starts_with("may only use") => "profile-uscc-alphabet",
        "license_number" if m.starts_with("characters 3 to 8") => "profile-uscc-division",
        "license_number" if m.starts_with("check character") => "profile-uscc-check",
        "markets" | "target_markets" if m.starts_with("must name at least") => {
            "profile-markets-required"
        }
        "languages" if m.starts_with("must name") => "profile-languages-count",
        f if f.starts_with("languages") && m == "is listed twice" => "profile-language-twice",
        "website" => "profile-website-invalid",
        "country" => "profile-country-invalid",
        _ => return i18n.field_error(e),
    };
    i18n.t(key)
}
