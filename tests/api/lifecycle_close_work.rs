//! Closing an account in the middle of the work: its unfinished collaborations are
//! cancelled with the reason, the other party is emailed, and finished ones stay.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::{
    collaborations::bring_to,
    helpers::{PASSWORD, deals::deal, spawn_app},
};

#[tokio::test]
async fn a_closing_host_cancels_its_unfinished_collaborations_and_keeps_the_finished() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let open = bring_to(&app, &d, "scheduled").await;
    let done = bring_to(&app, &d, "confirmed").await;
    let a = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&d.host.access),
            Some(json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{:?}", a.body);

    let c = app.get(&open, Some(&d.supplier.access)).await.body;
    assert_eq!(c["status"], "cancelled");
    assert_eq!(c["cancelled_by"], "host");
    assert_eq!(
        c["cancelled_reason"],
        "The host closed their hostmatch account."
    );
    let told = app.outbox_for(&d.supplier.email).await.pop().unwrap();
    assert_eq!(told.template, "collaboration.cancelled");
    let kept = app.get(&done, Some(&d.supplier.access)).await.body;
    assert_eq!(kept["status"], "completed");
    assert!(kept["confirmed_at"].is_string(), "the finished work stays");
    let after = app
        .post(
            &format!("{open}/schedule"),
            Some(&d.supplier.access),
            json!({"live_at": chrono::Utc::now(), "duration_minutes": 60}),
        )
        .await;
    assert_eq!(after.status, StatusCode::CONFLICT, "nothing more to do");
    app.stop().await;
}
