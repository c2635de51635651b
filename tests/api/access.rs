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
    ("GET /api/v1/offers/{fixture}", [401, 404, 404, 404, 401, 200], SAME),
    ("POST /api/v1/offers/{fixture}/accept", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/offers/{fixture}/decline", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/offers/{fixture}/withdraw", [401, 404, 404, 404, 401, 403], SAME),
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
    /// An offer from the approved supplier to the approved host, open.
    offer: uuid::Uuid,
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
    let offer = app
        .post(
            "/api/v1/offers",
            Some(&approved_supplier.access),
            json!({"host_id": approved_host.id, "product_ids": [active], "commission_pct": 10.0}),
        )
        .await;
    assert_eq!(offer.status, StatusCode::CREATED, "{:?}", offer.body);
    let offer = offer.body["id"].as_str().unwrap().parse().unwrap();
    Fixtures {
        approved_host,
        pending_host,
        approved_supplier,
        pending_supplier,
        active,
        hidden,
        offer,
    }
}

/// Which body a call sends: the one its row is about, or one no endpoint accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
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
const WITH_BODY: &[&str] = &[
    "PUT /api/v1/hosts/me",
    "PUT /api/v1/suppliers/me",
    "POST /api/v1/products",
    "PATCH /api/v1/products/{others}",
    "POST /api/v1/offers",
    "POST /api/v1/offers/{fixture}/decline",
    "POST /api/v1/admin/market-rules",
    "POST /api/v1/admin/screening-terms",
    "POST /api/v1/admin/accounts/{id}/approve",
    "POST /api/v1/admin/accounts/{id}/reject",
    "POST /api/v1/admin/accounts/{id}/suspend",
    "POST /api/v1/admin/accounts/{id}/reinstate",
];

/// Makes the call of `endpoint` as `caller` and returns the status. Vetting calls get a
/// fresh target in the state the action starts from, and a refused call must leave it as
/// it was.
async fn call(
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
        "POST /api/v1/offers" => {
            // Callers who may list products offer their own; others try the fixture's.
            let own = app.post("/api/v1/products", token, product_body()).await;
            let product = own.body["id"]
                .as_str()
                .map_or(fx.active.to_string(), str::to_owned);
            let valid = json!({"host_id": fx.approved_host.id, "product_ids": [product],
                              "commission_pct": 10.0});
            app.post("/api/v1/offers", token, body.or_junk(valid))
                .await
                .status
        }
        "GET /api/v1/offers" => app.get("/api/v1/offers", token).await.status,
        "GET /api/v1/offers/{fixture}" => {
            let path = format!("/api/v1/offers/{}", fx.offer);
            app.get(&path, token).await.status
        }
        "POST /api/v1/offers/{fixture}/accept"
        | "POST /api/v1/offers/{fixture}/decline"
        | "POST /api/v1/offers/{fixture}/withdraw" => {
            let mv = endpoint.rsplit('/').next().unwrap();
            let path = format!("/api/v1/offers/{}/{mv}", fx.offer);
            let valid = if mv == "decline" {
                json!({"reason": "table test"})
            } else {
                json!({})
            };
            let a = app.post(&path, token, body.or_junk(valid)).await;
            let row = app
                .get(
                    &format!("/api/v1/offers/{}", fx.offer),
                    Some(&fx.approved_supplier.access),
                )
                .await;
            assert_eq!(
                row.body["status"], "sent",
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
            let cell = format!("{endpoint} as {role} {}", CALLERS[i]);
            let got = call(&app, &admin, &fx, endpoint, caller.as_ref(), Body::Valid).await;
            if got.as_u16() != expected[i] {
                failures.push(format!("{cell}: expected {}, got {got}", expected[i]));
            }
            if !WITH_BODY.contains(endpoint) {
                continue;
            }
            // A refusal comes before the body is read; an allowed call with a bad body is
            // told what is wrong with it.
            let junk = call(&app, &admin, &fx, endpoint, caller.as_ref(), Body::Invalid).await;
            let ok = if (200..300).contains(&expected[i]) {
                matches!(junk.as_u16(), 400 | 415 | 422)
            } else {
                junk.as_u16() == expected[i]
            };
            if !ok {
                failures.push(format!(
                    "{cell} with an invalid body: expected {}, got {junk}",
                    if (200..300).contains(&expected[i]) {
                        "400, 415 or 422".to_owned()
                    } else {
                        expected[i].to_string()
                    }
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

/// `METHOD /path` with every `{…}` segment made `{}` and the query dropped, so a row and
/// the OpenAPI path it exercises compare equal.
fn shape(endpoint: &str) -> String {
    let (method, path) = endpoint.split_once(' ').unwrap();
    let path = path.split('?').next().unwrap();
    let segments: Vec<&str> = path
        .split('/')
        .map(|s| if s.starts_with('{') { "{}" } else { s })
        .collect();
    format!("{method} {}", segments.join("/"))
}

#[tokio::test]
async fn every_path_in_the_openapi_document_has_a_row_in_the_table() {
    let app = spawn_app().await;
    let doc = app.get("/api-docs/openapi.json", None).await;
    let rows: Vec<String> = TABLE.iter().map(|(e, _, _)| shape(e)).collect();
    let mut missing = Vec::new();
    let paths = doc.body["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let want = shape(&format!("{} {path}", method.to_uppercase()));
            // `{action}` is one path in the document and one row per action here.
            let covered = rows.iter().any(|r| {
                r == &want
                    || (want.ends_with("/{}")
                        && r.rsplit_once('/').map(|(head, _)| format!("{head}/{{}}"))
                            == Some(want.clone()))
            });
            if !covered {
                missing.push(want);
            }
        }
    }
    assert!(paths.len() > 25, "the document lists {} paths", paths.len());
    assert!(missing.is_empty(), "no row for: {missing:?}");
}
