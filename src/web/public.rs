//! `/hosts/{id}` and `/suppliers/{id}`: a host's or a supplier's profile as others see
//! it, visible exactly as `GET /api/v1/hosts/{id}` and `/api/v1/suppliers/{id}` allow
//! (the same service; 404 where the API answers 404). A supplier looking at a host gets
//! the way to an offer; a supplier's page lists its active products. Both show the
//! published reviews and the track record they add up to.

use askama::Template;
use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::get,
};
use uuid::Uuid;

use crate::{
    db::products::ProductRow,
    domain::{Locale, PageRequest, Role, findings::Finding, product::ProductStatus},
    policy,
    reference::{markets, platforms},
    services::{products, profiles},
    state::AppState,
    web::{
        context::SignedIn,
        findings::{FlaggedField, flagged_fields},
        i18n::I18n,
        page::{Frame, PageError, render},
        pickers::{category_path, country_name, language_name},
        reviews::{ProfileReviews, on_profile},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/hosts/{id}", get(host))
        .route("/suppliers/{id}", get(supplier))
}

/// Markets as a person reads them: the named regions they fill, then the other countries.
pub fn market_names(i18n: &I18n, countries: &[String]) -> Vec<String> {
    let mut left: Vec<&str> = countries.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut regions: Vec<_> = markets::all()
        .iter()
        .filter(|m| m.kind == "region")
        .collect();
    // The widest first, so that GCC is not named inside a MENA already named.
    regions.sort_by_key(|r| std::cmp::Reverse(r.countries.len()));
    for r in regions {
        if r.countries.iter().all(|c| left.contains(c)) {
            out.push(match i18n.locale {
                Locale::En => r.name.to_owned(),
                Locale::ZhCn => r.name_zh.unwrap_or(r.name).to_owned(),
            });
            left.retain(|c| !r.countries.contains(c));
        }
    }
    out.extend(left.iter().map(|c| country_name(i18n, c)));
    out
}

pub struct LanguageLine {
    pub name: String,
    pub level: &'static str,
}

pub struct PlatformLine {
    pub name: String,
    pub handle: String,
    pub followers: String,
}

#[derive(Template)]
#[template(path = "profile/host_public.html")]
struct HostPage {
    page: Frame,
    id: Uuid,
    display_name: String,
    headline: String,
    bio: String,
    country: String,
    languages: Vec<LanguageLine>,
    markets: Vec<String>,
    categories: Vec<String>,
    platforms: Vec<PlatformLine>,
    followers_total: String,
    rating: Option<String>,
    completed: u64,
    min_commission: String,
    min_fee: String,
    /// Whether the reader may send this host an offer (a supplier).
    may_offer: bool,
    /// The host's own page: the way to the form.
    own: bool,
    /// For the host and admins: what screening found.
    fields: Vec<FlaggedField>,
    reviews: ProfileReviews,
}

fn parse_id(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| PageError::NotFound)
}

fn count(i18n: &I18n, n: i64) -> String {
    // Grouped as money is, without the currency.
    let s = i18n.money(n * 100);
    s.trim_start_matches("US$")
        .trim_end_matches(".00")
        .to_owned()
}

async fn host(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&id)?;
    let (row, _) = profiles::get_host(&state.db, &me.actor, id).await?;
    let i18n = &me.viewer.i18n;
    let fields = if policy::sees_host_findings(&me.actor, id) {
        let here: Vec<Finding> = row
            .compliance
            .0
            .iter()
            .filter(|f| f.reaches(&row.markets.0))
            .cloned()
            .collect();
        flagged_fields(
            &[("headline", &row.headline), ("bio", &row.bio)],
            &here,
            i18n,
        )
    } else {
        Vec::new()
    };
    let t = HostPage {
        page: Frame::of(&me.viewer),
        id,
        display_name: row.display_name.clone(),
        headline: row.headline.clone(),
        bio: row.bio.clone(),
        country: country_name(i18n, &row.country),
        languages: row
            .languages
            .0
            .iter()
            .map(|l| LanguageLine {
                name: language_name(i18n, &l.code),
                level: match l.level {
                    crate::domain::profile::LanguageLevel::Native => "native",
                    crate::domain::profile::LanguageLevel::Fluent => "fluent",
                    crate::domain::profile::LanguageLevel::Conversational => "conversational",
                },
            })
            .collect(),
        markets: market_names(i18n, &row.markets.0),
        categories: row
            .categories
            .0
            .iter()
            .filter_map(|c| category_path(i18n, *c))
            .collect(),
        platforms: row
            .platforms
            .0
            .iter()
            .map(|p| PlatformLine {
                name: platforms::get(&p.name).map_or_else(
                    || p.name.clone(),
                    |pl| match i18n.locale {
                        Locale::En => pl.name.to_owned(),
                        Locale::ZhCn => pl.name_zh.to_owned(),
                    },
                ),
                handle: p.handle.clone(),
                followers: count(i18n, p.followers),
            })
            .collect(),
        followers_total: count(i18n, row.followers_total),
        rating: row.rating.map(|r| format!("{r:.1}")),
        completed: u64::try_from(row.completed_collaborations).unwrap_or(0),
        min_commission: format!("{}%", row.min_commission_pct),
        min_fee: i18n.money(row.min_fee_cents),
        may_offer: me.account.role == Role::Supplier,
        own: me.account.id == id,
        fields,
        reviews: on_profile(
            &state,
            &me,
            Role::Host,
            id,
            row.rating,
            row.completed_collaborations,
        )
        .await?,
    };
    Ok(render(StatusCode::OK, &t))
}

pub struct ProductLine {
    pub id: Uuid,
    pub title: String,
    pub category: String,
    pub price: String,
    pub commission: String,
}

#[derive(Template)]
#[template(path = "profile/supplier_public.html")]
struct SupplierPage {
    page: Frame,
    /// The name in the reader's language first, the other after it (if different).
    name: String,
    other_name: Option<String>,
    place: String,
    website: String,
    /// Descriptions, the reader's language first: (text, lang).
    descriptions: Vec<(String, &'static str)>,
    categories: Vec<String>,
    markets: Vec<String>,
    products: Vec<ProductLine>,
    own: bool,
    rating: Option<String>,
    completed: u64,
    reviews: ProfileReviews,
}

/// The most products a supplier's page lists.
const PRODUCTS_SHOWN: u64 = 100;

fn product_line(i18n: &I18n, p: &ProductRow) -> ProductLine {
    let (first, second) = match i18n.locale {
        Locale::En => (&p.title, &p.title_zh),
        Locale::ZhCn => (&p.title_zh, &p.title),
    };
    ProductLine {
        id: p.id,
        title: if first.trim().is_empty() {
            second
        } else {
            first
        }
        .clone(),
        category: u32::try_from(p.category)
            .ok()
            .and_then(|c| category_path(i18n, c))
            .unwrap_or_default(),
        price: i18n.money(p.price_cents),
        commission: format!("{}%", p.commission_pct),
    }
}

async fn supplier(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&id)?;
    let (row, _) = profiles::get_supplier(&state.db, &me.actor, id).await?;
    let i18n = &me.viewer.i18n;
    let listing = PageRequest {
        page: 1,
        per_page: PRODUCTS_SHOWN,
    };
    let (rows, _) = products::list(
        &state.db,
        &me.actor,
        id,
        Some(crate::domain::product::ProductStatus::Active),
        listing,
    )
    .await?;
    let zh_first = i18n.locale == Locale::ZhCn;
    let (name, other) = if zh_first && !row.company_name_zh.trim().is_empty() {
        (row.company_name_zh.clone(), row.company_name.clone())
    } else if row.company_name.trim().is_empty() {
        (row.company_name_zh.clone(), String::new())
    } else {
        (row.company_name.clone(), row.company_name_zh.clone())
    };
    let mut descriptions = vec![
        (row.description.clone(), "en"),
        (row.description_zh.clone(), "zh-CN"),
    ];
    if zh_first {
        descriptions.reverse();
    }
    descriptions.retain(|(d, _)| !d.trim().is_empty());
    let t = SupplierPage {
        page: Frame::of(&me.viewer),
        other_name: (!other.trim().is_empty() && other != name).then_some(other),
        name,
        place: [row.city.as_str(), row.province.as_str()]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        website: row.website.clone(),
        descriptions,
        categories: row
            .categories
            .0
            .iter()
            .filter_map(|c| category_path(i18n, *c))
            .collect(),
        markets: market_names(i18n, &row.target_markets.0),
        products: rows
            .iter()
            .filter(|p| p.status == ProductStatus::Active)
            .map(|p| product_line(i18n, p))
            .collect(),
        own: me.account.id == id,
        rating: row.rating.map(|r| format!("{r:.1}")),
        completed: u64::try_from(row.completed_collaborations).unwrap_or(0),
        reviews: on_profile(
            &state,
            &me,
            Role::Supplier,
            id,
            row.rating,
            row.completed_collaborations,
        )
        .await?,
    };
    Ok(render(StatusCode::OK, &t))
}

#[cfg(test)]
mod tests {
    use chrono_tz::Tz;

    use super::*;

    #[test]
    fn filled_regions_are_named_and_the_rest_are_countries() {
        let zh = I18n::new(Locale::ZhCn, Tz::UTC);
        let gcc: Vec<String> = ["AE", "BH", "KW", "OM", "QA", "SA", "BR"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(market_names(&zh, &gcc), ["海湾阿拉伯国家", "巴西"]);
        let en = I18n::new(Locale::En, Tz::UTC);
        assert_eq!(count(&en, 1_234_567), "1,234,567");
    }
}
