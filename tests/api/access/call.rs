//! Each row's request, as one caller, with the body its row is about or an invalid one.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::fixtures::Fixtures;
use crate::helpers::{
    PASSWORD, TestApp, User, host_profile_body, product_body, supplier_profile_body, unique_email,
};

/// Which body a call sends: the one its row is about, or one no endpoint accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Body {
    Valid,
    Invalid,
}

impl Body {
    /// `valid`, or a JSON object of the wrong shape for every endpoint.
    fn or_junk(self, valid: serde_json::Value) -> serde_json::Value {
        match self {
            Self::Valid => valid,
            Self::Invalid => json!({"not_a_field": [1, 2, 3]}),
        }
    }
}

/// The rows whose call sends a body that an authorised caller's request is judged by, and
/// so can be sent invalid. Auth endpoints are left out: their body is the credentials.
pub(super) const WITH_BODY: &[&str] = &[
    "PUT /api/v1/hosts/me",
    "PUT /api/v1/suppliers/me",
    "POST /api/v1/products",
    "PATCH /api/v1/products/{others}",
    "POST /api/v1/offers",
    "POST /api/v1/offers/preview",
    "POST /api/v1/offers/{fixture}/decline",
    "POST /api/v1/offers/{fixture}/counter",
    "POST /api/v1/offers/{fixture}/messages",
    "POST /api/v1/offers/{fixture}/report",
    "POST /api/v1/hosts/me/blocks",
    "POST /api/v1/admin/market-rules",
    "POST /api/v1/admin/screening-terms",
    "POST /api/v1/admin/accounts/{id}/approve",
    "POST /api/v1/admin/accounts/{id}/reject",
    "POST /api/v1/admin/accounts/{id}/suspend",
    "POST /api/v1/admin/accounts/{id}/reinstate",
    "PATCH /api/v1/me",
    "POST /api/v1/me/password",
    "DELETE /api/v1/me",
];

/// Makes the call of `endpoint` as `caller` and returns the status. Vetting calls get a
/// fresh target in the state the action starts from, and a refused call must leave it as
/// it was.
pub(super) async fn call(
    app: &TestApp,
    admin: &User,
    fx: &Fixtures,
    endpoint: &str,
    caller: Option<&User>,
    body: Body,
) -> StatusCode {
    let token = caller.map(|u| u.access.as_str());
    match endpoint {
        "PUT /api/v1/hosts/me" => {
            app.put("/api/v1/hosts/me", token, body.or_junk(host_profile_body()))
                .await
                .status
        }
        "GET /api/v1/hosts/me" => {
            // Hosts write theirs first; the GET is what the row is about.
            app.put("/api/v1/hosts/me", token, host_profile_body())
                .await;
            app.get("/api/v1/hosts/me", token).await.status
        }
        "GET /api/v1/hosts/{approved}" => get(app, token, "hosts", fx.approved_host.id).await,
        "GET /api/v1/hosts/{pending}" => get(app, token, "hosts", fx.pending_host.id).await,
        "PUT /api/v1/suppliers/me" => {
            let valid = supplier_profile_body();
            app.put("/api/v1/suppliers/me", token, body.or_junk(valid))
                .await
                .status
        }
        "GET /api/v1/suppliers/me" => {
            app.put("/api/v1/suppliers/me", token, supplier_profile_body())
                .await;
            app.get("/api/v1/suppliers/me", token).await.status
        }
        "GET /api/v1/suppliers/{approved}" => {
            get(app, token, "suppliers", fx.approved_supplier.id).await
        }
        "GET /api/v1/suppliers/{pending}" => {
            get(app, token, "suppliers", fx.pending_supplier.id).await
        }
        "POST /api/v1/products" => {
            app.post("/api/v1/products", token, body.or_junk(product_body()))
                .await
                .status
        }
        "GET /api/v1/products/{active}" => get(app, token, "products", fx.active).await,
        "GET /api/v1/products/{hidden}" => get(app, token, "products", fx.hidden).await,
        "PATCH /api/v1/products/{others}" | "DELETE /api/v1/products/{others}" => {
            let path = format!("/api/v1/products/{}", fx.active);
            let a = if endpoint.starts_with("PATCH") {
                app.patch(&path, token, body.or_junk(json!({"price_cents": 1})))
                    .await
            } else {
                app.delete(&path, token).await
            };
            let row = app.get(&path, Some(&fx.approved_supplier.access)).await;
            assert_eq!(
                row.body["status"], "active",
                "{endpoint}: refused yet changed"
            );
            assert_eq!(
                row.body["price_cents"], 1299,
                "{endpoint}: refused yet changed"
            );
            a.status
        }
        "GET /api/v1/products?supplier_id={approved}" => {
            let path = format!("/api/v1/products?supplier_id={}", fx.approved_supplier.id);
            app.get(&path, token).await.status
        }
        "POST /api/v1/offers" | "POST /api/v1/offers/preview" => {
            // Callers who may list products offer their own; others try the fixture's.
            let own = app.post("/api/v1/products", token, product_body()).await;
            let product = own.body["id"]
                .as_str()
                .map_or(fx.active.to_string(), str::to_owned);
            let valid = json!({"host_id": fx.approved_host.id, "product_ids": [product],
                              "commission_pct": 10.0});
            let path = endpoint.trim_start_matches("POST ");
            app.post(path, token, body.or_junk(valid)).await.status
        }
        "GET /api/v1/offers" => app.get("/api/v1/offers", token).await.status,
        "GET /api/v1/offers/{fixture}" => {
            let path = format!("/api/v1/offers/{}", fx.offer);
            app.get(&path, token).await.status
        }
        "GET /api/v1/collaborations" => app.get("/api/v1/collaborations", token).await.status,
        "GET /api/v1/collaborations/{fixture}" | "GET /api/v1/collaborations/{fixture}/reviews" => {
            let tail = endpoint.split("{fixture}").nth(1).unwrap();
            let path = format!("/api/v1/collaborations/{}{tail}", fx.collaboration);
            app.get(&path, token).await.status
        }
        "POST /api/v1/collaborations/{fixture}/schedule"
        | "POST /api/v1/collaborations/{fixture}/shipment"
        | "POST /api/v1/collaborations/{fixture}/received"
        | "POST /api/v1/collaborations/{fixture}/complete"
        | "POST /api/v1/collaborations/{fixture}/confirm"
        | "POST /api/v1/collaborations/{fixture}/cancel"
        | "POST /api/v1/collaborations/{fixture}/review" => {
            let step = endpoint.rsplit('/').next().unwrap();
            let path = format!("/api/v1/collaborations/{}/{step}", fx.collaboration);
            let valid = match step {
                "schedule" => json!({"live_at": chrono::Utc::now(), "duration_minutes": 60}),
                "shipment" => json!({"carrier": "SF", "tracking_number": "SF1"}),
                "cancel" => json!({"reason": "table test"}),
                "review" => json!({"rating": 5, "text": "table test"}),
                _ => json!({}),
            };
            let a = app.post(&path, token, body.or_junk(valid)).await;
            let fixture = format!("/api/v1/collaborations/{}", fx.collaboration);
            let row = app.get(&fixture, Some(&fx.approved_supplier.access)).await;
            assert_eq!(
                (row.body["status"].as_str(), &row.body["live_at"]),
                (Some("agreed"), &Value::Null),
                "{endpoint}: refused yet changed"
            );
            a.status
        }
        "GET /api/v1/hosts/{approved}/reviews" => {
            let path = format!("/api/v1/hosts/{}/reviews", fx.approved_host.id);
            app.get(&path, token).await.status
        }
        "GET /api/v1/suppliers/{approved}/reviews" => {
            let path = format!("/api/v1/suppliers/{}/reviews", fx.approved_supplier.id);
            app.get(&path, token).await.status
        }
        "POST /api/v1/admin/reviews/{missing}/hide" => {
            let path = format!("/api/v1/admin/reviews/{}/hide", uuid::Uuid::now_v7());
            app.post(&path, token, json!({"reason": "table test"}))
                .await
                .status
        }
        "GET /api/v1/offers/{fixture}/messages" => {
            let path = format!("/api/v1/offers/{}/messages", fx.offer);
            app.get(&path, token).await.status
        }
        "POST /api/v1/offers/{fixture}/messages"
        | "POST /api/v1/offers/{fixture}/messages/read"
        | "POST /api/v1/offers/{fixture}/report" => {
            let tail = endpoint.split("{fixture}").nth(1).unwrap();
            let path = format!("/api/v1/offers/{}{tail}", fx.offer);
            let valid = match tail {
                "/messages" => json!({"body": "table test"}),
                "/report" => json!({"reason": "table test"}),
                _ => json!({}),
            };
            let a = app.post(&path, token, body.or_junk(valid)).await;
            let thread = format!("/api/v1/offers/{}/messages", fx.offer);
            let seen = app.get(&thread, Some(&fx.approved_supplier.access)).await;
            assert_eq!(seen.body, json!([]), "{endpoint}: refused yet changed");
            a.status
        }
        "POST /api/v1/admin/messages/{missing}/hide" => {
            let path = format!("/api/v1/admin/messages/{}/hide", uuid::Uuid::now_v7());
            app.post(&path, token, json!({"reason": "table test"}))
                .await
                .status
        }
        "GET /api/v1/admin/thread-reports" => {
            app.get("/api/v1/admin/thread-reports", token).await.status
        }
        "POST /api/v1/hosts/me/blocks" => {
            // Blocking a supplier other than the fixture's, so the fixture offer stays.
            let other = fx.pending_supplier.id;
            let valid = json!({"supplier_id": other});
            app.post("/api/v1/hosts/me/blocks", token, body.or_junk(valid))
                .await
                .status
        }
        "GET /api/v1/hosts/me/blocks" => app.get("/api/v1/hosts/me/blocks", token).await.status,
        "DELETE /api/v1/hosts/me/blocks/{missing}" => {
            let path = format!("/api/v1/hosts/me/blocks/{}", uuid::Uuid::now_v7());
            app.delete(&path, token).await.status
        }
        "GET /api/v1/offers/{fixture}/versions" => {
            let path = format!("/api/v1/offers/{}/versions", fx.offer);
            app.get(&path, token).await.status
        }
        "POST /api/v1/offers/{fixture}/accept"
        | "POST /api/v1/offers/{fixture}/decline"
        | "POST /api/v1/offers/{fixture}/withdraw"
        | "POST /api/v1/offers/{fixture}/counter" => {
            let mv = endpoint.rsplit('/').next().unwrap();
            let path = format!("/api/v1/offers/{}/{mv}", fx.offer);
            let valid = match mv {
                "decline" => json!({"reason": "table test"}),
                "counter" => json!({"fee_cents": 1}),
                _ => json!({}),
            };
            let a = app.post(&path, token, body.or_junk(valid)).await;
            let row = app
                .get(
                    &format!("/api/v1/offers/{}", fx.offer),
                    Some(&fx.approved_supplier.access),
                )
                .await;
            assert_eq!(
                (row.body["status"].as_str(), row.body["version"].as_i64()),
                (Some("sent"), Some(1)),
                "{endpoint}: refused yet changed"
            );
            a.status
        }
        "GET /api/v1/products/{own}/matches" | "GET /api/v1/products/{others}/matches" => {
            // For {own}, callers who may list products ask about their own.
            let own = if endpoint.contains("{own}") {
                app.post("/api/v1/products", token, product_body())
                    .await
                    .body["id"]
                    .as_str()
                    .map(str::to_owned)
            } else {
                None
            };
            let product = own.unwrap_or_else(|| fx.active.to_string());
            let path = format!("/api/v1/products/{product}/matches");
            app.get(&path, token).await.status
        }
        "GET /api/v1/hosts/me/recommendations" => {
            // Hosts write their profile first, as for GET /hosts/me.
            app.put("/api/v1/hosts/me", token, host_profile_body())
                .await;
            app.get("/api/v1/hosts/me/recommendations", token)
                .await
                .status
        }
        "GET /api/v1/languages"
        | "GET /api/v1/markets"
        | "GET /api/v1/categories"
        | "GET /api/v1/platforms"
        | "GET /api/v1/hosts/search"
        | "GET /api/v1/products/search" => {
            app.get(endpoint.trim_start_matches("GET "), token)
                .await
                .status
        }
        "GET /api/v1/me" => app.get("/api/v1/me", token).await.status,
        "POST /api/v1/auth/verify-email" => {
            // The link's token is what authorises: whoever holds one may use it, signed in
            // or not. A fresh account's, so the callers' own stay as they are.
            let holder = app.unverified("host").await;
            let link = app.emailed_token(&holder.email, "account.verify-email");
            let body = json!({"token": link.await.unwrap()});
            app.post("/api/v1/auth/verify-email", token, body)
                .await
                .status
        }
        "POST /api/v1/auth/reset-password" => {
            // As for verify-email.
            let holder = app.pending("host").await;
            app.forgot_password(&holder.email).await;
            let link = app.emailed_token(&holder.email, "account.reset-password");
            let body = json!({"token": link.await.unwrap(), "password": PASSWORD});
            app.post("/api/v1/auth/reset-password", token, body)
                .await
                .status
        }
        "POST /api/v1/auth/resend-verification" => {
            app.post("/api/v1/auth/resend-verification", token, json!({}))
                .await
                .status
        }
        "POST /api/v1/auth/forgot-password" => {
            let email = caller.map_or_else(|| unique_email("ghost"), |u| u.email.clone());
            app.post(
                "/api/v1/auth/forgot-password",
                token,
                json!({"email": email}),
            )
            .await
            .status
        }
        "PATCH /api/v1/me" => {
            let valid = json!({"time_zone": "Europe/Lisbon"});
            app.patch("/api/v1/me", token, body.or_junk(valid))
                .await
                .status
        }
        "POST /api/v1/me/password" => {
            // The same password again, so the caller signs in as before.
            let valid = json!({"current_password": PASSWORD, "new_password": PASSWORD});
            app.post("/api/v1/me/password", token, body.or_junk(valid))
                .await
                .status
        }
        "GET /api/v1/me/export" => app.get("/api/v1/me/export", token).await.status,
        "DELETE /api/v1/me" => {
            // A stand-in in the caller's state closes its account, so the table's callers
            // (and its one admin, who could not close) survive the row.
            let stand_in = match caller {
                None => None,
                Some(u) => Some(stand_in(app, admin, u).await),
            };
            let body = body.or_junk(json!({"password": PASSWORD}));
            let token = stand_in.as_ref().map(|u| u.access.as_str());
            app.call(Method::DELETE, "/api/v1/me", token, Some(body))
                .await
                .status
        }
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
        "GET /api/v1/admin/market-rules" | "GET /api/v1/admin/screening-terms" => {
            app.get(endpoint.trim_start_matches("GET "), token)
                .await
                .status
        }
        "POST /api/v1/admin/market-rules" => {
            let rule = json!({"market": "JP", "category": 2619, "level": "caution",
                "reason": "Table test.", "reason_zh": "表格测试。", "source": "test"});
            app.post("/api/v1/admin/market-rules", token, body.or_junk(rule))
                .await
                .status
        }
        "POST /api/v1/admin/screening-terms" => {
            let term = json!({"language": "en", "kind": "claim", "level": "caution",
                "term": "table test", "reason": "Table test.", "reason_zh": "表格测试。"});
            app.post("/api/v1/admin/screening-terms", token, body.or_junk(term))
                .await
                .status
        }
        "DELETE /api/v1/admin/market-rules/{missing}"
        | "DELETE /api/v1/admin/screening-terms/{missing}" => {
            let path = endpoint
                .trim_start_matches("DELETE ")
                .replace("{missing}", &uuid::Uuid::now_v7().to_string());
            app.delete(&path, token).await.status
        }
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
                    body.or_junk(json!({"reason": "table test"})),
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

/// A new account like `caller`: of its role and in its status (a second admin for the
/// admin), signed in before any status change, as the table's callers are.
async fn stand_in(app: &TestApp, admin: &User, caller: &User) -> User {
    let row = hostmatch::db::accounts::find(app.db.conn(), caller.id)
        .await
        .unwrap()
        .unwrap();
    if row.role == "admin" {
        return app.admin().await;
    }
    app.user_in(admin, row.role.as_str(), row.status.as_str())
        .await
}

async fn get(app: &TestApp, token: Option<&str>, kind: &str, id: uuid::Uuid) -> StatusCode {
    app.get(&format!("/api/v1/{kind}/{id}"), token).await.status
}
