//! Collaborations: the steps from agreed terms to a confirmed live, who may take each
//! from where, the 7-day rule and the 14-day review window on the test clock (across a
//! restart), reviews both ways and the track record they make.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    Options, TestApp, User,
    deals::{Deal, deal, sent_of},
    spawn_app, spawn_app_with, supplier_profile_body,
};

/// The deal's offer, accepted: the collaboration's path.
pub(crate) async fn agreed_with(app: &TestApp, d: &Deal, offer: &str) -> String {
    let a = app
        .post(&format!("{offer}/accept"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let list = app
        .get("/api/v1/collaborations", Some(&d.host.access))
        .await;
    let c = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["offer_id"] == a.body["id"])
        .expect("the accept made a collaboration")
        .clone();
    format!("/api/v1/collaborations/{}", c["id"].as_str().unwrap())
}

async fn step(
    app: &TestApp,
    path: &str,
    name: &str,
    who: &User,
    body: Value,
) -> crate::helpers::Answer {
    app.post(&format!("{path}/{name}"), Some(&who.access), body)
        .await
}

fn schedule_body(hours_from_now: i64) -> Value {
    json!({"live_at": Utc::now() + Duration::hours(hours_from_now), "duration_minutes": 90})
}

/// Takes the steps that bring a fresh collaboration to `status` (`confirmed` for a
/// completed, confirmed one).
pub(crate) async fn bring_to(app: &TestApp, d: &Deal, status: &str) -> String {
    let product = app.product(&d.supplier).await;
    let offer = sent_of(app, d, product).await;
    let path = agreed_with(app, d, &offer).await;
    let (s, h) = (&d.supplier, &d.host);
    let plan: &[(&str, &User, Value)] = &[
        ("schedule", s, schedule_body(-1)),
        (
            "shipment",
            s,
            json!({"carrier": "SF Express", "tracking_number": "SF1234567890"}),
        ),
        ("received", h, json!({})),
        (
            "complete",
            h,
            json!({"replay_url": "https://live.example/replay/1", "units_sold": 120}),
        ),
        ("confirm", s, json!({})),
    ];
    let upto = match status {
        "agreed" => 0,
        "scheduled" => 1,
        "shipped" => 2,
        "received" => 3,
        "completed" => 4,
        "confirmed" => 5,
        "cancelled" => {
            let c = step(app, &path, "cancel", s, json!({"reason": "Factory fire."})).await;
            assert_eq!(c.status, StatusCode::OK, "{:?}", c.body);
            return path;
        }
        other => panic!("no status {other}"),
    };
    for (name, who, body) in &plan[..upto] {
        let a = step(app, &path, name, who, body.clone()).await;
        assert_eq!(
            a.status,
            StatusCode::OK,
            "{name} on the way to {status}: {:?}",
            a.body
        );
    }
    path
}

#[tokio::test]
async fn every_step_from_every_state_by_every_role_answers_as_the_contract_says() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(500),
        ..Default::default()
    })
    .await;
    let d = deal(&app).await;
    let third_supplier = app.user_in(&d.admin, "supplier", "approved").await;
    let third_host = app.user_in(&d.admin, "host", "approved").await;
    let pending = app.pending("host").await;
    let steps: &[(&str, &str, Value)] = &[
        ("schedule", "either", schedule_body(-1)),
        (
            "shipment",
            "supplier",
            json!({"carrier": "DHL", "tracking_number": "JD0001"}),
        ),
        ("received", "host", json!({})),
        ("complete", "host", json!({"units_sold": 3})),
        ("confirm", "supplier", json!({})),
        ("cancel", "either", json!({"reason": "Changed plans."})),
    ];
    // From which states each step goes (API.md): the contract, written out.
    let allowed = |step: &str, from: &str| match step {
        "schedule" => ["agreed", "scheduled", "shipped", "received"].contains(&from),
        "shipment" => ["agreed", "scheduled"].contains(&from),
        "received" => from == "shipped",
        "complete" => ["scheduled", "shipped", "received"].contains(&from),
        "confirm" => from == "completed",
        "cancel" => ["agreed", "scheduled", "shipped", "received"].contains(&from),
        _ => unreachable!(),
    };
    let states = [
        "agreed",
        "scheduled",
        "shipped",
        "received",
        "completed",
        "confirmed",
        "cancelled",
    ];
    let mut failures = Vec::new();
    for (name, by, body) in steps {
        for from in states {
            let path = bring_to(&app, &d, from).await;
            let before = app.get(&path, Some(&d.host.access)).await.body;
            let strangers = [
                ("a third supplier", &third_supplier),
                ("a third host", &third_host),
                ("a pending account", &pending),
            ];
            for (who, u) in strangers {
                let a = step(&app, &path, name, u, body.clone()).await;
                if a.status != StatusCode::NOT_FOUND {
                    failures.push(format!("{name} from {from} by {who}: {}", a.status));
                }
            }
            let a = step(&app, &path, name, &d.admin, body.clone()).await;
            if a.status != StatusCode::FORBIDDEN {
                failures.push(format!("{name} from {from} by an admin: {}", a.status));
            }
            let (mover, other) = if *by == "host" {
                (&d.host, &d.supplier)
            } else {
                (&d.supplier, &d.host)
            };
            if *by != "either" {
                let a = step(&app, &path, name, other, body.clone()).await;
                if a.status != StatusCode::FORBIDDEN {
                    failures.push(format!(
                        "{name} from {from} by the wrong party: {}",
                        a.status
                    ));
                }
            }
            assert_eq!(
                app.get(&path, Some(&d.host.access)).await.body,
                before,
                "refusals changed nothing"
            );
            // Moving a completed collaboration's live time back does not matter here: the
            // only refusal from a status is the status itself.
            let a = step(&app, &path, name, mover, body.clone()).await;
            let ok = allowed(name, from);
            let expected = if ok {
                StatusCode::OK
            } else {
                StatusCode::CONFLICT
            };
            if a.status != expected {
                failures.push(format!(
                    "{name} from {from} by its party: expected {expected}, got {} {:?}",
                    a.status, a.body
                ));
            }
            if !ok {
                assert!(a.is_problem());
                assert_eq!(
                    app.get(&path, Some(&d.host.access)).await.body,
                    before,
                    "{name} from {from}"
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn the_terms_decide_the_shipment_and_the_live_time_the_completion() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let mut body = crate::helpers::deals::offer_body(d.host.id, &[d.product]);
    body["free_samples"] = json!(false);
    let o = app
        .post("/api/v1/offers", Some(&d.supplier.access), body)
        .await;
    let offer = format!("/api/v1/offers/{}", o.body["id"].as_str().unwrap());
    let path = agreed_with(&app, &d, &offer).await;
    let c = app.get(&path, Some(&d.supplier.access)).await;
    assert_eq!(c.body["terms"]["free_samples"], false);
    assert_eq!(c.body["terms"]["commission_pct"], 15.0);
    let ship = step(
        &app,
        &path,
        "shipment",
        &d.supplier,
        json!({"carrier": "SF", "tracking_number": "1"}),
    )
    .await;
    assert_eq!(ship.status, StatusCode::CONFLICT, "{:?}", ship.body);
    assert!(
        ship.body["detail"]
            .as_str()
            .unwrap()
            .contains("free samples")
    );

    let no_live = step(&app, &path, "complete", &d.host, json!({})).await;
    assert_eq!(
        no_live.status,
        StatusCode::CONFLICT,
        "agreed: not yet scheduled"
    );
    let s = step(&app, &path, "schedule", &d.host, schedule_body(48)).await;
    assert_eq!(
        s.status,
        StatusCode::OK,
        "either party schedules: {:?}",
        s.body
    );
    let early = step(&app, &path, "complete", &d.host, json!({})).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{:?}", early.body);
    assert!(
        early.body["detail"]
            .as_str()
            .unwrap()
            .contains("once it has begun")
    );
    for (body, field) in [
        (json!({"duration_minutes": 60}), "live_at"),
        (
            json!({"live_at": Utc::now() - Duration::days(40)}),
            "live_at",
        ),
        (
            json!({"live_at": Utc::now(), "duration_minutes": 2000}),
            "duration_minutes",
        ),
    ] {
        let a = step(&app, &path, "schedule", &d.host, body.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(a.error_fields(), [field], "{body}");
    }
    let moved = step(&app, &path, "schedule", &d.supplier, schedule_body(-2)).await;
    assert_eq!(
        moved.body["status"], "scheduled",
        "moving it keeps the status"
    );
    let bad = step(
        &app,
        &path,
        "complete",
        &d.host,
        json!({"replay_url": "ftp://x", "units_sold": -4}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let cancel = step(&app, &path, "cancel", &d.host, json!({})).await;
    assert_eq!(cancel.error_fields(), ["reason"], "a cancellation says why");
}

async fn emails_to(app: &TestApp, to: &User) -> Vec<String> {
    app.outbox_for(&to.email)
        .await
        .into_iter()
        .map(|e| e.template.as_str().to_owned())
        .collect()
}

#[tokio::test]
async fn both_parties_go_from_agreed_to_reviewed_and_each_step_is_audited_and_emailed() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let p = app
        .put(
            "/api/v1/suppliers/me",
            Some(&supplier.access),
            supplier_profile_body(),
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    let host = app.host_with(&admin, |_| {}).await;
    let product = app.product(&supplier).await;
    let d = Deal {
        admin,
        supplier,
        host,
        product,
    };
    let path = bring_to(&app, &d, "confirmed").await;
    let c = app.get(&path, Some(&d.supplier.access)).await.body;
    assert_eq!(c["status"], "completed");
    assert_eq!(c["confirmed_by"], "supplier");
    assert_eq!(
        (c["carrier"].as_str(), c["units_sold"].as_i64()),
        (Some("SF Express"), Some(120))
    );
    assert!(c["review_until"].is_string());

    let to_host = emails_to(&app, &d.host).await;
    for t in [
        "collaboration.scheduled",
        "collaboration.shipped",
        "collaboration.confirmed",
    ] {
        assert!(
            to_host.contains(&t.to_owned()),
            "{t} to the host: {to_host:?}"
        );
    }
    let to_supplier = emails_to(&app, &d.supplier).await;
    for t in ["collaboration.received", "collaboration.completed"] {
        assert!(
            to_supplier.contains(&t.to_owned()),
            "{t} to the supplier: {to_supplier:?}"
        );
    }
    let audit = app
        .get(
            "/api/v1/admin/audit-log?per_page=100",
            Some(&d.admin.access),
        )
        .await;
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "collaboration.schedule",
        "collaboration.shipment",
        "collaboration.received",
        "collaboration.complete",
        "collaboration.confirm",
    ] {
        assert!(actions.contains(&a), "{a} audited: {actions:?}");
    }

    // Reviews: each party once; published when both are in; the author sees its own.
    let review = format!("{path}/review");
    let bad = app
        .post(
            &review,
            Some(&d.host.access),
            json!({"rating": 6, "text": ""}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["rating", "text"]);
    let by_admin = app
        .post(
            &review,
            Some(&d.admin.access),
            json!({"rating": 5, "text": "x"}),
        )
        .await;
    assert_eq!(by_admin.status, StatusCode::FORBIDDEN);
    let mine = app
        .post(
            &review,
            Some(&d.host.access),
            json!({"rating": 5, "text": "Samples on time, great brief."}),
        )
        .await;
    assert_eq!(mine.status, StatusCode::CREATED, "{:?}", mine.body);
    assert!(mine.body["published_at"].is_null());
    let twice = app
        .post(
            &review,
            Some(&d.host.access),
            json!({"rating": 4, "text": "Again"}),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let reviews = format!("{path}/reviews");
    assert_eq!(
        app.get(&reviews, Some(&d.supplier.access)).await.body,
        json!([]),
        "hidden until both"
    );
    assert_eq!(
        app.get(&reviews, Some(&d.host.access))
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let public = format!("/api/v1/suppliers/{}/reviews", d.supplier.id);
    assert_eq!(
        app.get(&public, Some(&d.host.access)).await.body["total"],
        0
    );

    let theirs = app
        .post(
            &review,
            Some(&d.supplier.access),
            json!({"rating": 4, "text": "专业，准时开播。"}),
        )
        .await;
    assert_eq!(theirs.status, StatusCode::CREATED);
    assert!(
        theirs.body["published_at"].is_string(),
        "both in: published"
    );
    assert_eq!(
        app.get(&reviews, Some(&d.supplier.access))
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let about_host = app
        .get(
            &format!("/api/v1/hosts/{}/reviews", d.host.id),
            Some(&d.supplier.access),
        )
        .await;
    assert_eq!(about_host.body["total"], 1);
    assert_eq!(about_host.body["items"][0]["rating"], 4);
    let host_profile = app
        .get(
            &format!("/api/v1/hosts/{}", d.host.id),
            Some(&d.supplier.access),
        )
        .await;
    assert_eq!(host_profile.body["rating"], 4.0, "{:?}", host_profile.body);
    assert_eq!(host_profile.body["completed_collaborations"], 1);
    let supplier_profile = app
        .get(
            &format!("/api/v1/suppliers/{}", d.supplier.id),
            Some(&d.host.access),
        )
        .await;
    assert_eq!(
        supplier_profile.body["rating"], 5.0,
        "{:?}",
        supplier_profile.body
    );
    assert_eq!(supplier_profile.body["review_count"], 1);
    assert!(
        emails_to(&app, &d.host)
            .await
            .contains(&"reviews.published".to_owned())
    );

    // An admin hides the supplier's review: the host's rating leaves it out.
    let id = about_host.body["items"][0]["id"].as_str().unwrap();
    let hide = app
        .post(
            &format!("/api/v1/admin/reviews/{id}/hide"),
            Some(&d.admin.access),
            json!({"reason": "Personal details."}),
        )
        .await;
    assert_eq!(hide.status, StatusCode::OK, "{:?}", hide.body);
    let host_profile = app
        .get(
            &format!("/api/v1/hosts/{}", d.host.id),
            Some(&d.supplier.access),
        )
        .await;
    assert!(
        host_profile.body["rating"].is_null(),
        "{:?}",
        host_profile.body
    );
    let shown = app
        .get(
            &format!("/api/v1/hosts/{}/reviews", d.host.id),
            Some(&d.supplier.access),
        )
        .await;
    assert_eq!(
        (
            shown.body["items"][0]["text"].as_str(),
            shown.body["items"][0]["hidden"]["reason"].as_str()
        ),
        (Some(""), Some("Personal details."))
    );
}

#[tokio::test]
async fn a_completion_stands_after_7_days_and_a_lone_review_publishes_after_14_across_a_restart() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = bring_to(&app, &d, "completed").await;
    let now = Utc::now();
    app.jobs
        .run_clock_at(now + Duration::days(6))
        .await
        .unwrap();
    assert!(app.get(&path, Some(&d.host.access)).await.body["confirmed_at"].is_null());

    let app = app.restart().await;
    app.jobs
        .run_clock_at(now + Duration::days(7) + Duration::minutes(1))
        .await
        .unwrap();
    let c = app.get(&path, Some(&d.host.access)).await.body;
    assert_eq!(c["confirmed_by"], "clock", "{c:?}");
    let mails = emails_to(&app, &d.supplier).await;
    assert!(
        mails.contains(&"collaboration.confirmed".to_owned()),
        "{mails:?}"
    );
    assert!(
        emails_to(&app, &d.host)
            .await
            .contains(&"collaboration.confirmed".to_owned())
    );
    let late_confirm = step(&app, &path, "confirm", &d.supplier, json!({})).await;
    assert_eq!(late_confirm.status, StatusCode::CONFLICT);

    // Only the host writes; its review waits until the window closes.
    let r = app
        .post(
            &format!("{path}/review"),
            Some(&d.host.access),
            json!({"rating": 3, "text": "Slow replies."}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let public = format!("/api/v1/suppliers/{}/reviews", d.supplier.id);
    let app = app.restart().await;
    // The window runs from the clock's confirmation (a week on); a day before it closes…
    app.jobs
        .run_clock_at(now + Duration::days(7 + 13))
        .await
        .unwrap();
    assert_eq!(
        app.get(&public, Some(&d.host.access)).await.body["total"],
        0
    );
    // …and after.
    app.jobs
        .run_clock_at(now + Duration::days(7 + 15))
        .await
        .unwrap();
    let shown = app.get(&public, Some(&d.host.access)).await;
    assert_eq!(shown.body["total"], 1, "{:?}", shown.body);
    assert_eq!(shown.body["items"][0]["rating"], 3);
    // The host had no profile yet: its first one takes in the record it earned.
    let p = app
        .put(
            "/api/v1/hosts/me",
            Some(&d.host.access),
            crate::helpers::host_profile_body(),
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{:?}", p.body);
    assert_eq!(p.body["completed_collaborations"], 1, "{:?}", p.body);
    assert!(p.body["rating"].is_null(), "the supplier wrote no review");
}

#[tokio::test]
async fn rated_host_outranks_twin() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let rated = app.host_with(&admin, |_| {}).await;
    let twin = app.host_with(&admin, |_| {}).await;
    let product = app.product(&supplier).await;
    let d = Deal {
        admin,
        supplier,
        host: rated,
        product,
    };
    // Two confirmed collaborations, five stars from the supplier each time.
    for _ in 0..2 {
        let path = bring_to(&app, &d, "confirmed").await;
        for (who, stars) in [(&d.supplier, 5), (&d.host, 4)] {
            let r = app
                .post(
                    &format!("{path}/review"),
                    Some(&who.access),
                    json!({"rating": stars, "text": "Good work."}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
        }
    }
    app.sync_index().await;
    let profile = app
        .get(
            &format!("/api/v1/hosts/{}", d.host.id),
            Some(&d.supplier.access),
        )
        .await;
    assert_eq!(
        (
            profile.body["rating"].as_f64(),
            profile.body["review_count"].as_i64(),
            profile.body["completed_collaborations"].as_i64()
        ),
        (Some(5.0), Some(2), Some(2))
    );

    let m = app
        .get(
            &format!("/api/v1/products/{}/matches", d.product),
            Some(&d.supplier.access),
        )
        .await;
    assert_eq!(m.status, StatusCode::OK, "{:?}", m.body);
    let hits = m.body["hits"].as_array().unwrap();
    let pos = |id: uuid::Uuid| {
        hits.iter()
            .position(|h| h["host"]["id"] == json!(id))
            .unwrap()
    };
    assert!(
        pos(d.host.id) < pos(twin.id),
        "the rated host first: {:?}",
        m.body
    );
    let (a, b) = (&hits[pos(d.host.id)], &hits[pos(twin.id)]);
    assert!(a["score"].as_f64() > b["score"].as_f64());
    // Half the rating out of 5 (1) and half 2 ÷ (2 + 5): the part says why.
    let fit = a["fit"]["track_record"].as_f64().unwrap();
    assert!(
        (fit - (0.5 + 0.5 * 2.0 / 7.0)).abs() < 1e-3,
        "track record fit {fit}"
    );
    assert_eq!(b["fit"]["track_record"], 0.0);
    for part in ["language", "market", "category", "audience", "price"] {
        assert_eq!(
            a["parts"][part], b["parts"][part],
            "twins differ only in track record: {part}"
        );
    }

    // Sorting by rating puts the rated host first and the unrated twin after it.
    let s = app
        .get(
            "/api/v1/hosts/search?sort=rating&per_page=100",
            Some(&d.supplier.access),
        )
        .await;
    let ids: Vec<&str> = s.body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap_or_default())
        .collect();
    let (ra, tw) = (d.host.id.to_string(), twin.id.to_string());
    let ia = ids.iter().position(|i| *i == ra).unwrap();
    let it = ids.iter().position(|i| *i == tw).unwrap();
    assert!(ia < it, "{ids:?}");
}

#[tokio::test]
async fn complete_racing_cancel_leaves_exactly_one_winner_100_times() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(1000),
        ..Default::default()
    })
    .await;
    let d = deal(&app).await;
    for trial in 0..100 {
        let path = bring_to(&app, &d, "scheduled").await;
        let (done, cancelled) = tokio::join!(
            step(&app, &path, "complete", &d.host, json!({"units_sold": 1})),
            step(
                &app,
                &path,
                "cancel",
                &d.supplier,
                json!({"reason": "Race."})
            )
        );
        let mut statuses = [done.status, cancelled.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "trial {trial}"
        );
        let now = app.get(&path, Some(&d.host.access)).await.body;
        let (status, completed, cancelled_at) = (
            now["status"].as_str(),
            &now["completed_at"],
            &now["cancelled_at"],
        );
        if done.status == StatusCode::OK {
            assert_eq!(status, Some("completed"), "trial {trial}");
            assert!(
                cancelled_at.is_null(),
                "trial {trial}: nothing of the loser"
            );
        } else {
            assert_eq!(status, Some("cancelled"), "trial {trial}");
            assert!(completed.is_null(), "trial {trial}: nothing of the loser");
        }
    }
}
