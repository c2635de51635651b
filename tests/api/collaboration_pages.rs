//! The collaboration pages seen from HTTP (the browser suite drives them in tests/web/):
//! strangers get 404, admins read without forms and take no step (403), each party takes
//! only its own steps, a bad field answers 422 and changes nothing, a step the
//! collaboration is past answers 409 with the page, and a review stays hidden from the
//! other party until both are in.

use chrono::{Duration, Utc};
use reqwest::{StatusCode, header};

use crate::{
    collaborations::bring_to,
    helpers::{
        TestApp,
        deals::deal,
        pages::{get, post, session},
        spawn_app,
    },
};

async fn status_of(app: &TestApp, api: &str, token: &str) -> String {
    app.get(api, Some(token)).await.body["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A `datetime-local` value `hours` from now, in UTC (the test accounts' time zone).
fn local(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours))
        .format("%Y-%m-%dT%H%%3A%M")
        .to_string()
}

#[tokio::test]
async fn only_the_parties_see_a_collaboration_page_and_each_takes_only_its_steps() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let api = bring_to(&app, &d, "agreed").await;
    let page = api.trim_start_matches("/api/v1").to_owned();
    let stranger = app.user_in(&d.admin, "host", "approved").await;
    let (s, h) = (
        session(&app, &d.supplier).await,
        session(&app, &d.host).await,
    );
    let (o, a) = (
        session(&app, &stranger).await,
        session(&app, &d.admin).await,
    );

    assert_eq!(get(&app, &page, &o).await.0, StatusCode::NOT_FOUND);
    let res = post(&app, &format!("{page}/schedule"), "", Some(&o)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "a stranger's step");
    let (status, html) = get(&app, &page, &a).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains(&format!("action=\"{page}/")),
        "no forms for an admin"
    );
    let res = post(&app, &format!("{page}/cancel"), "reason=No", Some(&a)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = post(&app, &format!("{page}/received"), "", Some(&s)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "the host's step");
    let (_, host_view) = get(&app, &page, &h).await;
    assert!(host_view.contains(&format!("action=\"{page}/schedule\"")));
    assert!(
        !host_view.contains(&format!("action=\"{page}/shipment\"")),
        "the supplier's step"
    );
    assert_eq!(
        host_view.matches("class=\"timeline-point next\"").count(),
        2,
        "scheduling and the shipment can both be done now"
    );
    assert_eq!(status_of(&app, &api, &d.host.access).await, "agreed");

    // A bad field: 422 with the page and what was typed; nothing changes.
    let body = format!("live_at={}&duration_minutes=5", local(24));
    let res = post(&app, &format!("{page}/schedule"), &body, Some(&h)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter 15 to 1,440 minutes.") && html.contains("value=\"5\""));
    assert_eq!(status_of(&app, &api, &d.host.access).await, "agreed");

    let body = format!("live_at={}&duration_minutes=90", local(24));
    let res = post(&app, &format!("{page}/schedule"), &body, Some(&h)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION].to_str().unwrap(), page);
    assert_eq!(status_of(&app, &api, &d.host.access).await, "scheduled");
    // The live is tomorrow: marking it done is refused with the page, not taken.
    let (_, host_view) = get(&app, &page, &h).await;
    assert!(!host_view.contains(&format!("action=\"{page}/complete\"")));
    assert!(host_view.contains("You can mark the live done once it has begun"));
    let res = post(&app, &format!("{page}/complete"), "", Some(&h)).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("the collaboration has moved on")
    );

    // A cancellation needs a reason; the other party reads it.
    let res = post(&app, &format!("{page}/cancel"), "reason=+", Some(&s)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(status_of(&app, &api, &d.host.access).await, "scheduled");
    let body = "reason=The+factory+is+closed+for+the+holiday.";
    let res = post(&app, &format!("{page}/cancel"), body, Some(&s)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, host_view) = get(&app, &page, &h).await;
    assert!(host_view.contains("The factory is closed for the holiday."));
    assert!(
        !host_view.contains(&format!("action=\"{page}/")),
        "nothing left to do"
    );
    // A form posted from a page drawn before the cancellation: its errors have no form
    // to stand beside any more, so the page says the collaboration moved on.
    let body = format!("live_at={}&duration_minutes=5", local(24));
    let res = post(&app, &format!("{page}/schedule"), &body, Some(&h)).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("the collaboration has moved on")
    );
    app.stop().await;
}

#[tokio::test]
async fn a_review_waits_for_the_other_until_both_are_in() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let api = bring_to(&app, &d, "completed").await;
    let page = api.trim_start_matches("/api/v1").to_owned();
    let (s, h) = (
        session(&app, &d.supplier).await,
        session(&app, &d.host).await,
    );
    let early = post(
        &app,
        &format!("{page}/review"),
        "rating=5&text=Early",
        Some(&h),
    )
    .await;
    assert_eq!(early.status(), StatusCode::CONFLICT, "not confirmed yet");
    assert_eq!(
        post(&app, &format!("{page}/confirm"), "", Some(&s))
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    let body = "rating=5&text=On+time+and+sold+well.";
    let res = post(&app, &format!("{page}/review"), body, Some(&s)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, mine) = get(&app, &page, &s).await;
    assert!(mine.contains("On time and sold well.") && mine.contains("Not published yet"));
    assert!(
        !mine.contains(&format!("action=\"{page}/review\"")),
        "one review each"
    );
    let (_, theirs) = get(&app, &page, &h).await;
    assert!(
        !theirs.contains("On time and sold well."),
        "hidden until both are in"
    );

    let bad = post(
        &app,
        &format!("{page}/review"),
        "rating=9&text=Hm",
        Some(&h),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("Choose 1 to 5 stars."));
    let body = "rating=4&text=Clear+brief.";
    let res = post(&app, &format!("{page}/review"), body, Some(&h)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, theirs) = get(&app, &page, &h).await;
    assert!(theirs.contains("On time and sold well.") && !theirs.contains("Not published yet"));
    let again = post(&app, &format!("{page}/review"), body, Some(&s)).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    app.stop().await;
}
