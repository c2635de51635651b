//! A randomised comparison through the whole service: random hosts in the database, random
//! filter combinations over HTTP, and a brute-force filter over the same data must agree on
//! result sets, totals and facet counts.

use std::collections::{BTreeMap, BTreeSet};

use hostmatch::reference::taxonomy;
use hostmatch::{
    db::{
        accounts::{self, NewAccount},
        profiles, search_changes,
    },
    domain::{
        AccountStatus, Role,
        profile::{HostLanguage, HostProfileDraft, LanguageLevel, Platform},
    },
};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{spawn_app, unscreened};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn subset(&mut self, from: &[&str], max: u64) -> Vec<String> {
        let n = 1 + self.below(max);
        let set: BTreeSet<String> = (0..n)
            .map(|_| from[self.below(from.len() as u64) as usize].to_string())
            .collect();
        set.into_iter().collect()
    }
}

const LANGS: &[&str] = &["en", "es", "pt", "ar", "id"];
const MARKETS: &[&str] = &["US", "MX", "BR", "SA", "ID", "DE"];
const PLATFORMS: &[&str] = &["tiktok", "youtube", "instagram"];
/// (category, its top level)
const CATS: &[(u32, u32)] = &[
    (473, 469),
    (2619, 469),
    (499676, 412),
    (97, 5605),
    (2915, 469),
];

struct Generated {
    id: String,
    visible: bool,
    languages: Vec<String>,
    markets: Vec<String>,
    platforms: Vec<String>,
    category: (u32, u32),
    followers: i64,
    commission: f64,
}

#[tokio::test]
async fn randomised_searches_agree_with_a_brute_force_filter() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut hosts = Vec::new();
    for i in 0..60 {
        let visible = rng.below(5) != 0;
        let row = accounts::insert(
            app.db.conn(),
            NewAccount {
                email: &format!("gen{i}@example.test"),
                password_hash: "x",
                role: Role::Host,
                status: if visible {
                    AccountStatus::Approved
                } else {
                    AccountStatus::Pending
                },
                display_name: "Gen",
                locale: hostmatch::domain::Locale::En,
                email_verified: true,
            },
        )
        .await
        .unwrap();
        let category = CATS[rng.below(CATS.len() as u64) as usize];
        let g = Generated {
            id: row.id.to_string(),
            visible,
            languages: rng.subset(LANGS, 2),
            markets: rng.subset(MARKETS, 3),
            platforms: rng.subset(PLATFORMS, 2),
            category,
            followers: 0,
            commission: rng.below(300) as f64 / 10.0,
        };
        let platforms: Vec<Platform> = g
            .platforms
            .iter()
            .map(|p| Platform {
                name: p.clone(),
                handle: "h".into(),
                followers: rng.below(100_000) as i64,
            })
            .collect();
        let draft = HostProfileDraft {
            display_name: format!("Generated host {i}"),
            headline: String::new(),
            bio: String::new(),
            country: "US".into(),
            languages: g
                .languages
                .iter()
                .map(|c| HostLanguage {
                    code: c.clone(),
                    level: LanguageLevel::Fluent,
                })
                .collect(),
            markets: g.markets.clone(),
            categories: vec![g.category.0],
            platforms,
            min_commission_pct: g.commission,
            min_fee_cents: 0,
        };
        let saved = profiles::put_host(app.db.conn(), row.id, &draft, &unscreened())
            .await
            .unwrap();
        search_changes::record(app.db.conn(), search_changes::Entity::Host, row.id)
            .await
            .unwrap();
        hosts.push(Generated {
            followers: saved.followers_total,
            ..g
        });
    }
    app.sync_index().await;

    for round in 0..60 {
        let mut q: Vec<(String, String)> = Vec::new();
        let mut pick = |name: &str, from: &[&str], rng: &mut Rng| {
            let n = rng.below(3);
            let chosen: BTreeSet<String> = (0..n)
                .map(|_| from[rng.below(from.len() as u64) as usize].to_string())
                .collect();
            for v in &chosen {
                q.push((name.to_owned(), v.clone()));
            }
            chosen.into_iter().collect::<Vec<_>>()
        };
        let langs = pick("language", LANGS, &mut rng);
        let markets = pick("market", MARKETS, &mut rng);
        let platforms = pick("platform", PLATFORMS, &mut rng);
        let category = (rng.below(3) == 0).then(|| [469u32, 412, 5605, 473][rng.below(4) as usize]);
        if let Some(c) = category {
            q.push(("category".into(), c.to_string()));
        }
        let min_followers = (rng.below(2) == 0).then(|| rng.below(100_000) as i64);
        if let Some(m) = min_followers {
            q.push(("min_followers".into(), m.to_string()));
        }
        let max_commission = (rng.below(2) == 0).then(|| rng.below(300) as f64 / 10.0);
        if let Some(m) = max_commission {
            q.push(("max_commission_pct".into(), m.to_string()));
        }
        q.push(("per_page".into(), "100".into()));

        let any = |want: &[String], have: &[String]| {
            want.is_empty() || want.iter().any(|w| have.contains(w))
        };
        let expected: Vec<&Generated> = hosts
            .iter()
            .filter(|h| h.visible)
            .filter(|h| {
                any(&langs, &h.languages)
                    && any(&markets, &h.markets)
                    && any(&platforms, &h.platforms)
            })
            .filter(|h| {
                category.is_none_or(|c| taxonomy().lineage(h.category.0).any(|x| x.id == c))
            })
            .filter(|h| min_followers.is_none_or(|m| h.followers >= m))
            .filter(|h| max_commission.is_none_or(|m| h.commission <= m))
            .collect();

        let res = app
            .client
            .get(app.url("/api/v1/hosts/search"))
            .bearer_auth(&admin.access)
            .query(&q)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = res.json().await.unwrap();
        assert_eq!(
            body["total"].as_u64().unwrap() as usize,
            expected.len(),
            "round {round}: {q:?}"
        );
        let got: BTreeSet<String> = body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect();
        let want: BTreeSet<String> = expected.iter().map(|h| h.id.clone()).collect();
        assert_eq!(got, want, "round {round}: {q:?}");
        let facet = |name: &str| -> BTreeMap<String, u64> {
            body["facets"][name]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["value"].as_str().unwrap().to_owned(),
                        f["count"].as_u64().unwrap(),
                    )
                })
                .collect()
        };
        let count = |values: &dyn Fn(&Generated) -> Vec<String>| {
            let mut m = BTreeMap::new();
            for h in &expected {
                for v in values(h) {
                    *m.entry(v).or_insert(0u64) += 1;
                }
            }
            m
        };
        assert_eq!(
            facet("language"),
            count(&|h| h.languages.clone()),
            "round {round}"
        );
        assert_eq!(
            facet("market"),
            count(&|h| h.markets.clone()),
            "round {round}"
        );
        assert_eq!(
            facet("platform"),
            count(&|h| h.platforms.clone()),
            "round {round}"
        );
        assert_eq!(
            facet("category"),
            count(&|h| vec![h.category.1.to_string()]),
            "round {round}"
        );
    }
}
