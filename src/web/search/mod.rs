//! The pages over the index (WEB.md): host and product search with facets, live filtering
//! with htmx and the same page without it; a product's matches and a host's
//! recommendations with each score drawn in its parts and a weights form. Every page
//! reads its query string with `services::query` (the page edge), as the API does.

mod hosts;
mod names;
mod products;
mod ranked;
mod score;
mod view;

use axum::{Router, routing::get};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/search/hosts", get(hosts::show))
        .route("/search/products", get(products::show))
        .route("/products/{id}/matches", get(ranked::matches))
        .route("/recommendations", get(ranked::recommendations))
}
