//! Who may call what: every endpoint of the service against every kind of caller. The
//! table is here; `call` makes each row's request, `fixtures` what they act on, and
//! `openapi` checks that every documented path has a row.

mod call;
mod fixtures;
mod openapi;

use crate::helpers::{User, spawn_app};

use call::{Body, WITH_BODY, call};
use fixtures::fixtures;

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
pub(super) const TABLE: &[Row] = &[
    ("GET /api/v1/me", [401, 200, 200, 200, 401, 200], SAME),
    ("POST /api/v1/auth/register", [201, 201, 201, 201, 201, 201], SAME),
    ("POST /api/v1/auth/login", [401, 200, 200, 200, 403, 200], SAME),
    ("POST /api/v1/auth/refresh", [401, 200, 200, 200, 401, 200], SAME),
    ("POST /api/v1/auth/logout", [204, 204, 204, 204, 204, 204], SAME),
    ("POST /api/v1/auth/verify-email", [200, 200, 200, 200, 200, 200], SAME),
    ("POST /api/v1/auth/resend-verification", [401, 202, 202, 202, 401, 202], SAME),
    ("POST /api/v1/auth/forgot-password", [202, 202, 202, 202, 202, 202], SAME),
    ("POST /api/v1/auth/reset-password", [200, 200, 200, 200, 200, 200], SAME),
    ("PATCH /api/v1/me", [401, 200, 200, 200, 401, 200], SAME),
    ("POST /api/v1/me/password", [401, 204, 204, 204, 401, 204], SAME),
    ("GET /api/v1/me/export", [401, 200, 200, 200, 401, 200], SAME),
    ("DELETE /api/v1/me", [401, 204, 204, 204, 401, 204], SAME),
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
    ("POST /api/v1/offers/preview", [401, 403, 200, 403, 401, 403], [401, 403, 403, 403, 401, 403]),
    ("GET /api/v1/offers", [401, 200, 200, 200, 401, 200], SAME),
    ("GET /api/v1/offers/{fixture}", [401, 404, 404, 404, 401, 200], SAME),
    ("POST /api/v1/offers/{fixture}/accept", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/offers/{fixture}/decline", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/offers/{fixture}/withdraw", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/offers/{fixture}/counter", [401, 404, 404, 404, 401, 403], SAME),
    ("GET /api/v1/offers/{fixture}/versions", [401, 404, 404, 404, 401, 200], SAME),
    ("GET /api/v1/offers/{fixture}/messages", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/offers/{fixture}/messages", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/offers/{fixture}/messages/read", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/offers/{fixture}/report", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/admin/messages/{missing}/hide", [401, 403, 403, 403, 401, 404], SAME),
    ("GET /api/v1/admin/thread-reports", ADMIN_ONLY, SAME),
    ("GET /api/v1/collaborations", [401, 200, 200, 200, 401, 200], SAME),
    ("GET /api/v1/collaborations/{fixture}", [401, 404, 404, 404, 401, 200], SAME),
    ("POST /api/v1/collaborations/{fixture}/schedule", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/collaborations/{fixture}/shipment", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/collaborations/{fixture}/received", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/collaborations/{fixture}/complete", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/collaborations/{fixture}/confirm", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/collaborations/{fixture}/cancel", [401, 404, 404, 404, 401, 403], SAME),
    ("POST /api/v1/collaborations/{fixture}/review", [401, 404, 404, 404, 401, 403], SAME),
    ("GET /api/v1/collaborations/{fixture}/reviews", [401, 404, 404, 404, 401, 200], SAME),
    ("GET /api/v1/hosts/{approved}/reviews", [401, 200, 200, 200, 401, 200], SAME),
    ("GET /api/v1/suppliers/{approved}/reviews", [401, 200, 200, 200, 401, 200], SAME),
    ("POST /api/v1/admin/reviews/{missing}/hide", [401, 403, 403, 403, 401, 404], SAME),
    ("POST /api/v1/hosts/me/blocks", [401, 403, 403, 403, 401, 403], [401, 201, 201, 201, 401, 403]),
    ("GET /api/v1/hosts/me/blocks", [401, 403, 403, 403, 401, 403], [401, 200, 200, 200, 401, 403]),
    ("DELETE /api/v1/hosts/me/blocks/{missing}", [401, 403, 403, 403, 401, 403], [401, 404, 404, 404, 401, 403]),
    ("GET /api/v1/languages", [200, 200, 200, 200, 200, 200], SAME),
    ("GET /api/v1/markets", [200, 200, 200, 200, 200, 200], SAME),
    ("GET /api/v1/categories", [200, 200, 200, 200, 200, 200], SAME),
    ("GET /api/v1/platforms", [200, 200, 200, 200, 200, 200], SAME),
];

const ADMIN_ONLY: [u16; 6] = [401, 403, 403, 403, 401, 200];
/// Marks a host row that is the same as the supplier row.
const SAME: [u16; 6] = [0; 6];

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
