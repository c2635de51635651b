//! The screening evaluation: the labelled listings and host bios of
//! `bench/eval/screening/*.jsonl`, each sent through the service's API as a product (POST
//! /api/v1/products) or a host profile (PUT /api/v1/hosts/me), the verdict read back from
//! its `compliance` (flagged: a `restricted` or `prohibited` finding in its markets) and
//! set against the expected one. `eval_report` counts and words the result.

use std::path::Path;

use hostmatch::{
    auth::password::PasswordHasher,
    config::Settings,
    domain::{Role, credentials::Password},
    startup::Application,
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{
    eval_report::{EvalReport, Outcome},
    load::{PASSWORD, insert_account},
    login,
};

/// One labelled case (the fields of bench/eval/screening/README.md).
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub id: String,
    pub lang: String,
    /// `listing` or `bio`.
    pub text: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub description_zh: String,
    pub category: Option<u32>,
    pub markets: Vec<String>,
    /// `flag` or `pass`.
    pub expect: String,
    pub why: String,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Every case of every `*.jsonl` file in `dir`, in file and line order; a line that is
/// not a case names its file and line.
pub fn load_cases(dir: &Path) -> Result<Vec<Case>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(err)?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let case: Case = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", f.display(), n + 1))?;
            if !matches!(case.expect.as_str(), "flag" | "pass") {
                return Err(format!(
                    "{}:{}: expect must be flag or pass",
                    f.display(),
                    n + 1
                ));
            }
            out.push(case);
        }
    }
    Ok(out)
}

/// The supplier and the host the cases are written as.
struct Writers {
    client: reqwest::Client,
    base: String,
    supplier: String,
    host: String,
}

impl Writers {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Value,
    ) -> Result<(u16, Value), String> {
        let res = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .map_err(err)?;
        let status = res.status().as_u16();
        let body = res.json().await.unwrap_or(Value::Null);
        Ok((status, body))
    }

    /// The case as the API stores it, and the levels of the findings it answers with.
    async fn screen(&self, c: &Case) -> Result<Vec<String>, String> {
        let (status, body) = if c.text == "bio" {
            let country =
                hostmatch::reference::markets::expand(c.markets.iter().map(String::as_str))
                    .ok()
                    .and_then(|s| s.into_iter().next())
                    .unwrap_or("US");
            let lang = if c.lang == "zh" {
                "zh"
            } else {
                c.lang.as_str()
            };
            let profile = json!({
                "display_name": "Eval host", "headline": c.title, "bio": c.description,
                "country": country, "languages": [{"code": lang, "level": "native"}],
                "markets": c.markets, "categories": [412],
                "platforms": [{"name": "tiktok", "handle": "@eval", "followers": 1000}],
                "min_commission_pct": 10, "min_fee_cents": 0,
            });
            self.call(
                reqwest::Method::PUT,
                "/api/v1/hosts/me",
                &self.host,
                profile,
            )
            .await?
        } else {
            let product = json!({
                "title": c.title, "title_zh": c.title_zh, "description": c.description,
                "description_zh": c.description_zh, "category": c.category.unwrap_or(0),
                "target_markets": c.markets, "price_cents": 1299, "commission_pct": 15.0,
                "moq": 10, "free_samples": false, "image_urls": [],
            });
            self.call(
                reqwest::Method::POST,
                "/api/v1/products",
                &self.supplier,
                product,
            )
            .await?
        };
        if !(200..300).contains(&status) {
            return Err(format!("{}: {status} {body}", c.id));
        }
        Ok(body["compliance"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|f| f["level"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// Runs every case of `dir` through a fresh service (SQLite, shipped rulebook).
pub async fn evaluate(dir: &Path) -> Result<EvalReport, String> {
    let cases = load_cases(dir)?;
    let temp = tempfile::tempdir().map_err(err)?;
    let mut settings = Settings::defaults(temp.path().to_owned());
    settings.bind = "127.0.0.1:0".into();
    settings.log = "warn".into();
    let app = Application::build(settings).await.map_err(err)?;
    let state = app.state().clone();
    let base = format!("http://{}", app.address());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async {
        stopped.await.ok();
    }));

    let hasher = PasswordHasher::new(1).map_err(err)?;
    let password = Password::parse(PASSWORD.to_owned()).map_err(|e| format!("{e:?}"))?;
    let hash = hasher.hash(&password).await.map_err(err)?;
    let conn = state.db.conn();
    insert_account(
        conn,
        "supplier@eval.example",
        &hash,
        Role::Supplier,
        "Eval supplier",
    )
    .await?;
    insert_account(conn, "host@eval.example", &hash, Role::Host, "Eval host").await?;
    let client = reqwest::Client::new();
    let w = Writers {
        supplier: login(&client, &base, "supplier@eval.example").await?,
        host: login(&client, &base, "host@eval.example").await?,
        client,
        base,
    };
    let profile = json!({
        "company_name": "Evaluation Trading Co., Ltd.", "company_name_zh": "评测贸易有限公司",
        "license_number": "91350100M000100Y43", "province": "广东", "city": "深圳",
        "website": "https://eval.example.cn", "description": "Sample goods.",
        "description_zh": "样品。", "categories": [473], "target_markets": ["US"],
    });
    let (status, body) = w
        .call(
            reqwest::Method::PUT,
            "/api/v1/suppliers/me",
            &w.supplier,
            profile,
        )
        .await?;
    if status != 200 {
        return Err(format!("supplier profile: {status} {body}"));
    }
    let mut outcomes = Vec::with_capacity(cases.len());
    for c in cases {
        let levels = w.screen(&c).await?;
        let flagged = levels
            .iter()
            .any(|l| l == "restricted" || l == "prohibited");
        outcomes.push(Outcome {
            expected: c.expect == "flag",
            flagged,
            case: c,
        });
    }
    stop.send(()).ok();
    server.await.map_err(err)?.map_err(err)?;
    drop(temp);
    Ok(EvalReport::new(outcomes))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// The shipped set stays what the README says it is: every case readable, ids unique,
    /// at least 300 cases, every language of the issue with at least ten cases to flag
    /// and about as many to pass, listings in a known category and bios without one.
    #[test]
    fn the_shipped_set_is_whole() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/screening");
        let cases = load_cases(&dir).unwrap();
        assert!(cases.len() >= 300, "only {} cases", cases.len());
        let ids: BTreeSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), cases.len(), "ids repeat");
        let mut by_lang: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for c in &cases {
            let e = by_lang.entry(c.lang.as_str()).or_default();
            if c.expect == "flag" {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
            assert!(
                ["claim", "counterfeit", "taboo", "clean"].contains(&c.kind.as_str()),
                "{}: kind {}",
                c.id,
                c.kind
            );
            match c.text.as_str() {
                "listing" => assert!(
                    c.category
                        .is_some_and(|id| hostmatch::reference::categories::taxonomy()
                            .get(id)
                            .is_some()),
                    "{}: no known category",
                    c.id
                ),
                "bio" => assert!(c.category.is_none(), "{}: a bio has no category", c.id),
                other => panic!("{}: text {other}", c.id),
            }
            assert!(!c.why.trim().is_empty(), "{}: no why", c.id);
        }
        let langs = "en zh es pt id ms ar ru th vi tr fr de ja ko";
        for lang in langs.split(' ') {
            let (flag, pass) = by_lang.get(lang).copied().unwrap_or_default();
            assert!(
                flag >= 10 && pass >= flag / 2,
                "{lang}: {flag} to flag, {pass} to pass"
            );
        }
    }
}
