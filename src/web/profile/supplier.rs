//! The supplier's own company profile form: names and descriptions in Chinese and
//! English, the business licence's USCC (checked by the core, its problem said plainly),
//! province and city, website, categories (the tree picker) and target markets (regions
//! expand). Saved through `services::profiles::put_supplier`, as `PUT /api/v1/suppliers/me`.

use askama::Template;
use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;

use crate::{
    db::profiles::SupplierRow,
    domain::{AccountStatus, profile::SupplierProfileDraft},
    services::{
        profile_input::SupplierProfileRequest,
        profiles::{self, ProfileError},
    },
    state::AppState,
    web::{
        context::{Flash, SignedIn},
        forms::FormState,
        page::{Frame, PageError, render},
        pickers::{self, CategoryPicker, MarketPicker},
    },
};

use super::{
    SaveError, message,
    posted::{self, Posted},
};

/// The single-valued fields, in the form's order.
const FIELDS: &[&str] = &[
    "company_name_zh",
    "company_name",
    "license_number",
    "province",
    "city",
    "website",
    "description_zh",
    "description",
];

#[derive(Template)]
#[template(path = "profile/supplier.html")]
struct SupplierForm {
    page: Frame,
    form: FormState,
    categories: CategoryPicker,
    markets: MarketPicker,
    /// The public page, once there is a profile to show.
    public: Option<String>,
    approved: bool,
}

fn draw(
    me: &SignedIn,
    form: FormState,
    categories: &[u32],
    markets: &[String],
    saved: bool,
    status: StatusCode,
) -> Response {
    let i18n = &me.viewer.i18n;
    render(
        status,
        &SupplierForm {
            page: Frame::of(&me.viewer),
            categories: pickers::category_picker(i18n, "categories", true, categories),
            markets: pickers::market_picker(i18n, "target_markets", markets),
            public: saved.then(|| format!("/suppliers/{}", me.account.id)),
            approved: me.account.status == AccountStatus::Approved,
            form,
        },
    )
}

fn current(row: &SupplierRow) -> FormState {
    FormState::default()
        .with("company_name", &row.company_name)
        .with("company_name_zh", &row.company_name_zh)
        .with("license_number", &row.license_number)
        .with("province", &row.province)
        .with("city", &row.city)
        .with("website", &row.website)
        .with("description", &row.description)
        .with("description_zh", &row.description_zh)
}

pub async fn show(state: &AppState, me: &SignedIn) -> Result<Response, PageError> {
    match profiles::get_supplier(&state.db, &me.actor, me.actor.id).await {
        Ok((row, _)) => Ok(draw(
            me,
            current(&row),
            &row.categories.0,
            &row.target_markets.0,
            true,
            StatusCode::OK,
        )),
        Err(ProfileError::NotFound) => Ok(draw(
            me,
            FormState::default(),
            &[],
            &[],
            false,
            StatusCode::OK,
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn save(state: &AppState, me: &SignedIn, p: Posted) -> Result<Response, PageError> {
    let i18n = &me.viewer.i18n;
    let mut form = FormState::default();
    posted::keep(&mut form, &p, FIELDS);
    let raw_categories = p.all("categories");
    let categories: Vec<u32> = raw_categories
        .iter()
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    let markets = p.all("target_markets");
    let unreadable = categories.len() != raw_categories.len();
    let request = SupplierProfileRequest {
        company_name: p.one("company_name"),
        company_name_zh: p.one("company_name_zh"),
        license_number: p.one("license_number"),
        province: p.one("province"),
        city: p.one("city"),
        website: p.one("website"),
        description: p.one("description"),
        description_zh: p.one("description_zh"),
        categories: categories.clone(),
        target_markets: markets.clone(),
    };
    let result = profiles::put_supplier(&state.db, &me.actor, || {
        let draft = SupplierProfileDraft::try_from(request);
        match (draft, unreadable) {
            (Ok(d), false) => Ok(d),
            (Ok(_), true) => Err(SaveError::Invalid(Vec::new())),
            (Err(errors), _) => Err(SaveError::Invalid(errors)),
        }
    })
    .await;
    match result {
        Ok(_) => {
            let jar = CookieJar::new().add(me.viewer.cookies.flash(Flash::ProfileSaved));
            Ok((jar, Redirect::to("/me/profile")).into_response())
        }
        Err(SaveError::Invalid(errors)) => {
            for e in &errors {
                form.fail(&e.field, message(i18n, e));
            }
            if unreadable {
                form.fail("categories", i18n.t("error-invalid"));
            }
            let saved = profiles::get_supplier(&state.db, &me.actor, me.actor.id)
                .await
                .is_ok();
            Ok(draw(
                me,
                form,
                &categories,
                &markets,
                saved,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
        Err(SaveError::Profile(e)) => Err(e.into()),
    }
}
