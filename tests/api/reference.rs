//! Reference data: languages, markets with regions, the bilingual taxonomy, platforms.

use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{host_profile_body, spawn_app};

#[tokio::test]
async fn languages_are_iso_639_1_with_native_names_and_public() {
    let app = spawn_app().await;
    let a = app.get("/api/v1/languages", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers["cache-control"], "public, max-age=3600");
    let all = a.body.as_array().unwrap();
    assert!(all.len() > 180);
    let es = all.iter().find(|l| l["code"] == "es").unwrap();
    assert_eq!(es["name"], "Spanish");
    assert!(es["native_name"].is_string());
}

#[tokio::test]
async fn markets_list_countries_and_regions_with_their_countries() {
    let app = spawn_app().await;
    let a = app.get("/api/v1/markets", None).await;
    let all = a.body.as_array().unwrap();
    let countries = all.iter().filter(|m| m["kind"] == "country").count();
    assert!(countries >= 249, "{countries}");
    let latam = all.iter().find(|m| m["code"] == "LATAM").unwrap();
    assert_eq!(latam["kind"], "region");
    assert!(
        latam["countries"]
            .as_array()
            .unwrap()
            .contains(&json!("MX"))
    );
    assert!(
        all.iter()
            .any(|m| m["code"] == "EU" && m["name_zh"] == "欧盟")
    );
}

#[tokio::test]
async fn the_taxonomy_has_unique_ids_parents_present_and_both_names() {
    let app = spawn_app().await;
    let a = app.get("/api/v1/categories", None).await;
    let all = a.body.as_array().unwrap();
    assert!(all.len() >= 1562, "levels 1 to 3 at least: {}", all.len());
    let ids: HashSet<u64> = all.iter().map(|c| c["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), all.len());
    for c in all {
        if let Some(p) = c["parent_id"].as_u64() {
            assert!(ids.contains(&p), "{c}");
        }
        assert!(!c["name"].as_str().unwrap().is_empty());
        assert!(!c["name_zh"].as_str().unwrap().is_empty());
    }
    let beer = all.iter().find(|c| c["id"] == 414).unwrap();
    assert_eq!(beer["parent_id"], 499676, "deep enough for alcohol rules");
}

#[tokio::test]
async fn platforms_have_unique_codes_both_names_and_include_aliexpress() {
    let app = spawn_app().await;
    let a = app.get("/api/v1/platforms", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers["cache-control"], "public, max-age=3600");
    let all = a.body.as_array().unwrap();
    let codes: HashSet<&str> = all.iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), all.len(), "codes are unique");
    for p in all {
        assert_eq!(p.as_object().unwrap().len(), 3, "code, name, name_zh: {p}");
        assert!(!p["name"].as_str().unwrap().is_empty(), "{p}");
        assert!(!p["name_zh"].as_str().unwrap().trim().is_empty(), "{p}");
    }
    let ali = all.iter().find(|p| p["code"] == "aliexpress").unwrap();
    assert_eq!(ali["name"], "AliExpress");
    assert_eq!(ali["name_zh"], "速卖通");
    assert!(codes.contains("tiktok") && codes.contains("other"));
}

#[tokio::test]
async fn a_host_profile_accepts_a_newly_listed_platform() {
    let app = spawn_app().await;
    let host = app.pending("host").await;
    let mut body = host_profile_body();
    body["platforms"] = json!([{"name": "AliExpress", "handle": "lucia", "followers": 800}]);
    let a = app.put("/api/v1/hosts/me", Some(&host.access), body).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["platforms"][0]["name"], "aliexpress");
}
