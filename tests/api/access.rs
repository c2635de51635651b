//! Who may call what: every endpoint of the service against every kind of caller.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{
    PASSWORD, TestApp, User, host_profile_body, product_body, spawn_app, supplier_profile_body,
    unique_email,
};

/// The columns of the table.
const CALLERS: [&str; 6] = [
    "anonymous",
    "pending",
    "approved",
    "rejected",
    "suspended",
    "admin",
];

/// Each endpoint with the status every caller expects, in the order of [`CALLERS`], when
/// the callers are suppliers and when they are hosts.
type Row = (&'static str, [u16; 6], [u16; 6]);
#[rustfmt::skip]
const TABLE: &[Row] = &[
    ("GET /api/v1/me", [401, 200, 200, 200, 401, 200], SAME),
    ("POST /api/v1/auth/register", [201, 201, 201, 201, 201, 201], SAME),
    ("POST /api/v1/auth/login", [401, 200, 200, 200, 403, 200], SAME),
    ("POST /api/v1/auth/refresh", [401, 200, 200, 200, 401, 200], SAME),
    ("POST /api/v1/auth/logout", [204, 204, 204, 204, 204, 204], SAME),
    ("GET /api/v1/admin/accounts", ADMIN_ONLY, SAME),
    ("POST /api/v1/admin/accounts/{id}/approve", ADMIN_ONLY, SAME),
    ("POST /api/v1/admin/accounts/{id}/reject", ADMIN_ONLY, SAME),
    ("POST /api/v1/admin/accounts/{id}/suspend", ADMIN_ONLY, SAME),
    ("POST /api/v1/admin/accounts/{id}/reinstate", ADMIN_ONLY, SAME),
    ("GET /api/v1/admin/audit-log", ADMIN_ONLY, SAME),
    ("GET /api/v1/admin/market-rules", ADMIN_ONLY, SAME),
    ("POST /api/v1/admin/market-rules", [401, 403, 403, 403, 401, 201], SAME),
    ("DELETE /api/v1/admin/market-rules/{missing}", [401, 403, 403, 403, 401, 404], SAME),
    ("GET /api/v1/admin/screening-terms", ADMIN_ONLY, SAME),
    ("POST /api/v1/admin/screening-terms", [401, 403, 403, 403, 401, 201], SAME),
    ("DELETE /api/v1/admin/screening-terms/{missing}", [401, 403, 403, 403, 401, 404], SAME),
    ("PUT /api/v1/hosts/me", [401, 403, 403, 403, 401, 403], [401, 200, 200, 200, 401, 403]),
    ("GET /api/v1/hosts/me", [401, 404, 404, 404, 401, 404], [401, 200, 200, 200, 401, 404]),
    ("GET /api/v1/hosts/{approved}", [401, 200, 200, 200, 401, 200], SAME),
    ("GET /api/v1/hosts/{pending}", [401, 404, 404, 404, 401, 200], SAME),
    ("PUT /api/v1/suppliers/me", [401, 200, 200, 200, 401, 403], [401, 403, 403, 403, 401, 403]),
    ("GET /api/v1/suppliers/me", [401, 200, 200, 200, 401, 404], [401, 404, 404, 404, 401, 404]),
    ("GET /api/v1/suppliers/{approved}", [401, 200, 200, 200, 401, 200], SAME),
    ("GET /api/v1/suppliers/{pending}", [401, 404, 404, 404, 401, 200], SAME),
    ("POST /api/v1/products", [401, 403, 201, 403, 401, 403], [401, 403, 403, 403, 401, 403]),
    ("GET /api/v1/products/{active}", [401, 200, 200, 200, 401, 200], SAME),
    ("GET /api/v1/products/{hidden}", [401, 404, 404, 404, 401, 200], SAME),
    ("PATCH /api/v1/products/{others}", [401, 404, 404, 404, 401, 403], SAME),
    ("DELETE /api/v1/products/{others}", [401, 404, 404, 404, 401, 403], SAME),
    ("GET /api/v1/products?supplier_id={approved}", [401, 200, 200, 200, 401, 200], SAME),
    ("GET /api/v1/hosts/search", [401, 403, 200, 403, 401, 200], [401, 403, 403, 403, 401, 200]),
    ("GET /api/v1/products/search", [401, 403, 200, 403, 401, 200], SAME),
    ("GET /api/v1/products/{own}/matches", [401, 404, 200, 404, 401, 200], [401, 403, 403, 403, 401, 200]),
    ("GET /api/v1/products/{others}/matches", [401, 404, 404, 404, 401, 200], [401, 403, 403, 403, 401, 200]),
    ("GET /api/v1/hosts/me/recommendations", [401, 403, 403, 403, 401, 403], [401, 403, 200, 403, 401, 403]),
    ("POST /api/v1/offers", [401, 403, 201, 403, 401, 403], [401, 403, 403, 403, 401, 403]),
    ("GET /api/v1/offers", [401, 200, 200, 200, 401, 200], SAME),
    ("GET /api/v1/languages", [200, 200, 200, 200, 200, 200], SAME),
    ("GET /api/v1/markets", [200, 200, 200, 200, 200, 200], SAME),
    ("GET /api/v1/categories", [200, 200, 200, 200, 200, 200], SAME),
    ("GET /api/v1/platforms", [200, 200, 200, 200, 200, 200], SAME),
];

const ADMIN_ONLY: [u16; 6] = [401, 403, 403, 403, 401, 200];
/// Marks a host row that is the same as the supplier row.
const SAME: [u16; 6] = [0; 6];

/// What the calls act on, made once per table.
struct Fixtures {
    approved_host: User,
    pending_host: User,
    approved_supplier: User,
    pending_supplier: User,
    /// An active product of the approved supplier.
    active: uuid::Uuid,
    /// A product of a supplier who was suspended after listing it.
    hidden: uuid::Uuid,
}

async fn fixtures(app: &TestApp, admin: &User) -> Fixtures {
    let approved_host = app.user_in(admin, "host", "approved").await;
    let pending_host = app.pending("host").await;
    for h in [&approved_host, &pending_host] {
        app.put("/api/v1/hosts/me", Some(&h.access), host_profile_body())
            .await;
    }
    let approved_supplier = app.user_in(admin, "supplier", "approved").await;
    let pending_supplier = app.pending("supplier").await;
    for s in [&approved_supplier, &pending_supplier] {
        app.put(
            "/api/v1/suppliers/me",
            Some(&s.access),
            supplier_profile_body(),
        )
        .await;
    }
    let active = app.product(&approved_supplier).await;
    let gone = app.user_in(admin, "supplier", "approved").await;
    let hidden = app.product(&gone).await;
    app.vet(admin, gone.id, "suspend").await;
    Fixtures {
        approved_host,
        pending_host,
        approved_supplier,
        pending_supplier,
        active,
        hidden,
    }
}

/// Makes the call of `endpoint` as `caller` and returns the status. Vetting calls get a
/// fresh target in the state the action starts from, and a refused call must leave it as
/// it was.
async fn call(
    app: &TestApp,
    admin: &User,
    fx: &Fixtures,
    endpoint: &str,
    caller: Option<&User>,
) -> StatusCode {
    let token = caller.map(|u| u.access.as_str());
    match endpoint {
        "PUT /api/v1/hosts/me" => {
            app.put("/api/v1/hosts/me", token, host_profile_body())
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
            app.put("/api/v1/suppliers/me", token, supplier_profile_body())
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
            app.post("/api/v1/products", token, product_body())
                .await
                .status
        }
        "GET /api/v1/products/{active}" => get(app, token, "products", fx.active).await,
        "GET /api/v1/products/{hidden}" => get(app, token, "products", fx.hidden).await,
        "PATCH /api/v1/products/{others}" | "DELETE /api/v1/products/{others}" => {
            let path = format!("/api/v1/products/{}", fx.active);
            let a = if endpoint.starts_with("PATCH") {
                app.patch(&path, token, json!({"price_cents": 1})).await
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
        "POST /api/v1/offers" => {
            // Callers who may list products offer their own; others try the fixture's.
            let own = app.post("/api/v1/products", token, product_body()).await;
            let product = own.body["id"]
                .as_str()
                .map_or(fx.active.to_string(), str::to_owned);
            let body = json!({"host_id": fx.approved_host.id, "product_ids": [product],
                              "commission_pct": 10.0});
            app.post("/api/v1/offers", token, body).await.status
        }
        "GET /api/v1/offers" => app.get("/api/v1/offers", token).await.status,
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
            app.post("/api/v1/admin/market-rules", token, rule)
                .await
                .status
        }
        "POST /api/v1/admin/screening-terms" => {
            let term = json!({"language": "en", "kind": "claim", "level": "caution",
                "term": "table test", "reason": "Table test.", "reason_zh": "表格测试。"});
            app.post("/api/v1/admin/screening-terms", token, term)
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

async fn get(app: &TestApp, token: Option<&str>, kind: &str, id: uuid::Uuid) -> StatusCode {
    app.get(&format!("/api/v1/{kind}/{id}"), token).await.status
}

async fn run_table(role: &str) {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let fx = fixtures(&app, &admin).await;
    let mut callers: Vec<Option<User>> = vec![None];
    for status in &CALLERS[1..5] {
        callers.push(Some(app.user_in(&admin, role, status).await));
    }
    callers.push(Some(admin.clone()));
    let mut failures = Vec::new();
    for (endpoint, for_suppliers, for_hosts) in TABLE {
        let expected = if role == "host" && *for_hosts != SAME {
            for_hosts
        } else {
            for_suppliers
        };
        for (i, caller) in callers.iter().enumerate() {
            let got = call(&app, &admin, &fx, endpoint, caller.as_ref()).await;
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
