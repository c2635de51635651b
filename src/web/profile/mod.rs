//! `/me/profile`: one path for the signed-in supplier's company profile and the signed-in
//! host's profile; each role's form lives in its own module.

mod host;
mod supplier;

use axum::{
    Router,
    extract::{Request, State},
    response::Response,
    routing::get,
};

use crate::{
    domain::Role,
    state::AppState,
    web::{context::SignedIn, page::PageError},
};

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
        Role::Supplier => supplier::save(&state, &me, req).await,
        Role::Host => host::save(&state, &me, req).await,
        Role::Admin => Err(PageError::NotFound),
    }
}
