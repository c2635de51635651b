//! The thread of an offer: who writes and reads it, screening, unread counts, the batched
//! new-message email, reports that open it to admins, hiding.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{
    TestApp, User,
    deals::{Deal, deal, sent},
    spawn_app,
};

fn said(body: &str) -> serde_json::Value {
    json!({ "body": body })
}

async fn unread(app: &TestApp, who: &User) -> i64 {
    let me = app.get("/api/v1/me", Some(&who.access)).await;
    me.body["unread_messages"].as_i64().unwrap()
}

async fn new_message_mails(app: &TestApp, to: &str) -> Vec<hostmatch::db::outbox::OutboxRow> {
    app.outbox_for(to)
        .await
        .into_iter()
        .filter(|e| e.template == "thread.new-messages")
        .collect()
}

#[tokio::test]
async fn the_parties_write_and_read_and_unread_counts_follow() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = sent(&app, &d).await;
    let msgs = format!("{path}/messages");
    assert_eq!(unread(&app, &d.supplier).await, 0);

    let m = app
        .post(
            &msgs,
            Some(&d.host.access),
            said("  Hi! Can you ship to São Paulo?  "),
        )
        .await;
    assert_eq!(m.status, StatusCode::CREATED, "{:?}", m.body);
    assert_eq!(m.body["body"], "Hi! Can you ship to São Paulo?", "trimmed");
    assert_eq!(m.body["author_id"], json!(d.host.id));
    let reply = app
        .post(&msgs, Some(&d.supplier.access), said("可以，三天内发货。"))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let two = app.post(&msgs, Some(&d.host.access), said("Great.")).await;
    assert_eq!(two.status, StatusCode::CREATED);

    assert_eq!(unread(&app, &d.supplier).await, 2, "the host's two");
    assert_eq!(unread(&app, &d.host).await, 1, "the supplier's one");
    let thread = app.get(&msgs, Some(&d.supplier.access)).await;
    let bodies: Vec<&str> = thread
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            "Hi! Can you ship to São Paulo?",
            "可以，三天内发货。",
            "Great."
        ],
        "oldest first"
    );
    assert_eq!(
        thread.body,
        app.get(&msgs, Some(&d.host.access)).await.body,
        "one thread"
    );
    let read = app
        .post(&format!("{msgs}/read"), Some(&d.supplier.access), json!({}))
        .await;
    assert_eq!(read.status, StatusCode::NO_CONTENT);
    assert_eq!(unread(&app, &d.supplier).await, 0);
    assert_eq!(unread(&app, &d.host).await, 1, "reading is per reader");

    // The thread goes on into the collaboration, and stops with a closed offer.
    let acc = app
        .post(&format!("{path}/accept"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(acc.status, StatusCode::OK);
    let after = app
        .post(&msgs, Some(&d.supplier.access), said("Shipping today."))
        .await;
    assert_eq!(after.status, StatusCode::CREATED);
    let other = app.product(&d.supplier).await;
    let closed = crate::helpers::deals::sent_of(&app, &d, other).await;
    app.post(
        &format!("{closed}/withdraw"),
        Some(&d.supplier.access),
        json!({}),
    )
    .await;
    let late = app
        .post(
            &format!("{closed}/messages"),
            Some(&d.host.access),
            said("Wait!"),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{:?}", late.body);
}

#[tokio::test]
async fn bad_or_prohibited_messages_are_refused_and_store_nothing() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = sent(&app, &d).await;
    let msgs = format!("{path}/messages");
    let h = Some(d.host.access.as_str());
    for (body, why) in [
        (json!({"body": "   "}), "must not be empty"),
        (json!({"body": "x".repeat(4001)}), "at most 4000"),
        (json!({"body": "Our replica bags sell best."}), "prohibited"),
        (json!({"body": "ok\u{0007}"}), "control"),
    ] {
        let a = app.post(&msgs, h, body.clone()).await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {:?}",
            a.body
        );
        assert_eq!(a.error_fields(), ["body"]);
        assert!(a.body.to_string().contains(why), "{body}: {:?}", a.body);
    }
    let unknown = app.post(&msgs, h, json!({"text": "hello"})).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.post(&msgs, h, json!({"body": "x".repeat(4000)}))
            .await
            .status,
        StatusCode::CREATED
    );
    // A restricted claim is kept, with its finding shown to both.
    let claim = app
        .post(&msgs, h, said("This cream will cure cancer, I promise."))
        .await;
    assert_eq!(claim.status, StatusCode::CREATED, "{:?}", claim.body);
    assert_eq!(
        claim.body["findings"][0]["level"], "restricted",
        "{:?}",
        claim.body
    );
    let thread = app.get(&msgs, h).await;
    assert_eq!(
        thread.body.as_array().unwrap().len(),
        2,
        "only what stood was stored"
    );
}

#[tokio::test]
async fn strangers_get_404_admins_read_only_a_reported_thread_and_each_read_is_audited() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = sent(&app, &d).await;
    let msgs = format!("{path}/messages");
    app.post(&msgs, Some(&d.supplier.access), said("Hello"))
        .await;
    let stranger = app.user_in(&d.admin, "host", "approved").await;
    let pending = app.pending("supplier").await;
    for who in [&stranger, &pending] {
        assert_eq!(
            app.get(&msgs, Some(&who.access)).await.status,
            StatusCode::NOT_FOUND
        );
        let w = app.post(&msgs, Some(&who.access), said("Hi")).await;
        assert_eq!(w.status, StatusCode::NOT_FOUND);
        let r = app
            .post(
                &format!("{path}/report"),
                Some(&who.access),
                json!({"reason": "x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    let admin = &d.admin;
    let closed_to_admin = app.get(&msgs, Some(&admin.access)).await;
    assert_eq!(
        closed_to_admin.status,
        StatusCode::FORBIDDEN,
        "{:?}",
        closed_to_admin.body
    );
    let admin_writes = app
        .post(&msgs, Some(&admin.access), said("Admin here"))
        .await;
    assert_eq!(admin_writes.status, StatusCode::FORBIDDEN);

    let no_reason = app
        .post(&format!("{path}/report"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let report = json!({"reason": "He keeps asking me to sell replicas."});
    let r = app
        .post(&format!("{path}/report"), Some(&d.host.access), report)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let reports = app
        .get("/api/v1/admin/thread-reports", Some(&admin.access))
        .await;
    assert_eq!(reports.body[0]["offer_id"], r.body["offer_id"]);

    let read = app.get(&msgs, Some(&admin.access)).await;
    assert_eq!(read.status, StatusCode::OK);
    let audit = app
        .get("/api/v1/admin/audit-log", Some(&admin.access))
        .await;
    let reads = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "thread.read")
        .count();
    assert_eq!(reads, 1, "{:?}", audit.body);

    // An admin hides the message; its readers see why, not what.
    let id = read.body[0]["id"].as_str().unwrap().to_owned();
    let hide = format!("/api/v1/admin/messages/{id}/hide");
    let no_reason = app.post(&hide, Some(&admin.access), json!({})).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let by_party = app
        .post(&hide, Some(&d.host.access), json!({"reason": "x"}))
        .await;
    assert_eq!(by_party.status, StatusCode::FORBIDDEN);
    let hidden = app
        .post(&hide, Some(&admin.access), json!({"reason": "Harassment."}))
        .await;
    assert_eq!(hidden.status, StatusCode::OK, "{:?}", hidden.body);
    let seen = app.get(&msgs, Some(&d.host.access)).await;
    assert_eq!(seen.body[0]["body"], "");
    assert_eq!(seen.body[0]["hidden"]["reason"], "Harassment.");
    assert_eq!(
        unread(&app, &d.host).await,
        0,
        "a hidden message is not waiting"
    );
}

#[tokio::test]
async fn a_blocked_supplier_cannot_write() {
    let app = spawn_app().await;
    let d: Deal = deal(&app).await;
    let path = sent(&app, &d).await;
    let accept = app
        .post(&format!("{path}/accept"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(accept.status, StatusCode::OK);
    let b = json!({"supplier_id": d.supplier.id});
    assert_eq!(
        app.post("/api/v1/hosts/me/blocks", Some(&d.host.access), b)
            .await
            .status,
        StatusCode::CREATED
    );
    let w = app
        .post(
            &format!("{path}/messages"),
            Some(&d.supplier.access),
            said("Hello?"),
        )
        .await;
    assert_eq!(w.status, StatusCode::FORBIDDEN, "{:?}", w.body);
}

#[tokio::test]
async fn a_burst_of_ten_messages_sends_one_email() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = sent(&app, &d).await;
    let msgs = format!("{path}/messages");
    for i in 1..=10 {
        let m = app
            .post(
                &msgs,
                Some(&d.host.access),
                said(&format!("Point {i} of my plan.")),
            )
            .await;
        assert_eq!(m.status, StatusCode::CREATED);
    }
    let now = Utc::now();
    app.jobs.run_clock_at(now).await.unwrap();
    assert!(
        new_message_mails(&app, &d.supplier.email).await.is_empty(),
        "the burst waits a minute"
    );
    app.jobs
        .run_clock_at(now + Duration::minutes(2))
        .await
        .unwrap();
    app.jobs
        .run_clock_at(now + Duration::minutes(3))
        .await
        .unwrap();
    let mails = new_message_mails(&app, &d.supplier.email).await;
    assert_eq!(mails.len(), 1, "ten messages, one email");
    assert_eq!(mails[0].payload["count"], "10");
    assert_eq!(mails[0].payload["excerpt"], "Point 10 of my plan.");
    assert!(
        new_message_mails(&app, &d.host.email).await.is_empty(),
        "nobody mails the writer"
    );

    // One more soon after: it waits for the 10-minute gap, then goes alone.
    app.post(&msgs, Some(&d.host.access), said("And one more thing."))
        .await;
    app.jobs
        .run_clock_at(now + Duration::minutes(6))
        .await
        .unwrap();
    assert_eq!(
        new_message_mails(&app, &d.supplier.email).await.len(),
        1,
        "within 10 minutes"
    );
    app.jobs
        .run_clock_at(now + Duration::minutes(13))
        .await
        .unwrap();
    let mails = new_message_mails(&app, &d.supplier.email).await;
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].payload["count"], "11", "all still unread");

    // Read before the email is due: none is sent.
    app.post(&msgs, Some(&d.host.access), said("Did you see?"))
        .await;
    app.post(&format!("{msgs}/read"), Some(&d.supplier.access), json!({}))
        .await;
    app.jobs
        .run_clock_at(now + Duration::minutes(40))
        .await
        .unwrap();
    assert_eq!(
        new_message_mails(&app, &d.supplier.email).await.len(),
        2,
        "read in time"
    );
}
