//! `/api/v1/admin/*`: the vetting queue, vetting decisions and the audit log.

use axum::{Json, extract::State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    db::audit::AuditRow,
    domain::{AccountStatus, Locale, PageRequest, Role, VettingAction, account::parse_reason},
    error::{AppError, AppResult, Problem},
    extract::{AdminAccount, ApiPath, ApiQuery, JsonBody, PageParams},
    policy,
    routes::views::{
        AccountView, FindingView, HostProfileView, Page, SupplierProfileView, findings,
    },
    services::{
        audit,
        vetting::{self, QueueFilter, QueueRow},
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_accounts))
        .routes(routes!(vet_account))
        .routes(routes!(list_audit_log))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountFilter {
    /// pending, approved, rejected, suspended or closed
    status: Option<String>,
    /// supplier, host or admin
    role: Option<String>,
}

impl TryFrom<AccountFilter> for QueueFilter {
    type Error = AppError;

    fn try_from(f: AccountFilter) -> Result<Self, AppError> {
        let status = f
            .status
            .as_deref()
            .map(|s| {
                AccountStatus::parse(s).ok_or_else(|| {
                    AppError::field(
                        "status",
                        "must be pending, approved, rejected, suspended or closed",
                    )
                })
            })
            .transpose()?;
        let role = f
            .role
            .as_deref()
            .map(|s| {
                Role::parse(s)
                    .ok_or_else(|| AppError::field("role", "must be supplier, host or admin"))
            })
            .transpose()?;
        Ok(Self { status, role })
    }
}

/// An account in the vetting queue, with the profile an admin vets it on.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueEntry {
    #[serde(flatten)]
    account: AccountView,
    /// The host or supplier profile; null until the account has written one. A host
    /// profile carries its `compliance` findings, with the spans found.
    profile: Option<QueueProfile>,
    /// True when compliance screening found something in the host's profile or in one of
    /// the supplier's active products.
    flagged: bool,
    /// A supplier's active products with findings in any market (at most 20), newest
    /// change first, with every finding and its span.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flagged_products: Vec<FlaggedProduct>,
}

impl QueueEntry {
    fn new(r: &QueueRow, reader: Locale) -> Self {
        let flagged_products: Vec<FlaggedProduct> = r
            .flagged_products
            .iter()
            .map(|p| FlaggedProduct {
                id: p.id,
                title: p.title.clone(),
                // Every market, not only the product's targets: a host elsewhere may be
                // offered it, and the admin vets the whole catalogue.
                compliance: findings::views(&p.compliance, &[], reader),
            })
            .collect();
        let host = r
            .host
            .as_ref()
            .map(|h| HostProfileView::new(h, &r.account).with_findings(h, reader));
        let supplier = r.supplier.as_ref();
        Self {
            account: AccountView::from(&r.account),
            flagged: !flagged_products.is_empty()
                || host.as_ref().is_some_and(HostProfileView::has_findings),
            flagged_products,
            profile: host.map(QueueProfile::Host).or_else(|| {
                supplier.map(|s| QueueProfile::Supplier(SupplierProfileView::new(s, &r.account)))
            }),
        }
    }
}

/// A product compliance screening found something in, with every finding and its span.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlaggedProduct {
    id: Uuid,
    title: String,
    compliance: Vec<FindingView>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum QueueProfile {
    Host(HostProfileView),
    Supplier(SupplierProfileView),
}

/// The vetting queue: accounts by status and role, oldest first, each with its profile.
#[utoipa::path(get, path = "/api/v1/admin/accounts", tag = "admin",
    params(AccountFilter, PageParams), security(("bearer" = [])),
    responses((status = 200, body = Page<QueueEntry>), (status = 403, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn list_accounts(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    paging: PageRequest,
    ApiQuery(filter): ApiQuery<AccountFilter>,
) -> AppResult<Json<Page<QueueEntry>>> {
    let (rows, total) =
        vetting::queue(&state.db, &me, || QueueFilter::try_from(filter), paging).await?;
    let items = rows.iter().map(|r| QueueEntry::new(r, me.locale)).collect();
    Ok(Json(Page::new(items, total, paging)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VetRequest {
    /// Required for reject, suspend and reinstate; shown to the account holder.
    reason: Option<String>,
}

/// Approve, reject, suspend or reinstate an account. Each writes an audit row and emails the
/// account holder in their language; suspension also ends their sessions at once.
#[utoipa::path(post, path = "/api/v1/admin/accounts/{id}/{action}", tag = "admin",
    params(
        ("id" = Uuid, Path),
        ("action" = String, Path, description = "approve, reject, suspend or reinstate"),
    ),
    request_body = VetRequest, security(("bearer" = [])),
    responses(
        (status = 200, body = AccountView),
        (status = 404, body = Problem),
        (status = 409, description = "the account is not in a state this action applies to", body = Problem),
        (status = 422, description = "reason missing", body = Problem),
    ))]
#[tracing::instrument(skip_all, fields(vetting.account_id = %id, vetting.action = %action))]
async fn vet_account(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    ApiPath((id, action)): ApiPath<(Uuid, String)>,
    body: JsonBody,
) -> AppResult<Json<AccountView>> {
    policy::may_administer(&me)?;
    let action = VettingAction::parse(&action).ok_or(AppError::NotFound)?;
    let row = vetting::vet(&state.db, &state.links, &me, id, action, || {
        let body = body.decode_optional::<VetRequest>()?.unwrap_or_default();
        Ok::<_, AppError>(parse_reason(body.reason, action.requires_reason())?)
    })
    .await?;
    Ok(Json(AccountView::from(&row)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    id: Uuid,
    /// None when done from the command line.
    actor_id: Option<Uuid>,
    action: String,
    target_type: String,
    target_id: Option<Uuid>,
    reason: Option<String>,
    details: serde_json::Value,
    created_at: DateTime<Utc>,
}

impl From<AuditRow> for AuditEntryView {
    fn from(r: AuditRow) -> Self {
        Self {
            id: r.id,
            actor_id: r.actor_id,
            action: r.action,
            target_type: r.target_type,
            target_id: r.target_id,
            reason: r.reason,
            details: r.details.0,
            created_at: r.created_at,
        }
    }
}

/// Who did what to whom, newest first.
#[utoipa::path(get, path = "/api/v1/admin/audit-log", tag = "admin",
    params(PageParams),
    security(("bearer" = [])),
    responses((status = 200, body = Page<AuditEntryView>), (status = 403, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn list_audit_log(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    paging: PageRequest,
) -> AppResult<Json<Page<AuditEntryView>>> {
    let (rows, total) = audit::list(&state.db, &me, paging).await?;
    let items = rows.into_iter().map(AuditEntryView::from).collect();
    Ok(Json(Page::new(items, total, paging)))
}
