//! The pages against the API: the host search, product search and matches pages asked
//! the same query strings as their JSON calls, over HTTP through the real service, one
//! call of each per case in alternating order (so neither side warms the other's cache
//! more), and p50 / p99 of both. The bound: a page costs at most 2 ms more at p99.

use std::time::{Duration, Instant};

use crate::{families::Case, families::Family, measure::Stats};

/// The families a page exists for, with the page's name.
pub const PAGES: [(Family, &str); 3] = [
    (Family::HostFilter, "/search/hosts"),
    (Family::ProductFilter, "/search/products"),
    (Family::Match, "/products/{id}/matches"),
];

#[derive(Debug, Clone, serde::Serialize)]
pub struct PageResult {
    pub page: &'static str,
    pub family: Family,
    pub api: Stats,
    pub html: Stats,
}

/// The page that reads the same query string as the API path `api`.
pub fn page_path(api: &str) -> Option<String> {
    if let Some(rest) = api.strip_prefix("/api/v1/hosts/search") {
        return Some(format!("/search/hosts{rest}"));
    }
    if let Some(rest) = api.strip_prefix("/api/v1/products/search") {
        return Some(format!("/search/products{rest}"));
    }
    let rest = api.strip_prefix("/api/v1/products/")?;
    rest.contains("/matches")
        .then(|| format!("/products/{rest}"))
}

/// A browser session for `email` (the login form; the 303 carries the cookie).
pub async fn session(base: &str, email: &str, password: &str) -> Result<String, String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let body = url_form(&[("email", email), ("password", password), ("next", "/")]);
    let res = client
        .post(format!("{base}/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("hm_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("no session after the login form: {}", res.status()))
}

fn url_form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::families::url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Each case's API call and page, interleaved, at concurrency 1.
pub async fn page_vs_api(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    cookie: &str,
    cases: &[Case],
) -> Result<(Stats, Stats), String> {
    let (mut api, mut html) = (Vec::new(), Vec::new());
    let (mut api_wall, mut html_wall) = (Duration::ZERO, Duration::ZERO);
    for (i, case) in cases.iter().enumerate() {
        let api_path = case.path();
        let page = page_path(&api_path).ok_or_else(|| format!("no page for {api_path}"))?;
        for side in if i % 2 == 0 { [0, 1] } else { [1, 0] } {
            let req = if side == 0 {
                client.get(format!("{base}{api_path}")).bearer_auth(token)
            } else {
                client.get(format!("{base}{page}")).header("cookie", cookie)
            };
            let started = Instant::now();
            let res = req.send().await.map_err(|e| e.to_string())?;
            let status = res.status();
            let _ = res.bytes().await.map_err(|e| e.to_string())?;
            let took = started.elapsed();
            if !status.is_success() {
                let what = if side == 0 { &api_path } else { &page };
                return Err(format!("{what}: {status}"));
            }
            if side == 0 {
                api.push(took);
                api_wall += took;
            } else {
                html.push(took);
                html_wall += took;
            }
        }
    }
    Ok((Stats::of(api, api_wall), Stats::of(html, html_wall)))
}

#[cfg(test)]
mod tests {
    use super::page_path;

    #[test]
    fn each_api_path_has_its_page_with_the_same_query() {
        assert_eq!(
            page_path("/api/v1/hosts/search?language=pt&market=BR").as_deref(),
            Some("/search/hosts?language=pt&market=BR")
        );
        assert_eq!(
            page_path("/api/v1/products/abc/matches?per_page=20").as_deref(),
            Some("/products/abc/matches?per_page=20")
        );
        assert_eq!(page_path("/api/v1/products/abc"), None);
    }
}
