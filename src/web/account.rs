//! Getting back in: `/verify-email?token=` (opening the link shows a button; only its POST
//! spends the token, because mail scanners open links), `POST /verify-email/resend`,
//! `/forgot-password` and `/reset-password?token=`, over the core's lifecycle operations.

use askama::Template;
use axum::{
    Router,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use crate::{
    domain::{EmailAddress, Password},
    services::account::{self, AccountError, Resent},
    state::AppState,
    web::{
        context::{Flash, SignedIn, Viewer},
        forms::{FormState, PageForm},
        page::{Frame, PageError, render},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/verify-email", get(show_verify).post(verify))
        .route("/verify-email/resend", post(resend))
        .route("/forgot-password", get(show_forgot).post(forgot))
        .route("/reset-password", get(show_reset).post(reset))
}

#[derive(Template)]
#[template(path = "auth/token.html")]
struct TokenPage {
    page: Frame,
    /// `verify` or `reset`.
    kind: &'static str,
    /// The token, put back into the form; empty when the link is dead.
    token: String,
    live: bool,
    form: FormState,
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

fn token_page(
    viewer: &Viewer,
    kind: &'static str,
    token: String,
    live: bool,
    form: FormState,
    status: StatusCode,
) -> Response {
    render(
        status,
        &TokenPage {
            page: Frame::of(viewer),
            kind,
            token: if live { token } else { String::new() },
            live,
            form,
        },
    )
}

async fn show_verify(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let token = q.token.unwrap_or_default();
    let live = account::verification_link_is_live(&state.db, &token).await?;
    // A spent or dead link still opens a page, which says what to do next.
    let status = StatusCode::OK;
    Ok(token_page(
        &viewer,
        "verify",
        token,
        live,
        FormState::default(),
        status,
    ))
}

async fn verify(
    State(state): State<AppState>,
    viewer: Viewer,
    PageForm(f): PageForm<TokenForm>,
) -> Result<Response, PageError> {
    match account::verify_email(&state.db, &f.token).await {
        Ok(_) => {
            let jar = CookieJar::new().add(viewer.cookies.flash(Flash::Verified));
            Ok((jar, Redirect::to("/")).into_response())
        }
        Err(AccountError::BadToken) => Ok(token_page(
            &viewer,
            "verify",
            String::new(),
            false,
            FormState::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(e) => Err(e.into()),
    }
}

async fn resend(State(state): State<AppState>, me: SignedIn) -> Result<Response, PageError> {
    let flash = match account::resend_verification(&state.db, &state.links, &me.actor).await? {
        Resent::Sent => Flash::VerificationSent,
        Resent::AlreadyVerified => Flash::Verified,
    };
    let jar = CookieJar::new().add(me.viewer.cookies.flash(flash));
    Ok((jar, Redirect::to("/")).into_response())
}

#[derive(Template)]
#[template(path = "auth/forgot.html")]
struct ForgotPage {
    page: Frame,
    form: FormState,
}

async fn show_forgot(viewer: Viewer) -> Response {
    render(
        StatusCode::OK,
        &ForgotPage {
            page: Frame::of(&viewer),
            form: FormState::default(),
        },
    )
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

async fn forgot(
    State(state): State<AppState>,
    viewer: Viewer,
    PageForm(f): PageForm<ForgotForm>,
) -> Result<Response, PageError> {
    let email = match EmailAddress::parse(&f.email) {
        Ok(e) => e,
        Err(m) => {
            let mut form = FormState::default().with("email", &f.email);
            form.fail_all(
                &viewer.i18n,
                &[crate::domain::fields::FieldError::new("email", m)],
            );
            return Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ForgotPage {
                    page: Frame::of(&viewer),
                    form,
                },
            ));
        }
    };
    // The same answer whether or not the address has an account (the core also takes
    // the same time either way).
    account::forgot_password(&state.db, &state.links, &email).await?;
    let jar = CookieJar::new().add(viewer.cookies.flash(Flash::ResetSent));
    Ok((jar, Redirect::to("/login")).into_response())
}

async fn show_reset(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let token = q.token.unwrap_or_default();
    let live = account::reset_link_is_live(&state.db, &token).await?;
    // A spent or dead link still opens a page, which says what to do next.
    let status = StatusCode::OK;
    Ok(token_page(
        &viewer,
        "reset",
        token,
        live,
        FormState::default(),
        status,
    ))
}

async fn reset(
    State(state): State<AppState>,
    viewer: Viewer,
    PageForm(f): PageForm<TokenForm>,
) -> Result<Response, PageError> {
    let password = match Password::parse(f.password) {
        Ok(p) => p,
        Err(m) => {
            let mut form = FormState::default();
            form.fail_all(
                &viewer.i18n,
                &[crate::domain::fields::FieldError::new("password", m)],
            );
            let live = account::reset_link_is_live(&state.db, &f.token).await?;
            return Ok(token_page(
                &viewer,
                "reset",
                f.token,
                live,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    match account::reset_password(&state.db, &state.hasher, &f.token, &password).await {
        Ok(_) => {
            // Every session ended, this browser's too: it signs in again with the new one.
            let jar = CookieJar::new()
                .add(viewer.cookies.session_removal())
                .add(viewer.cookies.flash(Flash::PasswordReset));
            Ok((jar, Redirect::to("/login")).into_response())
        }
        Err(AccountError::BadToken) => Ok(token_page(
            &viewer,
            "reset",
            String::new(),
            false,
            FormState::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(e) => Err(e.into()),
    }
}
