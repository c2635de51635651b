//! `/settings`: the account's name, language and time zone; a new password (other
//! sessions end); a download of everything held about the account; closing it.

use askama::Template;
use axum::{
    Router,
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use crate::{
    domain::{
        Locale, Password,
        settings::{AccountPatch, PasswordChange},
    },
    services::account::{self, AccountError},
    state::AppState,
    web::{
        auth::languages,
        context::{Flash, SignedIn},
        forms::{FormState, PageForm},
        page::{Frame, PageError, render},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(show_settings).post(save_settings))
        .route("/settings/password", post(change_password))
        .route("/settings/export", get(export))
        .route("/settings/delete", post(delete_account))
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    page: Frame,
    email: String,
    verified: bool,
    languages: [(Locale, &'static str); 2],
    zones: &'static [chrono_tz::Tz],
    /// The details form.
    form: FormState,
    /// The password form.
    password: FormState,
    /// The closing form.
    closing: FormState,
}

fn page(
    me: &SignedIn,
    form: FormState,
    password: FormState,
    closing: FormState,
    status: StatusCode,
) -> Response {
    render(
        status,
        &SettingsPage {
            page: Frame::of(&me.viewer),
            email: me.account.email.clone(),
            verified: me.account.email_verified,
            languages: languages(),
            zones: &chrono_tz::TZ_VARIANTS,
            form,
            password,
            closing,
        },
    )
}

fn current(me: &SignedIn) -> FormState {
    FormState::default()
        .with("display_name", &me.account.display_name)
        .with("locale", me.account.locale.as_str())
        .with("time_zone", &me.account.time_zone)
}

async fn show_settings(me: SignedIn) -> Response {
    page(
        &me,
        current(&me),
        FormState::default(),
        FormState::default(),
        StatusCode::OK,
    )
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    time_zone: String,
}

async fn save_settings(
    State(state): State<AppState>,
    me: SignedIn,
    PageForm(f): PageForm<SettingsForm>,
) -> Result<Response, PageError> {
    let mut form = FormState::default()
        .with("display_name", &f.display_name)
        .with("locale", &f.locale)
        .with("time_zone", &f.time_zone);
    let patch =
        match AccountPatch::parse(Some(&f.display_name), Some(&f.locale), Some(&f.time_zone)) {
            Ok(p) => p,
            Err(errors) => {
                form.fail_all(&me.viewer.i18n, &errors);
                return Ok(page(
                    &me,
                    form,
                    FormState::default(),
                    FormState::default(),
                    StatusCode::UNPROCESSABLE_ENTITY,
                ));
            }
        };
    let account = account::update_me(&state.db, &me.actor, &patch).await?;
    // The language chosen here is also the one remembered for pages (WEB.md).
    let jar = CookieJar::new()
        .add(me.viewer.cookies.lang(account.locale))
        .add(me.viewer.cookies.flash(Flash::SettingsSaved));
    Ok((jar, Redirect::to("/settings")).into_response())
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

async fn change_password(
    State(state): State<AppState>,
    me: SignedIn,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, PageError> {
    let mut pw = FormState::default();
    let change = match PasswordChange::parse(f.current_password, f.new_password) {
        Ok(c) => c,
        Err(e) => {
            pw.fail_all(&me.viewer.i18n, &[e]);
            return Ok(page(
                &me,
                current(&me),
                pw,
                FormState::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let result = account::change_password(
        &state.db,
        &state.hasher,
        state.settings.login_attempts_per_hour,
        &me.actor,
        &change,
        me.viewer.session_id,
    )
    .await;
    match result {
        Ok(()) => {
            let jar = CookieJar::new().add(me.viewer.cookies.flash(Flash::PasswordChanged));
            Ok((jar, Redirect::to("/settings")).into_response())
        }
        Err(AccountError::WrongPassword { field }) => {
            pw.fail(field, me.viewer.i18n.t("error-password-wrong"));
            Ok(page(
                &me,
                current(&me),
                pw,
                FormState::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn export(State(state): State<AppState>, me: SignedIn) -> Result<Response, PageError> {
    let data = account::export(&state.db, &me.actor).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(PageError::internal)?;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"hostmatch-export.json\""),
    );
    Ok(res)
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
}

async fn delete_account(
    State(state): State<AppState>,
    me: SignedIn,
    PageForm(f): PageForm<DeleteForm>,
) -> Result<Response, PageError> {
    let result = account::close(
        &state.db,
        &state.hasher,
        &state.links,
        state.settings.login_attempts_per_hour,
        &me.actor,
        &Password::unchecked(f.password),
    )
    .await;
    let mut closing = FormState::default();
    let status = match result {
        Ok(()) => {
            let jar = CookieJar::new()
                .add(me.viewer.cookies.session_removal())
                .add(me.viewer.cookies.flash(Flash::AccountDeleted));
            return Ok((jar, Redirect::to("/")).into_response());
        }
        Err(AccountError::WrongPassword { .. }) => {
            closing.fail("password", me.viewer.i18n.t("error-password-wrong"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AccountError::LastAdmin) => {
            closing.summary = Some(me.viewer.i18n.t("settings-delete-last-admin"));
            StatusCode::CONFLICT
        }
        Err(e) => return Err(e.into()),
    };
    Ok(page(
        &me,
        current(&me),
        FormState::default(),
        closing,
        status,
    ))
}
