//! Reviews as pages show them: on a collaboration (the reader's own before it is
//! published) and on a host's or supplier's public profile (published ones, newest
//! first, with the track record they add up to). Stars are drawn as text with a label a
//! screen reader reads out.

use uuid::Uuid;

use crate::{
    db::reviews::ReviewRow,
    domain::{PageRequest, Role, offer::Party},
    services::{
        collaborations::{CollabError, reviews},
        offers,
    },
    state::AppState,
    web::{context::SignedIn, i18n::I18n, page::PageError},
};

/// The most reviews a public profile lists.
const REVIEWS_SHOWN: u64 = 10;

pub struct ReviewLine {
    pub by: String,
    /// The author's public profile.
    pub by_href: String,
    pub stars: String,
    pub stars_label: String,
    pub at: String,
    pub text: String,
    /// Why an admin hid it, instead of its text.
    pub hidden: Option<String>,
    /// The reader's own review, not yet published.
    pub waiting: bool,
    pub mine: bool,
}

/// `n` of five stars, as text.
pub fn stars(n: i16) -> String {
    let n = usize::try_from(n.clamp(0, 5)).unwrap_or(0);
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

pub fn lines(rows: &[ReviewRow], names: &offers::Described, me: &SignedIn) -> Vec<ReviewLine> {
    let i18n = &me.viewer.i18n;
    rows.iter()
        .map(|r| ReviewLine {
            by: names.name(r.author_id),
            by_href: match r.author_role {
                Party::Supplier => format!("/suppliers/{}", r.author_id),
                Party::Host => format!("/hosts/{}", r.author_id),
            },
            stars: stars(r.rating),
            stars_label: i18n.t1("review-stars", "count", i32::from(r.rating)),
            at: i18n.datetime(r.published_at.as_ref().unwrap_or(&r.created_at)),
            text: if r.hidden_at.is_some() {
                String::new()
            } else {
                r.body.clone()
            },
            hidden: r
                .hidden_at
                .map(|_| r.hidden_reason.clone().unwrap_or_default()),
            waiting: r.published_at.is_none(),
            mine: r.author_id == me.actor.id,
        })
        .collect()
}

/// The reviews on a public profile and the track record above them.
pub struct ProfileReviews {
    pub rating: Option<String>,
    pub rating_stars: String,
    pub summary: String,
    pub items: Vec<ReviewLine>,
    /// "Showing the newest 10 of N", when there are more.
    pub more: Option<String>,
}

/// The published reviews of `subject` (a `role`), with its track record.
pub async fn on_profile(
    state: &AppState,
    me: &SignedIn,
    role: Role,
    subject: Uuid,
    rating: Option<f64>,
    completed: i32,
) -> Result<ProfileReviews, PageError> {
    let first = PageRequest {
        page: 1,
        per_page: REVIEWS_SHOWN,
    };
    // An admin may open a closed account's profile; it lists no reviews.
    let (rows, total) = match reviews::about(&state.db, &me.actor, role, subject, first).await {
        Err(CollabError::NotFound) => (Vec::new(), 0),
        other => other?,
    };
    let names = offers::names(
        &state.db,
        rows.iter().map(|r| r.author_id).collect(),
        Vec::new(),
    )
    .await?;
    let i18n: &I18n = &me.viewer.i18n;
    #[allow(clippy::cast_possible_truncation)]
    let rounded = rating.map(|r| r.round() as i16);
    Ok(ProfileReviews {
        rating: rating.map(|r| format!("{r:.1}")),
        rating_stars: rounded.map(stars).unwrap_or_default(),
        summary: i18n.t_args(
            "review-summary",
            &[("reviews", total.into()), ("completed", completed.into())],
        ),
        items: lines(&rows, &names, me),
        more: (total > REVIEWS_SHOWN).then(|| {
            i18n.t_args(
                "review-more",
                &[("shown", REVIEWS_SHOWN.into()), ("total", total.into())],
            )
        }),
    })
}
