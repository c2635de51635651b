//! `/api/v1/products`: the catalogue.

use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    db::products::ProductRow,
    domain::{
        PageRequest, Role,
        fields::{Check, MAX_LONG_TEXT, MAX_TITLE},
        product::{MAX_IMAGES, ProductDraft},
    },
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, ApiQuery, CurrentAccount, IdempotencyKey, JsonBody, PageParams},
    policy,
    routes::views::{Page, ProductView},
    services::{
        idempotency::{self, Idempotency},
        products,
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_product, list_products))
        .routes(routes!(get_product, update_product, archive_product))
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductRequest {
    title: String,
    #[serde(default)]
    title_zh: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    description_zh: String,
    /// A taxonomy id (see /api/v1/categories).
    category: u32,
    /// Countries or regions, stored as countries.
    target_markets: Vec<String>,
    price_cents: i64,
    commission_pct: f64,
    #[serde(default = "one")]
    moq: i64,
    #[serde(default)]
    free_samples: bool,
    #[serde(default)]
    image_urls: Vec<String>,
}

fn one() -> i64 {
    1
}

impl TryFrom<ProductRequest> for ProductDraft {
    type Error = AppError;

    fn try_from(r: ProductRequest) -> Result<Self, AppError> {
        let mut c = Check::default();
        if r.image_urls.len() > MAX_IMAGES {
            c.fail(
                "image_urls",
                format!("must list at most {MAX_IMAGES} images"),
            );
        }
        let image_urls = r
            .image_urls
            .iter()
            .enumerate()
            .map(|(i, u)| c.url(&format!("image_urls[{i}]"), u, false))
            .collect();
        let draft = ProductDraft {
            title: c.line("title", &r.title, 1, MAX_TITLE),
            title_zh: c.line("title_zh", &r.title_zh, 0, MAX_TITLE),
            description: c.paragraphs("description", &r.description, MAX_LONG_TEXT),
            description_zh: c.paragraphs("description_zh", &r.description_zh, MAX_LONG_TEXT),
            category: c.category("category", r.category),
            target_markets: c.markets("target_markets", &r.target_markets, 1),
            price_cents: c.cents("price_cents", r.price_cents),
            commission_pct: c.percent("commission_pct", r.commission_pct),
            moq: c.range_i64("moq", r.moq, 1, 1_000_000_000) as i32,
            free_samples: r.free_samples,
            image_urls,
        };
        c.finish().map_err(AppError::Validation)?;
        Ok(draft)
    }
}

impl ProductRequest {
    fn from_row(p: &ProductRow) -> Self {
        Self {
            title: p.title.clone(),
            title_zh: p.title_zh.clone(),
            description: p.description.clone(),
            description_zh: p.description_zh.clone(),
            category: p.category as u32,
            target_markets: p.target_markets.0.clone(),
            price_cents: p.price_cents,
            commission_pct: p.commission_pct,
            moq: i64::from(p.moq),
            free_samples: p.free_samples,
            image_urls: p.image_urls.0.clone(),
        }
    }
}

/// Fields to change; absent ones stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductPatch {
    title: Option<String>,
    title_zh: Option<String>,
    description: Option<String>,
    description_zh: Option<String>,
    category: Option<u32>,
    target_markets: Option<Vec<String>>,
    price_cents: Option<i64>,
    commission_pct: Option<f64>,
    moq: Option<i64>,
    free_samples: Option<bool>,
    image_urls: Option<Vec<String>>,
}

impl ProductPatch {
    fn apply(self, mut r: ProductRequest) -> ProductRequest {
        macro_rules! take {
            ($($f:ident),*) => { $(if let Some(v) = self.$f { r.$f = v; })* };
        }
        take!(
            title,
            title_zh,
            description,
            description_zh,
            category,
            target_markets,
            price_cents,
            commission_pct,
            moq,
            free_samples,
            image_urls
        );
        r
    }
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
    let draft = ProductDraft::try_from(body.decode::<ProductRequest>()?)?;
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
    let (rows, total) = products::list(&state.db, &me, supplier_id, paging).await?;
    let items = rows
        .iter()
        .map(|r| ProductView::new(r, me.locale))
        .collect();
    Ok(Json(Page::new(items, total, paging)))
}
