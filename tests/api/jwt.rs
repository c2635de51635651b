//! Access tokens that must not work: every one is a 401 problem.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TEST_SECRET, spawn_app};

fn claims(sub: &str) -> Value {
    let now = Utc::now().timestamp();
    json!({"sub": sub, "iss": "hostmatch", "aud": "hostmatch-api", "iat": now,
           "exp": now + 600, "typ": "access", "jti": uuid::Uuid::new_v4()})
}

fn sign(alg: Algorithm, secret: &[u8], claims: &Value) -> String {
    encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret).unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn forged_or_stale_tokens_are_refused() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let admin = app.admin().await;
    let sub = user.id.to_string();
    let key = TEST_SECRET.as_bytes();

    // Control: a token built the way the service builds one works, so the refusals below
    // are about the one thing each case changes.
    let good = sign(Algorithm::HS256, key, &claims(&sub));
    assert_eq!(
        app.get("/api/v1/me", Some(&good)).await.status,
        StatusCode::OK
    );

    let with = |k: &str, v: Value| {
        let mut c = claims(&sub);
        c[k] = v;
        c
    };
    let none_alg = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims(&sub).to_string())
    );
    // Swap the payload for one naming the admin, keeping the user's signature.
    let tampered = {
        let parts: Vec<&str> = user.access.split('.').collect();
        let payload = URL_SAFE_NO_PAD.encode(claims(&admin.id.to_string()).to_string());
        format!("{}.{}.{}", parts[0], payload, parts[2])
    };
    let cases = [
        ("alg none", none_alg),
        (
            "wrong key",
            sign(
                Algorithm::HS256,
                b"some-other-secret-some-other-secret!",
                &claims(&sub),
            ),
        ),
        (
            "HS512 with the right key",
            sign(Algorithm::HS512, key, &claims(&sub)),
        ),
        ("tampered payload", tampered),
        (
            "expired",
            sign(
                Algorithm::HS256,
                key,
                &with("exp", json!(Utc::now().timestamp() - 3600)),
            ),
        ),
        (
            "wrong issuer",
            sign(Algorithm::HS256, key, &with("iss", json!("someone-else"))),
        ),
        (
            "wrong audience",
            sign(Algorithm::HS256, key, &with("aud", json!("another-api"))),
        ),
        (
            "not an access token",
            sign(Algorithm::HS256, key, &with("typ", json!("refresh"))),
        ),
        ("no expiry", {
            let mut c = claims(&sub);
            c.as_object_mut().unwrap().remove("exp");
            sign(Algorithm::HS256, key, &c)
        }),
        (
            "unknown account",
            sign(
                Algorithm::HS256,
                key,
                &claims(&uuid::Uuid::new_v4().to_string()),
            ),
        ),
        ("refresh token as access token", user.refresh.clone()),
        ("garbage", "a.b.c".into()),
    ];
    for (name, token) in cases {
        let a = app.get("/api/v1/me", Some(&token)).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{name}");
        assert!(a.is_problem(), "{name}: {:?}", a.body);
    }
    let no_scheme = app
        .client
        .get(app.url("/api/v1/me"))
        .header("authorization", user.access.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(no_scheme.status(), StatusCode::UNAUTHORIZED);
}
