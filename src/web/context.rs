//! Who is reading a page and in which language: one middleware resolves the session
//! cookie, the language (WEB.md's order: `?lang=`, the remembered choice, the account's
//! locale, `Accept-Language`, English), the reader's time zone and the flash message, and
//! writes back the cookies that follow (a remembered language, a spent flash, an ended
//! session). Handlers take [`Viewer`], [`SignedIn`] or [`AdminPage`].

use axum::{
    extract::{FromRequestParts, Request, State},
    http::{HeaderValue, StatusCode, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono_tz::Tz;

use crate::{
    db::accounts::AccountRow,
    domain::{AccountStatus, Actor, Locale, Role, string_enum::string_enum},
    policy,
    services::{nav_counts, web_sessions},
    state::AppState,
    web::{
        i18n::I18n,
        page::{ErrorMarker, PageError, draw_error},
    },
};

/// The remembered language choice.
const LANG_COOKIE: &str = "hm_lang";
/// A message for the next page a person sees, by its key.
const FLASH_COOKIE: &str = "hm_flash";

string_enum! {
    /// The messages shown once, on the page after an action (`flash-<key>` in the
    /// catalogues). Only these keys are read back from the cookie.
    pub enum Flash {
        Registered => "registered",
        LoggedIn => "logged-in",
        LoggedOut => "logged-out",
        Verified => "verified",
        VerificationSent => "verification-sent",
        ResetSent => "reset-sent",
        PasswordReset => "password-reset",
        SettingsSaved => "settings-saved",
        PasswordChanged => "password-changed",
        AccountDeleted => "account-deleted",
        Vetted => "vetted",
        RuleAdded => "rule-added",
        RuleRemoved => "rule-removed",
        TermAdded => "term-added",
        TermRemoved => "term-removed",
        OfferSent => "offer-sent",
        OfferAccepted => "offer-accepted",
        OfferDeclined => "offer-declined",
        OfferWithdrawn => "offer-withdrawn",
        OfferCountered => "offer-countered",
        MessageSent => "message-sent",
        CollabScheduled => "collab-scheduled",
        CollabShipped => "collab-shipped",
        CollabReceived => "collab-received",
        CollabCompleted => "collab-completed",
        CollabConfirmed => "collab-confirmed",
        CollabCancelled => "collab-cancelled",
        ReviewSent => "review-sent",
        ProductCreated => "product-created",
        ProductSaved => "product-saved",
        ProductArchived => "product-archived",
        ProfileSaved => "profile-saved",
    }
}

/// The cookie names and flags, which follow the public URL's scheme (WEB.md).
#[derive(Debug, Clone, Copy)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    pub fn of(state: &AppState) -> Self {
        Self {
            secure: state.links.app().starts_with("https://"),
        }
    }

    /// `__Host-hm_session` on https (the prefix pins it to this host and path `/`),
    /// `hm_session` otherwise.
    pub fn session_name(self) -> &'static str {
        if self.secure {
            "__Host-hm_session"
        } else {
            "hm_session"
        }
    }

    fn base(self, name: &'static str, value: String) -> Cookie<'static> {
        let mut c = Cookie::new(name, value);
        c.set_path("/");
        c.set_http_only(true);
        c.set_same_site(SameSite::Lax);
        c.set_secure(self.secure);
        c
    }

    /// The session cookie for a new token. It carries no `Max-Age`: the server ends the
    /// session, and a browser that keeps the cookie longer holds a dead token.
    pub fn session(self, token: String) -> Cookie<'static> {
        let mut c = self.base(self.session_name(), token);
        c.set_max_age(time_duration(web_sessions::ABSOLUTE.num_seconds()));
        c
    }

    pub fn flash(self, flash: Flash) -> Cookie<'static> {
        self.base(FLASH_COOKIE, flash.as_str().to_owned())
    }

    pub fn lang(self, locale: Locale) -> Cookie<'static> {
        let mut c = self.base(LANG_COOKIE, locale.as_str().to_owned());
        c.set_max_age(time_duration(365 * 24 * 3600));
        c
    }

    fn removal(self, name: &'static str) -> Cookie<'static> {
        let mut c = self.base(name, String::new());
        c.make_removal();
        c
    }

    pub fn session_removal(self) -> Cookie<'static> {
        self.removal(self.session_name())
    }
}

fn time_duration(secs: i64) -> cookie::time::Duration {
    cookie::time::Duration::seconds(secs)
}

/// The person reading the page, as the middleware found them.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub i18n: I18n,
    pub account: Option<AccountRow>,
    /// The live session's id, kept when a password change ends the others.
    pub session_id: Option<uuid::Uuid>,
    pub flash: Option<Flash>,
    /// This page's path and query, for the language links and `?next=`.
    pub path: String,
    pub cookies: CookiePolicy,
    /// The count beside the reader's main link (`services::nav_counts`): one COUNT per
    /// request of an approved account, so a form drawn again after a post shows it too.
    pub waiting: Option<u64>,
}

impl Viewer {
    pub fn actor(&self) -> Option<Actor> {
        self.account.as_ref().map(|a| Actor {
            id: a.id,
            role: a.role,
            status: a.status,
            locale: self.i18n.locale,
        })
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, PageError> {
        parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or(PageError::internal(MissingContext))
    }
}

#[derive(Debug, thiserror::Error)]
#[error("a page handler ran without the viewer middleware")]
struct MissingContext;

/// A page that needs an account: anonymous visitors go to `/login?next=<this page>`.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub viewer: Viewer,
    pub account: AccountRow,
    pub actor: Actor,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let (Some(account), Some(actor)) = (viewer.account.clone(), viewer.actor()) else {
            return Err(PageError::SignInFirst);
        };
        Ok(Self {
            viewer,
            account,
            actor,
        })
    }
}

/// A page for admins only: others get the 403 page.
pub struct AdminPage(pub SignedIn);

impl FromRequestParts<AppState> for AdminPage {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let me = SignedIn::from_request_parts(parts, state).await?;
        if policy::may_administer(&me.actor).is_err() {
            return Err(PageError::Forbidden);
        }
        Ok(Self(me))
    }
}

impl SignedIn {
    pub fn is(&self, role: Role) -> bool {
        self.account.role == role
    }
}

/// The middleware before every page.
pub async fn resolve(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let cookies = CookiePolicy::of(&state);
    let jar = CookieJar::from_headers(req.headers());
    let asked = query_lang(req.uri().query());
    let mut session_dead = false;
    let mut failed = None;
    let live = match jar.get(cookies.session_name()) {
        Some(c) => match web_sessions::resolve(&state.db, c.value()).await {
            Ok(live) => {
                session_dead = live.is_none();
                live
            }
            Err(e) => {
                failed = Some(PageError::from(e).into_response());
                None
            }
        },
        None => None,
    };
    let account = live.as_ref().map(|l| l.account.clone());
    let locale = asked
        .or_else(|| jar.get(LANG_COOKIE).and_then(|c| Locale::parse(c.value())))
        .or_else(|| account.as_ref().map(|a| a.locale))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default();
    let time_zone = account
        .as_ref()
        .and_then(|a| a.time_zone.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC);
    let flash = jar.get(FLASH_COOKIE).and_then(|c| Flash::parse(c.value()));
    let path = req
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    let waiting = match &account {
        Some(a) if a.status == AccountStatus::Approved => {
            let me = Actor {
                id: a.id,
                role: a.role,
                status: a.status,
                locale,
            };
            match nav_counts::waiting(&state.db, &me).await {
                Ok(n) => Some(n),
                Err(e) => {
                    // A count is not worth a failed page.
                    tracing::warn!(error = %e, "navigation count unavailable");
                    None
                }
            }
        }
        _ => None,
    };
    let viewer = Viewer {
        i18n: I18n::new(locale, time_zone),
        session_id: live.as_ref().map(|l| l.session.id),
        account,
        flash,
        path,
        cookies,
        waiting,
    };
    if let Some(res) = failed {
        let marker = res.extensions().get::<ErrorMarker>().copied();
        return marker.map_or(res, |m| {
            draw_error(&viewer, m, StatusCode::OK.into_response())
        });
    }
    req.extensions_mut().insert(viewer.clone());
    let mut res = next.run(req).await;
    if let Some(marker) = res.extensions().get::<ErrorMarker>().copied() {
        res = draw_error(&viewer, marker, res);
    }
    let mut set = Vec::new();
    if let Some(locale) = asked {
        set.push(cookies.lang(locale));
    }
    // A flash is spent once a page has shown it; a redirect carries it on.
    if flash.is_some() && !res.status().is_redirection() && !sets(&res, FLASH_COOKIE) {
        set.push(cookies.removal(FLASH_COOKIE));
    }
    if session_dead && !sets(&res, cookies.session_name()) {
        set.push(cookies.session_removal());
    }
    for c in set {
        if let Ok(v) = HeaderValue::from_str(&c.encoded().to_string()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Whether the handler's answer already sets the cookie `name` (then it wins).
fn sets(res: &Response, name: &str) -> bool {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split('=').next() == Some(name))
}

/// `?lang=` when it names a language we speak; anything else is ignored. Given twice (an
/// emailed link's language, then a switch), the last one counts.
fn query_lang(query: Option<&str>) -> Option<Locale> {
    form_urlencoded_pairs(query?)
        .filter(|(k, _)| k == "lang")
        .filter_map(|(_, v)| Locale::from_tag(&v).ok())
        .last()
}

fn form_urlencoded_pairs(q: &str) -> impl Iterator<Item = (String, String)> + '_ {
    url::form_urlencoded::parse(q.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_language_asked_for_counts_and_others_are_ignored() {
        assert_eq!(
            query_lang(Some("token=x&lang=en&lang=zh-CN")),
            Some(Locale::ZhCn)
        );
        assert_eq!(query_lang(Some("lang=zh-CN&lang=fr")), Some(Locale::ZhCn));
        assert_eq!(query_lang(Some("lang=%FF")), None);
        assert_eq!(query_lang(None), None);
    }
}
