//! `/api/v1/hosts/me/blocks`: the suppliers a host has blocked.

use axum::{Json, extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    error::{AppResult, Problem},
    extract::{ApiPath, CurrentAccount, JsonBody},
    services::offers::{self, Block},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(block_supplier, list_blocks))
        .routes(routes!(unblock_supplier))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockRequest {
    supplier_id: Uuid,
}

/// A supplier you have blocked.
#[derive(Debug, Serialize, ToSchema)]
pub struct BlockView {
    supplier_id: Uuid,
    supplier_name: String,
    created_at: DateTime<Utc>,
}

impl From<Block> for BlockView {
    fn from(b: Block) -> Self {
        Self {
            supplier_id: b.supplier_id,
            supplier_name: b.supplier_name,
            created_at: b.created_at,
        }
    }
}

/// Block a supplier: its open offers to you are withdrawn, and its new offers and
/// messages to you are refused. Blocking again changes nothing.
#[utoipa::path(post, path = "/api/v1/hosts/me/blocks", tag = "offers",
    request_body = BlockRequest, security(("bearer" = [])),
    responses((status = 201, body = BlockView), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn block_supplier(
    State(state): State<AppState>,
    me: CurrentAccount,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<BlockView>)> {
    crate::policy::may_block(&me)?;
    let req = body.decode::<BlockRequest>()?;
    let b = offers::block(&state.db, &me, req.supplier_id).await?;
    Ok((StatusCode::CREATED, Json(b.into())))
}

/// The suppliers you have blocked, newest first.
#[utoipa::path(get, path = "/api/v1/hosts/me/blocks", tag = "offers", security(("bearer" = [])),
    responses((status = 200, body = Vec<BlockView>), (status = 403, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn list_blocks(
    State(state): State<AppState>,
    me: CurrentAccount,
) -> AppResult<Json<Vec<BlockView>>> {
    let all = offers::blocks(&state.db, &me).await?;
    Ok(Json(all.into_iter().map(BlockView::from).collect()))
}

/// Lift a block.
#[utoipa::path(delete, path = "/api/v1/hosts/me/blocks/{supplier_id}", tag = "offers",
    params(("supplier_id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(supplier.id = %supplier_id))]
async fn unblock_supplier(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(supplier_id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    offers::unblock(&state.db, &me, supplier_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
