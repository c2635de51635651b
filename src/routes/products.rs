//! `/api/v1/products`: the catalogue (bodies are read by `services::product_input`).

use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    domain::{PageRequest, Role, product::ProductDraft},
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, ApiQuery, CurrentAccount, IdempotencyKey, JsonBody, PageParams},
    policy,
    routes::views::{Page, ProductView},
    services::{
        idempotency::{self, Idempotency},
        product_input::{ProductPatch, ProductRequest},
        products,
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_product, list_products))
        .routes(routes!(get_product, update_product, archive_product))
}

/// List a product (approved suppliers). With an `Idempotency-Key`, a repeat within 24 h
/// answers the first response and lists nothing new.
#[utoipa::path(post, path = "/api/v1/products", tag = "products",
    request_body = ProductRequest, security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header)),
    responses((status = 201, body = ProductView), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn create_product(
    State(state): State<AppState>,
    me: CurrentAccount,
    key: IdempotencyKey,
    body: JsonBody,
) -> AppResult<Response> {
    policy::may_list_products(&me)?;
    let key = key.get()?;
    let draft =
        ProductDraft::try_from(body.decode::<ProductRequest>()?).map_err(AppError::Validation)?;
    let idem = key.map(|k| Idempotency::new(k, &draft));
    let book = state.rulebook.book();
    let stored = idempotency::once(&state.db, me.id, idem.as_ref(), async |txn| {
        let row = products::create(txn, &me, &draft, &book).await?;
        let body = serde_json::to_string(&ProductView::new(&row, me.locale))
            .map_err(AppError::internal)?;
        Ok::<_, AppError>((StatusCode::CREATED.as_u16(), body))
    })
    .await?;
    Ok(stored.into_response())
}

/// A product: active products of approved suppliers for anyone signed in; any for its
/// owner and admins.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "products", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ProductView), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(product.id = %id))]
async fn get_product(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<ProductView>> {
    let row = products::get(&state.db, &me, id).await?;
    Ok(Json(ProductView::new(&row, me.locale)))
}

/// Change some fields of your product.
#[utoipa::path(patch, path = "/api/v1/products/{id}", tag = "products", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ProductPatch,
    responses((status = 200, body = ProductView), (status = 404, body = Problem),
        (status = 409, description = "archived", body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(product.id = %id))]
async fn update_product(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<Json<ProductView>> {
    let book = state.rulebook.book();
    let row = products::update(&state.db, &book, &me, id, |current| {
        let patch = body.decode::<ProductPatch>()?;
        ProductDraft::try_from(patch.apply(ProductRequest::from_row(current)))
            .map_err(AppError::Validation)
    })
    .await?;
    Ok(Json(ProductView::new(&row, me.locale)))
}

/// Archive your product: it leaves search and others' view.
#[utoipa::path(delete, path = "/api/v1/products/{id}", tag = "products", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(product.id = %id))]
async fn archive_product(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    products::archive(&state.db, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductListQuery {
    /// Whose products; a supplier may leave it out for their own.
    supplier_id: Option<Uuid>,
}

/// A supplier's products, newest first: the active ones of an approved supplier, or all of
/// them for the supplier and admins.
#[utoipa::path(get, path = "/api/v1/products", tag = "products", security(("bearer" = [])),
    params(ProductListQuery, PageParams),
    responses((status = 200, body = Page<ProductView>), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(supplier.id = q.supplier_id.map(tracing::field::display)))]
async fn list_products(
    State(state): State<AppState>,
    me: CurrentAccount,
    paging: PageRequest,
    ApiQuery(q): ApiQuery<ProductListQuery>,
) -> AppResult<Json<Page<ProductView>>> {
    let supplier_id = match (q.supplier_id, me.role) {
        (Some(id), _) => id,
        (None, Role::Supplier) => me.id,
        (None, _) => return Err(AppError::field("supplier_id", "is required")),
    };
    let (rows, total) = products::list(&state.db, &me, supplier_id, None, paging).await?;
    let items = rows
        .iter()
        .map(|r| ProductView::new(r, me.locale))
        .collect();
    Ok(Json(Page::new(items, total, paging)))
}
