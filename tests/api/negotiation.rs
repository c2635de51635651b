//! Counter-offers: versions, whose turn it is, screening of each version, emails to the
//! other party, and races between counters, answers and withdrawals.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    helpers::{
        Options, TestApp, User,
        deals::{Deal, deal, id, sent, sent_of},
        spawn_app, spawn_app_with,
    },
    offer_preview::{beer_body, host_in, product_from},
};

/// Everyone who is not a party, with what each is told: strangers 404, an admin (who
/// may read the offer) 403.
async fn bystanders(app: &TestApp, d: &Deal) -> Vec<(&'static str, User, StatusCode)> {
    vec![
        (
            "a third supplier",
            app.user_in(&d.admin, "supplier", "approved").await,
            StatusCode::NOT_FOUND,
        ),
        (
            "a third host",
            app.user_in(&d.admin, "host", "approved").await,
            StatusCode::NOT_FOUND,
        ),
        (
            "a pending account",
            app.pending("host").await,
            StatusCode::NOT_FOUND,
        ),
        ("an admin", app.admin().await, StatusCode::FORBIDDEN),
    ]
}

fn counter_body() -> Value {
    let live = Utc::now() + Duration::days(10);
    json!({"commission_pct": 20.0, "live_at": live, "message": "20% and we go live on the 10th."})
}

async fn version(app: &TestApp, path: &str, who: &User) -> Value {
    let o = app.get(path, Some(&who.access)).await;
    assert_eq!(o.status, StatusCode::OK, "{:?}", o.body);
    o.body
}

#[tokio::test]
async fn the_host_counters_the_supplier_accepts_and_both_hear_in_their_language() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let zh = app
        .patch(
            "/api/v1/me",
            Some(&supplier.access),
            json!({"locale": "zh-CN"}),
        )
        .await;
    assert_eq!(zh.status, StatusCode::OK, "{:?}", zh.body);
    let host = app.user_in(&admin, "host", "approved").await;
    let product = app.product(&supplier).await;
    let d = Deal {
        admin,
        supplier,
        host,
        product,
    };
    let path = sent(&app, &d).await;

    let c = app
        .post(
            &format!("{path}/counter"),
            Some(&d.host.access),
            counter_body(),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED, "{:?}", c.body);
    assert_eq!(
        (c.body["version"].as_i64(), c.body["by"].as_str()),
        (Some(2), Some("host"))
    );
    assert_eq!(c.body["terms"]["commission_pct"], 20.0);
    assert_eq!(
        c.body["terms"]["fee_cents"], 50000,
        "what the counter leaves out stays"
    );
    assert_eq!(c.body["terms"]["product_ids"], json!([d.product]));
    let offer = version(&app, &path, &d.supplier).await;
    assert_eq!(
        (offer["version"].as_i64(), offer["latest_by"].as_str()),
        (Some(2), Some("host"))
    );
    assert_eq!(offer["status"], "sent");
    assert_eq!(
        offer["commission_pct"], 20.0,
        "the offer shows the latest terms"
    );
    assert!(offer["live_at"].is_string());
    let expires: chrono::DateTime<Utc> = offer["expires_at"].as_str().unwrap().parse().unwrap();
    assert!(
        expires > Utc::now() + Duration::days(13),
        "a counter moves expiry to 14 days on"
    );

    let to_supplier = app.outbox_for(&d.supplier.email).await;
    let mail = to_supplier.last().unwrap();
    assert_eq!(
        (mail.template.as_str(), mail.locale.as_str()),
        ("offer.countered", "zh-CN")
    );

    // The host made the latest version: only the supplier may answer it now.
    for (mv, body) in [
        ("accept", json!({})),
        ("decline", json!({})),
        ("counter", counter_body()),
    ] {
        let own = app
            .post(&format!("{path}/{mv}"), Some(&d.host.access), body)
            .await;
        assert_eq!(own.status, StatusCode::CONFLICT, "{mv}: {:?}", own.body);
        assert!(
            own.body["detail"]
                .as_str()
                .unwrap()
                .contains("supplier's turn")
        );
    }
    let accepted = app
        .post(
            &format!("{path}/accept"),
            Some(&d.supplier.access),
            json!({}),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{:?}", accepted.body);
    assert_eq!(accepted.body["status"], "accepted");
    let to_host = app.outbox_for(&d.host.email).await;
    assert_eq!(to_host.last().unwrap().template, "offer.counter-accepted");

    let versions = app
        .get(&format!("{path}/versions"), Some(&d.host.access))
        .await;
    assert_eq!(versions.status, StatusCode::OK);
    let all = versions.body.as_array().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        (all[0]["version"].as_i64(), all[0]["by"].as_str()),
        (Some(1), Some("supplier"))
    );
    assert_eq!(
        all[0]["terms"]["commission_pct"], 15.0,
        "version 1 is kept as it was"
    );
    assert_eq!(all[1]["message"], "20% and we go live on the 10th.");
    // Both parties see the same history.
    let theirs = app
        .get(&format!("{path}/versions"), Some(&d.supplier.access))
        .await;
    assert_eq!(theirs.body, versions.body);

    let collab =
        hostmatch::db::collaborations::of_offer(app.db.conn(), id(&accepted).parse().unwrap())
            .await
            .unwrap()
            .expect("an accept makes a collaboration");
    assert_eq!(collab.version, 2, "the accepted version's terms are frozen");
    assert_eq!(collab.status.as_str(), "agreed");
}

#[tokio::test]
async fn each_move_at_each_version_answers_every_role_as_the_contract_says() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(100),
        ..Default::default()
    })
    .await;
    let d = deal(&app).await;
    let others = bystanders(&app, &d).await;
    let counter = counter_body();
    // (move, made by the supplier at version 1, or by the host at version 2): who may.
    for (latest_by, mv, mover, refused) in [
        ("supplier", "counter", &d.host, &d.supplier),
        ("supplier", "accept", &d.host, &d.supplier),
        ("supplier", "decline", &d.host, &d.supplier),
        ("supplier", "withdraw", &d.supplier, &d.host),
        ("host", "counter", &d.supplier, &d.host),
        ("host", "accept", &d.supplier, &d.host),
        ("host", "decline", &d.supplier, &d.host),
        ("host", "withdraw", &d.supplier, &d.host),
    ] {
        // A fresh product each time: a declined one waits a week.
        let product = app.product(&d.supplier).await;
        let path = sent_of(&app, &d, product).await;
        if latest_by == "host" {
            let c = app
                .post(
                    &format!("{path}/counter"),
                    Some(&d.host.access),
                    counter.clone(),
                )
                .await;
            assert_eq!(c.status, StatusCode::CREATED, "{:?}", c.body);
        }
        let at = format!("{path}/{mv}");
        let body = match (mv, latest_by) {
            ("counter", "host") => json!({"commission_pct": 18.0}),
            ("counter", _) => counter.clone(),
            _ => json!({}),
        };
        for (who, user, status) in &others {
            let a = app.post(&at, Some(&user.access), body.clone()).await;
            assert_eq!(
                a.status, *status,
                "{who} {mv} after the {latest_by}: {:?}",
                a.body
            );
            assert!(a.is_problem());
            let seen = app
                .get(&format!("{path}/versions"), Some(&user.access))
                .await;
            let may_read = *status == StatusCode::FORBIDDEN;
            assert_eq!(
                seen.status.is_success(),
                may_read,
                "{who} reads the versions"
            );
        }
        // The other party waits for its turn (409, a state of the offer); a host never
        // withdraws (403).
        let wrong = app.post(&at, Some(&refused.access), body.clone()).await;
        let told = if mv == "withdraw" {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::CONFLICT
        };
        assert_eq!(
            wrong.status, told,
            "{mv} after the {latest_by}: {:?}",
            wrong.body
        );
        let before = version(&app, &path, mover).await;
        assert_eq!(before["status"], "sent", "refusals changed nothing");
        let ok = app.post(&at, Some(&mover.access), body.clone()).await;
        assert!(
            ok.status.is_success(),
            "{mv} after the {latest_by}: {:?}",
            ok.body
        );
        let after = version(&app, &path, mover).await;
        let expected = match mv {
            "counter" => "sent",
            "accept" => "accepted",
            "decline" => "declined",
            _ => "withdrawn",
        };
        assert_eq!(after["status"], expected);
        if mv == "counter" {
            let w = format!("{path}/withdraw");
            let w = app.post(&w, Some(&d.supplier.access), json!({})).await;
            assert_eq!(w.status, StatusCode::OK, "clearing the way: {:?}", w.body);
        }
        if mv != "counter" {
            // A closed offer takes no counter, even from the party whose turn it was.
            let turn = if latest_by == "supplier" {
                &d.host
            } else {
                &d.supplier
            };
            let late_path = format!("{path}/counter");
            let fresh = json!({"commission_pct": 33.0});
            let late = app.post(&late_path, Some(&turn.access), fresh).await;
            assert_eq!(late.status, StatusCode::CONFLICT, "{:?}", late.body);
        }
    }
}

#[tokio::test]
async fn a_counter_that_cannot_stand_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let host = host_in(&app, &admin, &["AE", "SA"]).await;
    let fine = app.product(&supplier).await;
    let beer = product_from(&app, &supplier, beer_body()).await;
    let other_supplier = app.user_in(&admin, "supplier", "approved").await;
    let not_theirs = app.product(&other_supplier).await;
    let d = Deal {
        admin,
        supplier,
        host,
        product: fine,
    };
    let path = sent(&app, &d).await;
    let at = format!("{path}/counter");
    let h = Some(d.host.access.as_str());
    for (body, field) in [
        (json!({"product_ids": [not_theirs]}), "product_ids"),
        (json!({"commission_pct": 150.0}), "commission_pct"),
        (
            json!({"live_at": Utc::now() - Duration::hours(2)}),
            "live_at",
        ),
        (
            json!({"message": "x".repeat(2001), "fee_cents": 1}),
            "message",
        ),
        (json!({"message": "Only words."}), "terms"),
        (
            json!({"expires_at": Utc::now() + Duration::days(120), "fee_cents": 1}),
            "expires_at",
        ),
    ] {
        let a = app.post(&at, h, body.clone()).await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {:?}",
            a.body
        );
        assert!(
            a.error_fields().contains(&field.to_owned()),
            "{body}: {:?}",
            a.body
        );
    }
    let unknown = app.post(&at, h, json!({"commision": 20})).await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        unknown.body
    );
    // The beer is restricted in AE and prohibited in SA: it stands, with its warnings.
    let with_beer = app.post(&at, h, json!({"product_ids": [fine, beer]})).await;
    assert_eq!(
        with_beer.status,
        StatusCode::CREATED,
        "{:?}",
        with_beer.body
    );
    assert!(
        with_beer.body["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["product_id"] == json!(beer)),
        "{:?}",
        with_beer.body
    );
    let offer = version(&app, &path, &d.host).await;
    assert_eq!(
        offer["version"], 2,
        "only the counter that stood made a version"
    );
    let v = app.get(&format!("{path}/versions"), h).await;
    assert_eq!(v.body.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_counter_cannot_add_a_product_banned_in_every_market_of_the_host() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let host = host_in(&app, &admin, &["SA"]).await;
    let fine = app.product(&supplier).await;
    let beer = product_from(&app, &supplier, beer_body()).await;
    let d = Deal {
        admin,
        supplier,
        host,
        product: fine,
    };
    let path = sent(&app, &d).await;
    let c = app
        .post(
            &format!("{path}/counter"),
            Some(&d.host.access),
            json!({"fee_cents": 0}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED, "{:?}", c.body);
    // The supplier answers the host's counter by adding the beer: prohibited in SA.
    let banned = app
        .post(
            &format!("{path}/counter"),
            Some(&d.supplier.access),
            json!({"product_ids": [fine, beer]}),
        )
        .await;
    assert_eq!(
        banned.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        banned.body
    );
    assert!(
        banned.body.to_string().contains("prohibited"),
        "{:?}",
        banned.body
    );
    let offer = version(&app, &path, &d.host).await;
    assert_eq!(
        (offer["version"].as_i64(), offer["latest_by"].as_str()),
        (Some(2), Some("host"))
    );
    assert_eq!(offer["product_ids"], json!([fine]));
}

/// Runs `first` and `second` at once on a fresh offer (after `setup`), `trials` times, and
/// checks exactly one of them won and the offer shows it.
async fn race(
    app: &TestApp,
    d: &Deal,
    name: &str,
    host_counters_first: bool,
    named_version: bool,
    first: (&str, &User, Value),
    second: (&str, &User, Value),
) {
    for trial in 0..100 {
        let path = sent(app, d).await;
        if host_counters_first {
            let c = app
                .post(
                    &format!("{path}/counter"),
                    Some(&d.host.access),
                    json!({"fee_cents": 1}),
                )
                .await;
            assert_eq!(c.status, StatusCode::CREATED, "{:?}", c.body);
        }
        let before = version(app, &path, &d.host).await["version"]
            .as_i64()
            .unwrap();
        let (p1, p2) = (
            format!("{path}/{}", first.0),
            format!("{path}/{}", second.0),
        );
        // With `named_version` each names the version it answers, as a page's form does,
        // so a move made after the other landed is told so rather than applied to terms
        // it has not seen (a withdrawal is valid at any version otherwise); without, the
        // conditional updates and the turn decide.
        let (mut b1, mut b2) = (first.2.clone(), second.2.clone());
        if named_version {
            b1["version"] = json!(before);
            b2["version"] = json!(before);
        }
        let (a, b) = tokio::join!(
            app.post(&p1, Some(&first.1.access), b1),
            app.post(&p2, Some(&second.1.access), b2)
        );
        let mut statuses = [a.status.as_u16(), b.status.as_u16()];
        statuses.sort();
        assert!(
            statuses[1] == 409 && (statuses[0] == 200 || statuses[0] == 201),
            "{name}, trial {trial}: {statuses:?} {:?} {:?}",
            a.body,
            b.body
        );
        let winner = if a.status.is_success() {
            first.0
        } else {
            second.0
        };
        let now = version(app, &path, &d.host).await;
        let versions = app
            .get(&format!("{path}/versions"), Some(&d.host.access))
            .await;
        let n = versions.body.as_array().unwrap().len() as i64;
        if winner == "counter" {
            assert_eq!(
                (now["status"].as_str(), now["version"].as_i64()),
                (Some("sent"), Some(before + 1))
            );
            assert_eq!(n, before + 1, "{name}, trial {trial}: one new version");
            let w = format!("{path}/withdraw");
            let w = app.post(&w, Some(&d.supplier.access), json!({})).await;
            assert_eq!(w.status, StatusCode::OK, "clearing the way: {:?}", w.body);
        } else {
            assert_ne!(now["status"], "sent", "{name}, trial {trial}");
            assert_eq!(
                now["version"].as_i64(),
                Some(before),
                "{name}, trial {trial}"
            );
            assert_eq!(n, before, "{name}, trial {trial}: no half-written version");
        }
    }
}

#[tokio::test]
async fn racing_counters_answers_and_withdrawals_leave_exactly_one_winner_100_times() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(1000),
        ..Default::default()
    })
    .await;
    let d = deal(&app).await;
    // Partners first: otherwise, when counters win the first races, the sixth offer meets
    // the host's cap on offers from suppliers it never worked with (429).
    let first = sent(&app, &d).await;
    let a = app
        .post(&format!("{first}/accept"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(a.status, StatusCode::OK);
    let (s, h) = (&d.supplier, &d.host);
    let c1 = json!({"commission_pct": 21.0});
    let c2 = json!({"commission_pct": 22.0});
    race(
        &app,
        &d,
        "accept against counter",
        false,
        false,
        ("accept", h, json!({})),
        ("counter", h, c1.clone()),
    )
    .await;
    race(
        &app,
        &d,
        "counter against counter",
        false,
        false,
        ("counter", h, c1.clone()),
        ("counter", h, c2.clone()),
    )
    .await;
    race(
        &app,
        &d,
        "counter against withdraw",
        false,
        true,
        ("counter", h, c1.clone()),
        ("withdraw", s, json!({})),
    )
    .await;
    race(
        &app,
        &d,
        "the supplier's counter against its accept",
        true,
        false,
        ("counter", s, c2),
        ("accept", s, json!({})),
    )
    .await;
}

#[tokio::test]
async fn a_counter_to_an_offer_past_its_time_is_409() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let soon = Utc::now() + Duration::minutes(2);
    let mut body = crate::helpers::deals::offer_body(d.host.id, &[d.product]);
    body["expires_at"] = json!(soon);
    let a = app
        .post("/api/v1/offers", Some(&d.supplier.access), body)
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    let path = format!("/api/v1/offers/{}", id(&a));
    // Back-date its expiry, as the clock would have it.
    app.expire_offer(id(&a).parse().unwrap()).await;
    let c = app
        .post(
            &format!("{path}/counter"),
            Some(&d.host.access),
            json!({"fee_cents": 1}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CONFLICT, "{:?}", c.body);
    assert!(
        c.body["detail"].as_str().unwrap().contains("expired"),
        "{:?}",
        c.body
    );
}

#[tokio::test]
async fn accept_racing_expiry_leaves_exactly_one_winner_100_times() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(1000),
        ..Default::default()
    })
    .await;
    let d = deal(&app).await;
    // Partners: the host's cap on newcomers' offers does not apply.
    let first = sent(&app, &d).await;
    let a = app
        .post(&format!("{first}/accept"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(a.status, StatusCode::OK);
    for trial in 0..100 {
        let product = app.product(&d.supplier).await;
        let path = sent_of(&app, &d, product).await;
        // The clock runs as if the offer's 14 days were up while the host accepts.
        let later = Utc::now() + Duration::days(15);
        let accept = format!("{path}/accept");
        let (a, expired) = tokio::join!(
            app.post(&accept, Some(&d.host.access), json!({})),
            app.jobs.run_clock_at(later)
        );
        let expired = expired.unwrap();
        let now = version(&app, &path, &d.host).await;
        let has_collab = hostmatch::db::collaborations::of_offer(
            app.db.conn(),
            now["id"].as_str().unwrap().parse().unwrap(),
        )
        .await
        .unwrap()
        .is_some();
        if a.status == StatusCode::OK {
            assert_eq!(now["status"], "accepted", "trial {trial}");
            assert!(has_collab, "trial {trial}");
        } else {
            assert_eq!(
                a.status,
                StatusCode::CONFLICT,
                "trial {trial}: {:?}",
                a.body
            );
            assert!(expired >= 1, "trial {trial}");
            assert_eq!(now["status"], "expired", "trial {trial}");
            assert!(
                !has_collab,
                "trial {trial}: an expired offer made no collaboration"
            );
        }
    }
}
