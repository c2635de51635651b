//! The supplier's own profile form (placeholder until it is built).

use axum::{extract::Request, response::Response};

use crate::{
    state::AppState,
    web::{context::SignedIn, page::PageError},
};

pub async fn show(_state: &AppState, _me: &SignedIn) -> Result<Response, PageError> {
    Err(PageError::NotFound)
}

pub async fn save(_state: &AppState, _me: &SignedIn, _req: Request) -> Result<Response, PageError> {
    Err(PageError::NotFound)
}
