//! `/offers/{id}`: one offer for its two parties and admins (404 for anyone else, as the
//! API), with the answers as buttons that post: the host accepts or declines (a reason if
//! they like), the supplier withdraws. Each answers 303 back with a flash; a change the
//! offer has already moved past re-draws the page with 409 and says so.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    domain::{
        Role,
        offer::{DeclineReason, OfferMove},
    },
    services::offers::{self, DeclineRequest, OfferError},
    state::AppState,
    web::{
        context::{Flash, SignedIn},
        forms::{FormState, PageForm},
        offers::{OfferSummary, WarningLine, title_in, warning_lines},
        page::{Frame, PageError, render},
    },
};

#[derive(Template)]
#[template(path = "offers/show.html")]
struct OfferPage {
    page: Frame,
    o: OfferSummary,
    message: String,
    decline_reason: Option<String>,
    warnings: Vec<WarningLine>,
    /// Which answers the reader may give now.
    may_answer: bool,
    may_withdraw: bool,
    form: FormState,
    /// Why the last answer changed nothing (409).
    notice: Option<String>,
}

fn offer_id(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| PageError::NotFound)
}

async fn draw(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    form: FormState,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let offer = offers::get(&state.db, &me.actor, id).await?;
    let names = offers::describe(&state.db, std::slice::from_ref(&offer)).await?;
    let i18n = &me.viewer.i18n;
    let o = OfferSummary::new(&offer, &names, i18n);
    let is_host = me.is(Role::Host) && offer.row.host_id == me.actor.id;
    let is_supplier = me.is(Role::Supplier) && offer.row.supplier_id == me.actor.id;
    let page = OfferPage {
        may_answer: o.open && is_host,
        may_withdraw: o.open && is_supplier,
        message: offer.row.message.clone(),
        decline_reason: offer.row.decline_reason.clone(),
        warnings: warning_lines(&offer.row.warnings.0, i18n.locale, |id| {
            names
                .products
                .get(&id)
                .map(|(en, zh)| title_in(i18n.locale, en, zh))
        }),
        o,
        form,
        notice,
        page: Frame::of(&me.viewer),
    };
    Ok(render(status, &page))
}

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = offer_id(&id)?;
    draw(&state, &me, id, FormState::default(), None, StatusCode::OK).await
}

/// Makes the move; the page again with a flash, or with why nothing changed.
async fn answer(
    state: &AppState,
    me: &SignedIn,
    id: &str,
    mv: OfferMove,
    reason: Option<String>,
) -> Result<Response, PageError> {
    let id = offer_id(id)?;
    let i18n = &me.viewer.i18n;
    let mut form = FormState::default();
    if let Some(r) = &reason {
        form.keep("reason", r);
    }
    let moved = offers::make_move(&state.db, &state.links, &me.actor, id, mv, || {
        let reason = DeclineReason::try_from(DeclineRequest {
            reason,
            version: None,
        });
        reason
            .map(|r| offers::Said {
                reason: r.0,
                version: None,
            })
            .map_err(|e| OfferError::Invalid(vec![e]))
    })
    .await;
    match moved {
        Ok(_) => {
            let flash = match mv {
                OfferMove::Accept => Flash::OfferAccepted,
                OfferMove::Decline => Flash::OfferDeclined,
                OfferMove::Withdraw => Flash::OfferWithdrawn,
            };
            let jar = CookieJar::new().add(me.viewer.cookies.flash(flash));
            Ok((jar, Redirect::to(&format!("/offers/{id}"))).into_response())
        }
        Err(OfferError::Closed(now)) => {
            let key = format!("offer-status-{}", now.as_str());
            let notice = i18n.t1("offer-already", "status", i18n.t(&key));
            draw(state, me, id, form, Some(notice), StatusCode::CONFLICT).await
        }
        Err(OfferError::Invalid(errors)) => {
            form.fail_all(i18n, &errors);
            draw(state, me, id, form, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn accept(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    answer(&state, &me, &id, OfferMove::Accept, None).await
}

#[derive(Deserialize)]
pub struct DeclineForm {
    #[serde(default)]
    reason: String,
}

pub async fn decline(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    PageForm(f): PageForm<DeclineForm>,
) -> Result<Response, PageError> {
    answer(&state, &me, &id, OfferMove::Decline, Some(f.reason)).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    answer(&state, &me, &id, OfferMove::Withdraw, None).await
}
