//! `/register`, `/login`, `POST /logout`: getting in and out with a browser session.

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
    domain::{Locale, Password},
    services::{
        auth::{self, AuthError, Registration},
        web_sessions,
    },
    state::AppState,
    web::{
        context::{Flash, Viewer},
        forms::{FormState, PageForm},
        page::{Frame, PageError, render},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/register", get(show_register).post(register))
        .route("/login", get(show_login).post(login))
        .route("/logout", post(logout))
}

#[derive(Template)]
#[template(path = "auth/register.html")]
struct RegisterPage {
    page: Frame,
    form: FormState,
    languages: [(Locale, &'static str); 2],
}

#[derive(Deserialize)]
struct RegisterQuery {
    role: Option<String>,
}

async fn show_register(viewer: Viewer, Query(q): Query<RegisterQuery>) -> Response {
    let form = FormState::default()
        .with("role", q.role.as_deref().unwrap_or(""))
        .with("locale", viewer.i18n.locale.as_str());
    render(
        StatusCode::OK,
        &RegisterPage {
            page: Frame::of(&viewer),
            form,
            languages: languages(),
        },
    )
}

#[derive(Deserialize)]
struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    display_name: String,
    locale: Option<String>,
}

async fn register(
    State(state): State<AppState>,
    viewer: Viewer,
    PageForm(f): PageForm<RegisterForm>,
) -> Result<Response, PageError> {
    let mut form = FormState::default();
    form.keep("email", &f.email)
        .keep("role", &f.role)
        .keep("display_name", &f.display_name)
        .keep("locale", f.locale.as_deref().unwrap_or(""));
    let again = |form: FormState, status| {
        render(
            status,
            &RegisterPage {
                page: Frame::of(&viewer),
                form,
                languages: languages(),
            },
        )
    };
    let locale = f.locale.as_deref().filter(|l| !l.is_empty());
    let reg = match Registration::parse(&f.email, f.password, &f.role, &f.display_name, locale) {
        Ok(reg) => reg,
        Err(errors) => {
            form.fail_all(&viewer.i18n, &errors);
            return Ok(again(form, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let account = match auth::register(&state.db, &state.hasher, &state.links, reg).await {
        Ok(a) => a,
        Err(AuthError::EmailTaken) => {
            // A field error like any other (WEB.md: 422), though the API answers 409.
            form.fail("email", viewer.i18n.t("register-email-taken"));
            return Ok(again(form, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Err(e) => return Err(e.into()),
    };
    let started = web_sessions::start(&state.db, account.id).await?;
    let jar = CookieJar::new()
        .add(viewer.cookies.session(started.token))
        .add(viewer.cookies.flash(Flash::Registered));
    Ok((jar, Redirect::to("/")).into_response())
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    page: Frame,
    form: FormState,
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

async fn show_login(viewer: Viewer, Query(q): Query<LoginQuery>) -> Response {
    let next = q.next.as_deref().and_then(safe_next).unwrap_or("");
    render(
        StatusCode::OK,
        &LoginPage {
            page: Frame::of(&viewer),
            form: FormState::default().with("next", next),
        },
    )
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    viewer: Viewer,
    PageForm(f): PageForm<LoginForm>,
) -> Result<Response, PageError> {
    let next = f
        .next
        .as_deref()
        .and_then(safe_next)
        .unwrap_or("/")
        .to_owned();
    let mut form = FormState::default();
    form.keep("email", &f.email).keep("next", &next);
    let result = auth::authenticate(
        &state.db,
        &state.hasher,
        state.settings.login_attempts_per_hour,
        &f.email,
        Password::unchecked(f.password),
    )
    .await;
    let (status, key) = match result {
        Ok(account) => {
            // A new token at every login: a token planted before it is worth nothing.
            let started = web_sessions::start(&state.db, account.id).await?;
            let mut jar = CookieJar::new().add(viewer.cookies.session(started.token));
            if next == "/" {
                jar = jar.add(viewer.cookies.flash(Flash::LoggedIn));
            }
            tracing::info!(account.id = %account.id, "signed in on the web");
            return Ok((jar, Redirect::to(&next)).into_response());
        }
        Err(AuthError::InvalidCredentials) => (StatusCode::UNPROCESSABLE_ENTITY, "login-wrong"),
        Err(AuthError::Suspended) => (StatusCode::FORBIDDEN, "login-suspended"),
        Err(AuthError::Throttled { retry_after_secs }) => {
            let minutes = retry_after_secs.div_ceil(60).max(1);
            form.summary = Some(viewer.i18n.t1("login-throttled", "minutes", minutes));
            let mut res = render(
                StatusCode::TOO_MANY_REQUESTS,
                &LoginPage {
                    page: Frame::of(&viewer),
                    form,
                },
            );
            if let Ok(v) = retry_after_secs.to_string().parse() {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            return Ok(res);
        }
        Err(e) => return Err(e.into()),
    };
    form.summary = Some(viewer.i18n.t(key));
    Ok(render(
        status,
        &LoginPage {
            page: Frame::of(&viewer),
            form,
        },
    ))
}

async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    jar: CookieJar,
) -> Result<Response, PageError> {
    if let Some(c) = jar.get(viewer.cookies.session_name()) {
        web_sessions::end(&state.db, c.value()).await?;
    }
    let jar = CookieJar::new()
        .add(viewer.cookies.session_removal())
        .add(viewer.cookies.flash(Flash::LoggedOut));
    Ok((jar, Redirect::to("/")).into_response())
}

/// A `next` that stays on this site: a path, not `//host` or `/\host`, no scheme.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control)
        && next.len() <= 2000;
    ok.then_some(next)
}

/// The languages a person may choose, as (code, name in that language).
pub fn languages() -> [(Locale, &'static str); 2] {
    [(Locale::En, "English"), (Locale::ZhCn, "简体中文")]
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_never_leaves_the_site() {
        assert_eq!(safe_next("/admin?x=1"), Some("/admin?x=1"));
        assert_eq!(safe_next("//evil.example"), None);
        assert_eq!(safe_next("/\\evil.example"), None);
        assert_eq!(safe_next("https://evil.example"), None);
        assert_eq!(safe_next("/a\r\nSet-Cookie: x"), None);
    }
}
