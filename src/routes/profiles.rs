//! `/api/v1/hosts/*` and `/api/v1/suppliers/*`: own profile (create or replace, read) and
//! others' where visible.

use axum::{Json, extract::State};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    domain::{
        fields::{Check, MAX_LONG_TEXT, MAX_NAME, MAX_TITLE},
        profile::{HostLanguage, HostProfileDraft, Platform, SupplierProfileDraft},
        uscc::Uscc,
    },
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, CurrentAccount, JsonBody},
    policy, reference,
    routes::views::{HostProfileView, SupplierProfileView},
    services::profiles,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(put_my_host_profile, get_my_host_profile))
        .routes(routes!(get_host_profile))
        .routes(routes!(put_my_supplier_profile, get_my_supplier_profile))
        .routes(routes!(get_supplier_profile))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HostProfileRequest {
    display_name: String,
    #[serde(default)]
    headline: String,
    #[serde(default)]
    bio: String,
    /// Where the host lives: ISO 3166-1 alpha-2.
    country: String,
    languages: Vec<HostLanguage>,
    /// Countries or regions (`EU`, `LATAM`, …), stored as countries.
    markets: Vec<String>,
    #[serde(default)]
    categories: Vec<u32>,
    #[serde(default)]
    platforms: Vec<Platform>,
    min_commission_pct: f64,
    #[serde(default)]
    min_fee_cents: i64,
}

impl TryFrom<HostProfileRequest> for HostProfileDraft {
    type Error = AppError;

    fn try_from(r: HostProfileRequest) -> Result<Self, AppError> {
        let mut c = Check::default();
        let mut languages: Vec<HostLanguage> = Vec::new();
        if r.languages.is_empty() || r.languages.len() > 20 {
            c.fail("languages", "must name 1 to 20 languages");
        }
        for (i, l) in r.languages.iter().enumerate() {
            let code = c.language(&format!("languages[{i}].code"), &l.code);
            if languages.iter().any(|x| x.code == code) {
                c.fail(&format!("languages[{i}].code"), "is listed twice");
            }
            languages.push(HostLanguage {
                code,
                level: l.level,
            });
        }
        let mut platforms: Vec<Platform> = Vec::new();
        if r.platforms.len() > 20 {
            c.fail("platforms", "must name at most 20 platforms");
        }
        for (i, p) in r.platforms.iter().enumerate() {
            let name = p.name.trim().to_ascii_lowercase();
            if reference::platforms::get(&name).is_none() {
                c.fail(
                    &format!("platforms[{i}].name"),
                    format!("must be one of {}", reference::platforms::codes()),
                );
            }
            let handle = c.line(&format!("platforms[{i}].handle"), &p.handle, 1, MAX_NAME);
            let followers = c.range_i64(
                &format!("platforms[{i}].followers"),
                p.followers,
                0,
                10_000_000_000,
            );
            platforms.push(Platform {
                name,
                handle,
                followers,
            });
        }
        let draft = HostProfileDraft {
            display_name: c.line("display_name", &r.display_name, 1, MAX_NAME),
            headline: c.line("headline", &r.headline, 0, MAX_TITLE),
            bio: c.paragraphs("bio", &r.bio, MAX_LONG_TEXT),
            country: c.country("country", &r.country),
            languages,
            markets: c.markets("markets", &r.markets, 1),
            categories: c.categories("categories", &r.categories),
            platforms,
            min_commission_pct: c.percent("min_commission_pct", r.min_commission_pct),
            min_fee_cents: c.cents("min_fee_cents", r.min_fee_cents),
        };
        c.finish().map_err(AppError::Validation)?;
        Ok(draft)
    }
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierProfileRequest {
    company_name: String,
    #[serde(default)]
    company_name_zh: String,
    /// The 18-character Unified Social Credit Code of the business licence.
    license_number: String,
    province: String,
    city: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    description_zh: String,
    #[serde(default)]
    categories: Vec<u32>,
    /// Countries or regions, stored as countries.
    target_markets: Vec<String>,
}

impl TryFrom<SupplierProfileRequest> for SupplierProfileDraft {
    type Error = AppError;

    fn try_from(r: SupplierProfileRequest) -> Result<Self, AppError> {
        let mut c = Check::default();
        let license = Uscc::parse(&r.license_number);
        if let Err(m) = &license {
            c.fail("license_number", m.clone());
        }
        let company_name = c.line("company_name", &r.company_name, 1, MAX_TITLE);
        let company_name_zh = c.line("company_name_zh", &r.company_name_zh, 0, MAX_TITLE);
        let province = c.line("province", &r.province, 1, 50);
        let city = c.line("city", &r.city, 1, 50);
        let website = c.url("website", &r.website, true);
        let description = c.paragraphs("description", &r.description, MAX_LONG_TEXT);
        let description_zh = c.paragraphs("description_zh", &r.description_zh, MAX_LONG_TEXT);
        let categories = c.categories("categories", &r.categories);
        let target_markets = c.markets("target_markets", &r.target_markets, 1);
        c.finish().map_err(AppError::Validation)?;
        Ok(Self {
            company_name,
            company_name_zh,
            license_number: license.map_err(|m| AppError::field("license_number", m))?,
            province,
            city,
            website,
            description,
            description_zh,
            categories,
            target_markets,
        })
    }
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
