//! Vetting: the queue, decisions with reasons, audit rows, suspension ending sessions.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, spawn_app};

#[tokio::test]
async fn approval_writes_one_audit_row_and_one_email() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    let a = app
        .post(
            &format!("/api/v1/admin/accounts/{}/approve", host.id),
            Some(&admin.access),
            json!({}),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body["status"], "approved");
    let me = app.get("/api/v1/me", Some(&host.access)).await;
    assert_eq!(me.body["status"], "approved");

    let rows = app.outbox_since_signup(&host.email).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].template, "account.approved");
    assert_eq!(rows[0].status, "pending");

    let log = app
        .get("/api/v1/admin/audit-log", Some(&admin.access))
        .await;
    let entries = log.body["items"].as_array().unwrap();
    // The holder's own row (verifying the address) is not the admin's.
    let approvals: Vec<_> = entries
        .iter()
        .filter(|e| e["target_id"] == host.id.to_string() && e["actor_id"] == admin.id.to_string())
        .collect();
    assert_eq!(approvals.len(), 1);
    assert_eq!(approvals[0]["action"], "account.approved");
    assert_eq!(approvals[0]["actor_id"], admin.id.to_string());
    assert_eq!(approvals[0]["details"]["from"], "pending");
}

#[tokio::test]
async fn approve_needs_no_body_at_all() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/admin/accounts/{}/approve", host.id)))
        .bearer_auth(&admin.access)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn actions_other_than_approve_need_a_reason_and_change_nothing_without_one() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    for body in [
        json!({}),
        json!({"reason": "   "}),
        json!({"reason": "nul \u{0} byte"}),
    ] {
        let a = app
            .post(
                &format!("/api/v1/admin/accounts/{}/reject", host.id),
                Some(&admin.access),
                body,
            )
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.error_fields(), ["reason"]);
    }
    let me = app.get("/api/v1/me", Some(&host.access)).await;
    assert_eq!(me.body["status"], "pending");
    assert!(app.outbox_since_signup(&host.email).await.is_empty());
}

#[tokio::test]
async fn a_move_the_state_machine_forbids_is_a_conflict() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    let reinstate = app
        .post(
            &format!("/api/v1/admin/accounts/{}/reinstate", host.id),
            Some(&admin.access),
            json!({"reason": "was never suspended"}),
        )
        .await;
    assert_eq!(reinstate.status, StatusCode::CONFLICT);
    assert!(reinstate.is_problem());
    // Suspending a pending account would let reinstatement skip vetting.
    let suspend = app
        .post(
            &format!("/api/v1/admin/accounts/{}/suspend", host.id),
            Some(&admin.access),
            json!({"reason": "spam"}),
        )
        .await;
    assert_eq!(suspend.status, StatusCode::CONFLICT);
    let on_admin = app
        .post(
            &format!("/api/v1/admin/accounts/{}/suspend", admin.id),
            Some(&admin.access),
            json!({"reason": "self"}),
        )
        .await;
    assert_eq!(on_admin.status, StatusCode::CONFLICT);
    let unknown = app
        .post(
            &format!("/api/v1/admin/accounts/{}/approve", uuid::Uuid::new_v4()),
            Some(&admin.access),
            json!({}),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let bad_action = app
        .post(
            &format!("/api/v1/admin/accounts/{}/promote", host.id),
            Some(&admin.access),
            json!({}),
        )
        .await;
    assert_eq!(bad_action.status, StatusCode::NOT_FOUND);
    let bad_id = app
        .post(
            "/api/v1/admin/accounts/not-a-uuid/approve",
            Some(&admin.access),
            json!({}),
        )
        .await;
    assert_eq!(bad_id.status, StatusCode::NOT_FOUND);
    assert!(bad_id.is_problem());
}

#[tokio::test]
async fn two_admins_deciding_at_once_leave_one_decision() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let other = app.admin().await;
    let host = app.pending("host").await;
    // Approving a rejected account is allowed, so every racer approves.
    let approve = format!("/api/v1/admin/accounts/{}/approve", host.id);
    let calls = vec![
        app.post(&approve, Some(&admin.access), json!({})),
        app.post(&approve, Some(&other.access), json!({})),
        app.post(&approve, Some(&other.access), json!({})),
    ];
    let answers = join_all(calls).await;
    let ok = answers
        .iter()
        .filter(|a| a.status == StatusCode::OK)
        .count();
    let conflict = answers
        .iter()
        .filter(|a| a.status == StatusCode::CONFLICT)
        .count();
    assert_eq!(
        (ok, conflict),
        (1, 2),
        "{:?}",
        answers
            .iter()
            .map(|a| (&a.status, &a.body))
            .collect::<Vec<_>>()
    );
    assert_eq!(app.outbox_since_signup(&host.email).await.len(), 1);
}

#[tokio::test]
async fn suspension_ends_every_session_at_once_and_reinstatement_restores_sign_in() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    app.vet(&admin, host.id, "approve").await;
    assert_eq!(
        app.get("/api/v1/me", Some(&host.access)).await.status,
        StatusCode::OK
    );

    app.vet(&admin, host.id, "suspend").await;
    let me = app.get("/api/v1/me", Some(&host.access)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert!(me.is_problem());
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": host.refresh}),
        )
        .await;
    assert_eq!(refresh.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.login(&host.email, PASSWORD).await.status,
        StatusCode::FORBIDDEN
    );

    app.vet(&admin, host.id, "reinstate").await;
    let login = app.login(&host.email, PASSWORD).await;
    assert_eq!(login.status, StatusCode::OK);
    assert_eq!(login.body["account"]["status"], "approved");
    // The old refresh token stays dead: reinstatement is not a resurrection.
    let old = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": host.refresh}),
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_queue_filters_by_status_and_role_and_pages() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let h1 = app.pending("host").await;
    let _h2 = app.pending("host").await;
    let s1 = app.pending("supplier").await;
    app.vet(&admin, h1.id, "approve").await;

    let q = app
        .get(
            "/api/v1/admin/accounts?status=pending&role=host",
            Some(&admin.access),
        )
        .await;
    assert_eq!(q.status, StatusCode::OK);
    assert_eq!(q.body["total"], 1);
    let q = app
        .get("/api/v1/admin/accounts?status=pending", Some(&admin.access))
        .await;
    assert_eq!(q.body["total"], 2);
    let ids: Vec<_> = q.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.contains(&s1.id.to_string()));

    let page = app
        .get(
            "/api/v1/admin/accounts?per_page=1&page=2",
            Some(&admin.access),
        )
        .await;
    assert_eq!(page.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(page.body["total"], 4, "three accounts and the admin");
    assert_eq!(page.body["page"], 2);
    assert_eq!(page.body["per_page"], 1);

    for bad in ["?status=sleeping", "?role=king", "?per_page=101", "?page=0"] {
        let a = app
            .get(&format!("/api/v1/admin/accounts{bad}"), Some(&admin.access))
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(a.is_problem());
    }
    let a = app
        .get("/api/v1/admin/accounts?page=abc", Some(&admin.access))
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_audit_log_lists_newest_first() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    app.vet(&admin, host.id, "approve").await;
    app.vet(&admin, host.id, "suspend").await;
    app.vet(&admin, host.id, "reinstate").await;
    let log = app
        .get("/api/v1/admin/audit-log", Some(&admin.access))
        .await;
    let actions: Vec<_> = log.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        actions,
        [
            "account.reinstated",
            "account.suspended",
            "account.approved",
            "account.email_verified",
            "admin.created"
        ]
    );
    assert_eq!(log.body["items"][1]["reason"], "suspend for the test");
}
