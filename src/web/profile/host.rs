//! The host's own profile form, phone first: name, headline, bio, country, languages with
//! their level, markets and categories (the pickers), platforms with handle and
//! followers, minimum commission and minimum fee; and what screening found in the
//! headline and bio. Saved through `services::profiles::put_host`, as `PUT
//! /api/v1/hosts/me`.
//!
//! The minimum fee is typed in US dollars (`min_fee_usd`, `150` or `150.50`), which a
//! host understands better than cents; it is sent to the core as `min_fee_cents`, and the
//! core's errors about that field are shown next to the dollar field.

use askama::Template;
use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;

use crate::{
    db::profiles::HostRow,
    domain::{
        AccountStatus,
        fields::FieldError,
        findings::Finding,
        profile::{HostLanguage, HostProfileDraft, LanguageLevel, Platform},
    },
    reference::platforms,
    services::{
        profile_input::HostProfileRequest,
        profiles::{self, ProfileError},
    },
    state::AppState,
    web::{
        context::{Flash, SignedIn},
        findings::{FlaggedField, flagged_fields},
        forms::FormState,
        i18n::I18n,
        page::{Frame, PageError, render},
        pickers::{self, CategoryPicker, Choice, MarketPicker, Row},
    },
};

use super::{
    SaveError, message,
    posted::{self, Posted, rename},
};

const FIELDS: &[&str] = &[
    "display_name",
    "headline",
    "bio",
    "country",
    "min_commission_pct",
    "min_fee_usd",
];

#[derive(Template)]
#[template(path = "profile/host.html")]
struct HostForm {
    page: Frame,
    form: FormState,
    countries: Vec<Choice>,
    languages: Vec<Choice>,
    language_rows: Vec<Row>,
    platforms: Vec<Choice>,
    platform_rows: Vec<Row>,
    markets: MarketPicker,
    categories: CategoryPicker,
    /// What screening found in the saved headline and bio (`findings.html`).
    fields: Vec<FlaggedField>,
    public: Option<String>,
    approved: bool,
}

/// What the form shows besides its single fields.
struct Lists<'a> {
    markets: &'a [String],
    categories: &'a [u32],
    /// The highest row index holding a value, per list.
    languages: Option<usize>,
    platforms: Option<usize>,
}

/// Rows enough for what is there, plus empty ones to add to without JavaScript.
fn enough(highest: Option<usize>, at_least: usize) -> Vec<Row> {
    pickers::rows(highest.map_or(0, |h| h + 1).max(at_least - 1) + 1)
}

fn draw(
    me: &SignedIn,
    form: FormState,
    lists: &Lists<'_>,
    saved: Option<&HostRow>,
    status: StatusCode,
) -> Response {
    let i18n = &me.viewer.i18n;
    let fields = saved.map_or_else(Vec::new, |row| {
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
    });
    render(
        status,
        &HostForm {
            page: Frame::of(&me.viewer),
            countries: pickers::country_choices(i18n),
            languages: pickers::language_choices(i18n),
            language_rows: enough(lists.languages, 3),
            platforms: platform_choices(i18n),
            platform_rows: enough(lists.platforms, 2),
            markets: pickers::market_picker(i18n, "markets", lists.markets),
            categories: pickers::category_picker(i18n, "categories", true, lists.categories),
            fields,
            public: saved.map(|_| format!("/hosts/{}", me.account.id)),
            approved: me.account.status == AccountStatus::Approved,
            form,
        },
    )
}

fn platform_choices(i18n: &I18n) -> Vec<Choice> {
    platforms::all()
        .iter()
        .map(|p| Choice {
            code: p.code,
            label: match i18n.locale {
                crate::domain::Locale::En => p.name.to_owned(),
                crate::domain::Locale::ZhCn => p.name_zh.to_owned(),
            },
        })
        .collect()
}

fn current(row: &HostRow) -> FormState {
    let mut f = FormState::default()
        .with("display_name", &row.display_name)
        .with("headline", &row.headline)
        .with("bio", &row.bio)
        .with("country", &row.country)
        .with("min_commission_pct", &row.min_commission_pct.to_string())
        .with("min_fee_usd", &cents_to_dollars(row.min_fee_cents));
    for (i, l) in row.languages.0.iter().enumerate() {
        f.keep(&format!("languages.{i}.code"), &l.code);
        f.keep(&format!("languages.{i}.level"), level_name(l.level));
    }
    for (i, p) in row.platforms.0.iter().enumerate() {
        f.keep(&format!("platforms.{i}.name"), &p.name);
        f.keep(&format!("platforms.{i}.handle"), &p.handle);
        f.keep(
            &format!("platforms.{i}.followers"),
            &p.followers.to_string(),
        );
    }
    f
}

fn level_name(l: LanguageLevel) -> &'static str {
    match l {
        LanguageLevel::Native => "native",
        LanguageLevel::Fluent => "fluent",
        LanguageLevel::Conversational => "conversational",
    }
}

fn level(s: &str) -> Option<LanguageLevel> {
    match s.trim() {
        "native" => Some(LanguageLevel::Native),
        "fluent" => Some(LanguageLevel::Fluent),
        "conversational" => Some(LanguageLevel::Conversational),
        _ => None,
    }
}

pub async fn show(state: &AppState, me: &SignedIn) -> Result<Response, PageError> {
    match profiles::get_host(&state.db, &me.actor, me.actor.id).await {
        Ok((row, _)) => {
            let lists = Lists {
                markets: &row.markets.0,
                categories: &row.categories.0,
                languages: row.languages.0.len().checked_sub(1),
                platforms: row.platforms.0.len().checked_sub(1),
            };
            Ok(draw(me, current(&row), &lists, Some(&row), StatusCode::OK))
        }
        Err(ProfileError::NotFound) => {
            let form = FormState::default().with("display_name", &me.account.display_name);
            let lists = Lists {
                markets: &[],
                categories: &[],
                languages: None,
                platforms: None,
            };
            Ok(draw(me, form, &lists, None, StatusCode::OK))
        }
        Err(e) => Err(e.into()),
    }
}

/// `150`, `150.5`, `US$1,500.00` as cents; empty is 0.
pub fn dollars_to_cents(s: &str) -> Option<i64> {
    let s: String = s
        .trim()
        .trim_start_matches("US$")
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Some(0);
    }
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 12
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

fn cents_to_dollars(c: i64) -> String {
    if c % 100 == 0 {
        (c / 100).to_string()
    } else {
        format!("{}.{:02}", c / 100, c % 100)
    }
}

/// A whole number of followers: `12000`, `12,000`, `12 000` or `12.000`.
fn followers(s: &str) -> Option<i64> {
    let digits: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | '.' | '_') && !c.is_whitespace())
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 15 {
        return None;
    }
    digits.parse().ok()
}

/// The posted form as the core's request; what cannot even be read (a level not in the
/// list, a number that is not one) is named here with the form's field names.
fn read(p: &Posted, i18n: &I18n) -> (HostProfileRequest, Vec<usize>, Vec<usize>, FormState) {
    let mut form = FormState::default();
    posted::keep(&mut form, p, FIELDS);
    let mut language_indexes = Vec::new();
    let mut languages = Vec::new();
    for item in p.items("languages") {
        let code_name = format!("languages.{}.code", item.index);
        let level_name = format!("languages.{}.level", item.index);
        form.keep(&code_name, item.get("code"));
        form.keep(&level_name, item.get("level"));
        if item.get("code").trim().is_empty() {
            form.fail(&code_name, i18n.t("profile-language-choose"));
        }
        match level(item.get("level")) {
            Some(l) => {
                language_indexes.push(item.index);
                languages.push(HostLanguage {
                    code: item.get("code").to_owned(),
                    level: l,
                });
            }
            None => form.fail(&level_name, i18n.t("profile-level-choose")),
        }
    }
    let mut platform_indexes = Vec::new();
    let mut platforms = Vec::new();
    for item in p.items("platforms") {
        for f in ["name", "handle", "followers"] {
            form.keep(&format!("platforms.{}.{f}", item.index), item.get(f));
        }
        let count = followers(item.get("followers"));
        if count.is_none() {
            form.fail(
                &format!("platforms.{}.followers", item.index),
                i18n.t("profile-followers-invalid"),
            );
        }
        platform_indexes.push(item.index);
        platforms.push(Platform {
            name: item.get("name").to_owned(),
            handle: item.get("handle").to_owned(),
            followers: count.unwrap_or(0),
        });
    }
    let pct = p.one("min_commission_pct");
    let min_commission_pct = match pct
        .trim()
        .trim_end_matches('%')
        .replace(',', ".")
        .trim()
        .parse::<f64>()
    {
        Ok(v) => v,
        Err(_) => {
            form.fail("min_commission_pct", i18n.t("profile-commission-invalid"));
            0.0
        }
    };
    let min_fee_cents = dollars_to_cents(&p.one("min_fee_usd")).unwrap_or_else(|| {
        form.fail("min_fee_usd", i18n.t("profile-fee-invalid"));
        0
    });
    let request = HostProfileRequest {
        display_name: p.one("display_name"),
        headline: p.one("headline"),
        bio: p.one("bio"),
        country: p.one("country"),
        languages,
        markets: p.all("markets"),
        categories: p
            .all("categories")
            .iter()
            .filter_map(|c| c.trim().parse().ok())
            .collect(),
        platforms,
        min_commission_pct,
        min_fee_cents,
    };
    (request, language_indexes, platform_indexes, form)
}

pub async fn save(state: &AppState, me: &SignedIn, p: Posted) -> Result<Response, PageError> {
    let i18n = &me.viewer.i18n;
    let (request, language_indexes, platform_indexes, mut form) = read(&p, i18n);
    if p.all("categories").len() != request.categories.len() {
        form.fail("categories", i18n.t("error-invalid"));
    }
    let markets = request.markets.clone();
    let categories = request.categories.clone();
    let readable = form.is_valid();
    let book = state.rulebook.book();
    let result = profiles::put_host(&state.db, &book, &me.actor, || {
        let checked = HostProfileDraft::try_from(request);
        match (checked, readable) {
            (Ok(d), true) => Ok(d),
            (Ok(_), false) => Err(SaveError::Invalid(Vec::new())),
            (Err(errors), _) => Err(SaveError::Invalid(errors)),
        }
    })
    .await;
    let errors = match result {
        Ok(_) => {
            let jar = CookieJar::new().add(me.viewer.cookies.flash(Flash::ProfileSaved));
            return Ok((jar, Redirect::to("/me/profile")).into_response());
        }
        Err(SaveError::Invalid(errors)) => errors,
        Err(SaveError::Profile(e)) => return Err(e.into()),
    };
    let errors = rename(
        errors,
        &[
            ("languages", &language_indexes),
            ("platforms", &platform_indexes),
        ],
    );
    for e in &errors {
        let field = if e.field == "min_fee_cents" {
            "min_fee_usd"
        } else {
            e.field.as_str()
        };
        form.fail(
            field,
            message(i18n, &FieldError::new(field, e.message.clone())),
        );
    }
    let saved = profiles::get_host(&state.db, &me.actor, me.actor.id)
        .await
        .ok()
        .map(|(row, _)| row);
    let highest = |list: &str| p.items(list).last().map(|i| i.index);
    let lists = Lists {
        markets: &markets,
        categories: &categories,
        languages: highest("languages"),
        platforms: highest("platforms"),
    };
    Ok(draw(
        me,
        form,
        &lists,
        saved.as_ref(),
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_read_as_a_host_types_them() {
        assert_eq!(dollars_to_cents("150"), Some(15_000));
        assert_eq!(dollars_to_cents(" US$1,500.5 "), Some(150_050));
        assert_eq!(dollars_to_cents("$0.05"), Some(5));
        assert_eq!(dollars_to_cents(""), Some(0));
        assert_eq!(dollars_to_cents("1.234"), None);
        assert_eq!(dollars_to_cents("abc"), None);
        assert_eq!(dollars_to_cents("-5"), None);
        assert_eq!(cents_to_dollars(150_050), "1500.50");
        assert_eq!(cents_to_dollars(15_000), "150");
        assert_eq!(followers("12.000"), Some(12_000));
        assert_eq!(followers("1.2M"), None);
    }
}
