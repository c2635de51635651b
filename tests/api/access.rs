//! Who may call what: every endpoint of the service against every kind of caller.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, User, spawn_app, unique_email};

/// The columns of the table.
const CALLERS: [&str; 6] = [
    "anonymous",
    "pending",
    "approved",
    "rejected",
    "suspended",
    "admin",
];

/// Each endpoint with the status every caller expects, in the order of [`CALLERS`].
const TABLE: &[(&str, [u16; 6])] = &[
    ("GET /api/v1/me", [401, 200, 200, 200, 401, 200]),
    ("POST /api/v1/auth/register", [201, 201, 201, 201, 201, 201]),
    ("POST /api/v1/auth/login", [401, 200, 200, 200, 403, 200]),
    ("POST /api/v1/auth/refresh", [401, 200, 200, 200, 401, 200]),
    ("POST /api/v1/auth/logout", [204, 204, 204, 204, 204, 204]),
    ("GET /api/v1/admin/accounts", [401, 403, 403, 403, 401, 200]),
    (
        "POST /api/v1/admin/accounts/{id}/approve",
        [401, 403, 403, 403, 401, 200],
    ),
    (
        "POST /api/v1/admin/accounts/{id}/reject",
        [401, 403, 403, 403, 401, 200],
    ),
    (
        "POST /api/v1/admin/accounts/{id}/suspend",
        [401, 403, 403, 403, 401, 200],
    ),
    (
        "POST /api/v1/admin/accounts/{id}/reinstate",
        [401, 403, 403, 403, 401, 200],
    ),
    (
        "GET /api/v1/admin/audit-log",
        [401, 403, 403, 403, 401, 200],
    ),
];

/// Makes the call of `endpoint` as `caller` and returns the status. Vetting calls get a
/// fresh target in the state the action starts from, and a refused call must leave it as
/// it was.
async fn call(app: &TestApp, admin: &User, endpoint: &str, caller: Option<&User>) -> StatusCode {
    let token = caller.map(|u| u.access.as_str());
    match endpoint {
        "GET /api/v1/me" => app.get("/api/v1/me", token).await.status,
        "POST /api/v1/auth/register" => {
            let body = json!({"email": unique_email("reg"), "password": PASSWORD,
                              "role": "host", "display_name": "Reg"});
            app.call(Method::POST, "/api/v1/auth/register", token, Some(body))
                .await
                .status
        }
        "POST /api/v1/auth/login" => {
            let email = caller.map_or_else(|| unique_email("ghost"), |u| u.email.clone());
            app.login(&email, PASSWORD).await.status
        }
        "POST /api/v1/auth/refresh" | "POST /api/v1/auth/logout" => {
            let refresh = match caller {
                None => "hmr_not-a-real-token".to_owned(),
                // A session of its own, so cells do not spend each other's tokens; a
                // suspended caller cannot sign in and presents the token it had.
                Some(u) => {
                    let fresh = app.login(&u.email, PASSWORD).await;
                    fresh.body["refresh_token"]
                        .as_str()
                        .map_or_else(|| u.refresh.clone(), str::to_owned)
                }
            };
            let path = endpoint.trim_start_matches("POST ");
            app.post(path, token, json!({"refresh_token": refresh}))
                .await
                .status
        }
        "GET /api/v1/admin/accounts" => app.get("/api/v1/admin/accounts", token).await.status,
        "GET /api/v1/admin/audit-log" => app.get("/api/v1/admin/audit-log", token).await.status,
        vet => {
            let action = vet.rsplit('/').next().unwrap();
            let from = match action {
                "approve" | "reject" => "pending",
                "suspend" => "approved",
                _ => "suspended",
            };
            let target = app.user_in(admin, "host", from).await;
            let a = app
                .post(
                    &format!("/api/v1/admin/accounts/{}/{action}", target.id),
                    token,
                    json!({"reason": "table test"}),
                )
                .await;
            if !a.status.is_success() {
                assert!(a.is_problem(), "{vet}: {:?}", a.body);
                let row = hostmatch::db::accounts::find(app.db.conn(), target.id)
                    .await
                    .unwrap()
                    .unwrap();
                assert_eq!(row.status, from, "{vet} refused yet changed the target");
            }
            a.status
        }
    }
}

async fn run_table(role: &str) {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut callers: Vec<Option<User>> = vec![None];
    for status in &CALLERS[1..5] {
        callers.push(Some(app.user_in(&admin, role, status).await));
    }
    callers.push(Some(admin.clone()));
    let mut failures = Vec::new();
    for (endpoint, expected) in TABLE {
        for (i, caller) in callers.iter().enumerate() {
            let got = call(&app, &admin, endpoint, caller.as_ref()).await;
            if got.as_u16() != expected[i] {
                failures.push(format!(
                    "{endpoint} as {role} {}: expected {}, got {}",
                    CALLERS[i], expected[i], got
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn every_endpoint_answers_each_kind_of_supplier_as_the_table_says() {
    run_table("supplier").await;
}

#[tokio::test]
async fn every_endpoint_answers_each_kind_of_host_as_the_table_says() {
    run_table("host").await;
}
