//! `/products/{id}`: one product as `GET /api/v1/products/{id}` allows it to be seen, both
//! languages (the reader's first), its findings inline (the flagged words marked in the
//! text, each reason with its market, level and source), and the owner's actions.
//! `?archive=confirm` asks before `POST /products/{id}/archive` archives it, so the step
//! works without JavaScript.

use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    db::products::ProductRow,
    domain::{Locale, Role, product::ProductStatus},
    policy::{self, ChangeProduct},
    services::{
        products,
        profiles::{self, ProfileError},
    },
    state::AppState,
    web::{
        context::{Flash, SignedIn},
        findings::{FlagReason, FlaggedField, Segment, cut, flagged_fields, other_reasons},
        page::{Frame, PageError, render},
    },
};

use super::{category_path, findings_of, level_counts, market_summary, pick};

/// One text of the product in one language, cut at its flagged words.
struct Text {
    /// The language it is written in (`en`, `zh-CN`), for `lang=`.
    lang: &'static str,
    segments: Vec<Segment>,
    reasons: Vec<FlagReason>,
}

impl Text {
    fn is_empty(&self) -> bool {
        self.segments.iter().all(|s| s.text.trim().is_empty())
    }
}

#[derive(Template)]
#[template(path = "catalogue/show.html")]
struct ProductPage {
    page: Frame,
    p: ProductRow,
    heading: String,
    /// The titles and descriptions, the reader's language first.
    titles: Vec<Text>,
    descriptions: Vec<Text>,
    category: String,
    markets: String,
    price: String,
    commission: String,
    supplier: String,
    findings: u64,
    levels: Vec<(&'static str, u64)>,
    /// Findings about no text: market rules on the product's category.
    other: Vec<FlagReason>,
    active: bool,
    owner: bool,
    host: bool,
    confirm_archive: bool,
    /// Each image's URL and its alternative text.
    images: Vec<(String, String)>,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    archive: Option<String>,
}

/// The product's texts, the reader's language first, each cut at the findings that
/// point into it (taken out of `fields`); empty ones are left out.
fn texts(
    fields: &mut Vec<FlaggedField>,
    pairs: [(&'static str, &str, &'static str); 2],
    locale: Locale,
) -> Vec<Text> {
    let mut out = Vec::new();
    for (field, text, lang) in pairs {
        let t = match fields.iter().position(|f| f.field == field) {
            Some(i) => {
                let f = fields.swap_remove(i);
                Text {
                    lang,
                    segments: f.segments,
                    reasons: f.reasons,
                }
            }
            None => Text {
                lang,
                segments: cut(text, &[]),
                reasons: Vec::new(),
            },
        };
        if !t.is_empty() {
            out.push(t);
        }
    }
    if locale == Locale::ZhCn {
        out.reverse();
    }
    out
}

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    let p = products::get(&state.db, &me.actor, id).await?;
    let i18n = &me.viewer.i18n;
    let locale = i18n.locale;
    let supplier = match profiles::get_supplier(&state.db, &me.actor, p.supplier_id).await {
        Ok((profile, _)) => {
            pick(locale, &profile.company_name, &profile.company_name_zh).to_owned()
        }
        // No company profile yet: the owner reads their own name, others a neutral word.
        Err(ProfileError::NotFound) if me.account.id == p.supplier_id => {
            me.account.display_name.clone()
        }
        Err(ProfileError::NotFound) => i18n.t("catalogue-supplier-unnamed"),
        Err(e) => return Err(e.into()),
    };
    let findings = findings_of(&p);
    let mut fields = flagged_fields(
        &[
            ("title", &p.title),
            ("title_zh", &p.title_zh),
            ("description", &p.description),
            ("description_zh", &p.description_zh),
        ],
        &findings,
        i18n,
    );
    let owner = matches!(
        policy::may_change_product(&me.actor, p.supplier_id),
        ChangeProduct::Allowed
    );
    let active = p.status == ProductStatus::Active;
    let heading = pick(locale, &p.title, &p.title_zh).to_owned();
    let images = p
        .image_urls
        .0
        .iter()
        .enumerate()
        .map(|(i, url)| {
            let alt = i18n.t_args(
                "catalogue-image-alt",
                &[
                    ("title", heading.as_str().into()),
                    ("n", (i as u64 + 1).into()),
                ],
            );
            (url.clone(), alt)
        })
        .collect();
    let t = ProductPage {
        images,
        heading,
        titles: texts(
            &mut fields,
            [
                ("title", &p.title, "en"),
                ("title_zh", &p.title_zh, "zh-CN"),
            ],
            locale,
        ),
        descriptions: texts(
            &mut fields,
            [
                ("description", &p.description, "en"),
                ("description_zh", &p.description_zh, "zh-CN"),
            ],
            locale,
        ),
        category: u32::try_from(p.category)
            .map(|c| category_path(c, locale))
            .unwrap_or_default(),
        markets: market_summary(&p.target_markets.0, i18n, true),
        price: i18n.money(p.price_cents),
        commission: i18n.t1("catalogue-percent", "value", p.commission_pct),
        supplier,
        findings: findings.len() as u64,
        levels: level_counts(&findings),
        other: other_reasons(&findings, locale),
        active,
        owner,
        host: me.is(Role::Host),
        confirm_archive: owner && active && q.archive.as_deref() == Some("confirm"),
        page: Frame::of(&me.viewer),
        p,
    };
    Ok(render(StatusCode::OK, &t))
}

/// `POST /products/{id}/archive`: as `DELETE /api/v1/products/{id}`, for the owner; the
/// product leaves search. Archiving twice changes nothing.
pub async fn archive(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    products::archive(&state.db, &me.actor, id).await?;
    let jar = CookieJar::new().add(me.viewer.cookies.flash(Flash::ProductArchived));
    Ok((jar, Redirect::to(&format!("/products/{id}"))).into_response())
}
