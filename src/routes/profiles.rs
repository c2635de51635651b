//! `/api/v1/hosts/*` and `/api/v1/suppliers/*`: own profile (create or replace, read) and
//! others' where visible.

use axum::{Json, extract::State};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    domain::profile::{HostProfileDraft, SupplierProfileDraft},
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, CurrentAccount, JsonBody},
    policy,
    routes::views::{HostProfileView, SupplierProfileView},
    services::{
        profile_input::{HostProfileRequest, SupplierProfileRequest},
        profiles,
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(put_my_host_profile, get_my_host_profile))
        .routes(routes!(get_host_profile))
        .routes(routes!(put_my_supplier_profile, get_my_supplier_profile))
        .routes(routes!(get_supplier_profile))
}

/// Create or replace your host profile. `followers_total`, `rating` and
/// `completed_collaborations` are the service's and may not be sent.
#[utoipa::path(put, path = "/api/v1/hosts/me", tag = "profiles",
    request_body = HostProfileRequest, security(("bearer" = [])),
    responses((status = 200, body = HostProfileView), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn put_my_host_profile(
    State(state): State<AppState>,
    me: CurrentAccount,
    body: JsonBody,
) -> AppResult<Json<HostProfileView>> {
    let book = state.rulebook.book();
    let row = profiles::put_host(&state.db, &book, &me, || {
        HostProfileDraft::try_from(body.decode::<HostProfileRequest>()?)
            .map_err(AppError::Validation)
    })
    .await?;
    Ok(Json(
        HostProfileView::new(&row, &me.row).with_findings(&row, me.locale),
    ))
}

/// Your host profile.
#[utoipa::path(get, path = "/api/v1/hosts/me", tag = "profiles", security(("bearer" = [])),
    responses((status = 200, body = HostProfileView), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn get_my_host_profile(
    State(state): State<AppState>,
    me: CurrentAccount,
) -> AppResult<Json<HostProfileView>> {
    let (row, account) = profiles::get_host(&state.db, &me, me.id).await?;
    Ok(Json(
        HostProfileView::new(&row, &account).with_findings(&row, me.locale),
    ))
}

/// An approved host's profile (yours, or any for admins).
#[utoipa::path(get, path = "/api/v1/hosts/{id}", tag = "profiles", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = HostProfileView), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(host.id = %id))]
async fn get_host_profile(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<HostProfileView>> {
    let (row, account) = profiles::get_host(&state.db, &me, id).await?;
    let view = HostProfileView::new(&row, &account);
    Ok(Json(if policy::sees_host_findings(&me, id) {
        view.with_findings(&row, me.locale)
    } else {
        view
    }))
}

/// Create or replace your supplier profile. The licence number's check character is
/// verified (GB 32100-2015).
#[utoipa::path(put, path = "/api/v1/suppliers/me", tag = "profiles",
    request_body = SupplierProfileRequest, security(("bearer" = [])),
    responses((status = 200, body = SupplierProfileView), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn put_my_supplier_profile(
    State(state): State<AppState>,
    me: CurrentAccount,
    body: JsonBody,
) -> AppResult<Json<SupplierProfileView>> {
    let row = profiles::put_supplier(&state.db, &me, || {
        SupplierProfileDraft::try_from(body.decode::<SupplierProfileRequest>()?)
            .map_err(AppError::Validation)
    })
    .await?;
    Ok(Json(SupplierProfileView::new(&row, &me.row)))
}

/// Your supplier profile.
#[utoipa::path(get, path = "/api/v1/suppliers/me", tag = "profiles", security(("bearer" = [])),
    responses((status = 200, body = SupplierProfileView), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn get_my_supplier_profile(
    State(state): State<AppState>,
    me: CurrentAccount,
) -> AppResult<Json<SupplierProfileView>> {
    let (row, account) = profiles::get_supplier(&state.db, &me, me.id).await?;
    Ok(Json(SupplierProfileView::new(&row, &account)))
}

/// An approved supplier's profile (yours, or any for admins).
#[utoipa::path(get, path = "/api/v1/suppliers/{id}", tag = "profiles", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = SupplierProfileView), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(supplier.id = %id))]
async fn get_supplier_profile(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<SupplierProfileView>> {
    let (row, account) = profiles::get_supplier(&state.db, &me, id).await?;
    Ok(Json(SupplierProfileView::new(&row, &account)))
}
