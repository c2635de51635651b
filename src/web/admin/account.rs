//! `/admin/accounts/{id}`: one account as an admin vets it (its details, its profile, the
//! flagged spans of its content) and `POST /admin/accounts/{id}/{action}`, the decision
//! with its reason, through the same vetting operation as the API.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use sea_orm::DbErr;
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    domain::{AccountStatus, VettingAction, account::parse_reason, fields::FieldError},
    services::vetting::{self, QueueRow, VettingError},
    state::AppState,
    web::{
        context::{AdminPage, Flash, SignedIn},
        findings::{self as flags, FlagReason, FlaggedField},
        forms::{FormState, PageForm},
        page::{Frame, PageError, render},
    },
};

#[derive(Template)]
#[template(path = "admin/account.html")]
struct AccountPage {
    page: Frame,
    row: QueueRow,
    title: String,
    joined: String,
    host_flags: Vec<FlaggedField>,
    products: Vec<FlaggedProduct>,
    /// The decisions the account's status allows, each as (action, message key).
    actions: Vec<(VettingAction, &'static str)>,
    form: FormState,
}

struct FlaggedProduct {
    title: String,
    fields: Vec<FlaggedField>,
    other: Vec<FlagReason>,
}

impl AccountPage {
    fn is_closed(&self) -> bool {
        self.row.account.status == AccountStatus::Closed
    }
}

pub async fn show_account(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    let row = vetting::account(&state.db, &me.actor, id).await?;
    Ok(page(&me, row, FormState::default(), StatusCode::OK))
}

fn page(me: &SignedIn, row: QueueRow, form: FormState, status: StatusCode) -> Response {
    let i18n = &me.viewer.i18n;
    let host_flags = row.host.as_ref().map_or_else(Vec::new, |h| {
        flags::flagged_fields(
            &[("headline", &h.headline), ("bio", &h.bio)],
            &h.compliance,
            i18n,
        )
    });
    let products = row
        .flagged_products
        .iter()
        .map(|p| FlaggedProduct {
            title: p.title.clone(),
            fields: flags::flagged_fields(
                &[
                    ("title", &p.title),
                    ("title_zh", &p.title_zh),
                    ("description", &p.description),
                    ("description_zh", &p.description_zh),
                ],
                &p.compliance,
                i18n,
            ),
            other: flags::other_reasons(&p.compliance, i18n.locale),
        })
        .collect();
    let current = row.account.status;
    let actions = VettingAction::ALL
        .iter()
        .filter(|a| a.transition().0.contains(&current))
        .map(|a| (*a, action_key(*a)))
        .collect();
    let t = AccountPage {
        title: i18n.t1(
            "admin-account-title",
            "name",
            row.account.display_name.as_str(),
        ),
        joined: i18n.datetime(&row.account.created_at),
        host_flags,
        products,
        actions,
        form,
        page: Frame::of(&me.viewer),
        row,
    };
    render(status, &t)
}

fn action_key(a: VettingAction) -> &'static str {
    match a {
        VettingAction::Approve => "admin-approve",
        VettingAction::Reject => "admin-reject",
        VettingAction::Suspend => "admin-suspend",
        VettingAction::Reinstate => "admin-reinstate",
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    reason: Option<String>,
}

/// Why a decision did not happen.
#[derive(Debug, thiserror::Error)]
enum DecisionError {
    #[error(transparent)]
    Vetting(#[from] VettingError),
    #[error("invalid reason")]
    Reason(FieldError),
}

impl From<DbErr> for DecisionError {
    fn from(e: DbErr) -> Self {
        Self::Vetting(e.into())
    }
}

pub async fn decide(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    Path((id, action)): Path<(String, String)>,
    PageForm(f): PageForm<DecisionForm>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    let action = VettingAction::parse(&action).ok_or(PageError::NotFound)?;
    let raw = f.reason.clone();
    let result = vetting::vet(&state.db, &state.links, &me.actor, id, action, || {
        parse_reason(raw, action.requires_reason()).map_err(DecisionError::Reason)
    })
    .await;
    let mut form = FormState::default();
    form.keep(
        &format!("reason-{action}"),
        f.reason.as_deref().unwrap_or(""),
    );
    let status = match result {
        Ok(_) => {
            let jar = CookieJar::new().add(me.viewer.cookies.flash(Flash::Vetted));
            return Ok((jar, Redirect::to(&format!("/admin/accounts/{id}"))).into_response());
        }
        Err(DecisionError::Reason(e)) => {
            form.fail(&format!("reason-{action}"), me.viewer.i18n.field_error(&e));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(DecisionError::Vetting(
            VettingError::WrongStatus { .. } | VettingError::AdminTarget,
        )) => {
            form.summary = Some(me.viewer.i18n.t("admin-decision-invalid"));
            StatusCode::CONFLICT
        }
        Err(DecisionError::Vetting(VettingError::EmailNotVerified)) => {
            form.summary = Some(me.viewer.i18n.t("admin-account-unverified"));
            StatusCode::CONFLICT
        }
        Err(DecisionError::Vetting(e)) => return Err(e.into()),
    };
    let row = vetting::account(&state.db, &me.actor, id).await?;
    Ok(page(&me, row, form, status))
}
