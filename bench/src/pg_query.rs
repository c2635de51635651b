//! Each case as PostgreSQL answers it: one statement that returns the page as JSON (the top
//! 20 ids, the exact total and the facet counts), over the matches materialised once.

use hostmatch::reference::speakers;
use sea_orm::sqlx::{self, AssertSqlSafe, PgPool};
use search_index::{EVERYWHERE, Severity};

use crate::families::{Case, PAGE};

/// What a page statement is made of.
struct Page {
    table: &'static str,
    /// Columns the matches keep (`id` first).
    keep: &'static str,
    filter: &'static str,
    order: &'static str,
    /// (name, expression over the matches `m` giving one value per row, e.g. `unnest(markets)`).
    facets: &'static [(&'static str, &'static str)],
}

const HOST_FACETS: &[(&str, &str)] = &[
    ("language", "unnest(languages)"),
    ("market", "unnest(markets)"),
    ("category", "unnest(top_categories)"),
    ("platform", "unnest(platforms)"),
];
const PRODUCT_FACETS: &[(&str, &str)] =
    &[("category", "top_category"), ("market", "unnest(markets)")];

impl Page {
    fn sql(&self) -> String {
        let facets: Vec<String> = self
            .facets
            .iter()
            .map(|(name, expr)| {
                format!(
                    "'{name}', (SELECT json_object_agg(v, c) FROM \
                     (SELECT {expr} AS v, count(*) AS c FROM m GROUP BY 1) f)"
                )
            })
            .collect();
        let facets = if facets.is_empty() {
            String::new()
        } else {
            format!(", {}", facets.join(", "))
        };
        format!(
            "WITH m AS MATERIALIZED (SELECT {keep} FROM {table} WHERE {filter}) \
             SELECT json_build_object('top', (SELECT json_agg(id) FROM \
             (SELECT id FROM m ORDER BY {order} LIMIT {PAGE}) t), \
             'total', (SELECT count(*) FROM m){facets})::text",
            keep = self.keep,
            table = self.table,
            filter = self.filter,
            order = self.order,
        )
    }
}

/// The hosts of a product's match, scored as `search_index::matching::fit` scores them with the
/// default weights (3, 3, 2, 1, 1, 1 out of 11), less the hosts whose every market bans
/// the product ($5; all of them when $6 says it is banned everywhere). The penalty of
/// other restrictions changes the order, not the total, and is left out.
const MATCH: &str = "
WITH p AS (SELECT $1::text[] AS markets, $2::int[] AS lineage, $3::float8 AS commission,
                  $4::text[] AS langs, $5::text[] AS banned),
m AS MATERIALIZED (
  SELECT h.id, h.followers,
    (SELECT coalesce(sum(b.best), 0) / cardinality(p.markets) FROM (
       SELECT max(s.share * f.fl) AS best FROM unnest(p.markets) pm
       JOIN bench_speakers s ON s.market = pm
       JOIN unnest(h.languages, h.fluency) AS f(lang, fl) ON f.lang = s.language
       GROUP BY pm) b) AS language,
    (SELECT count(*) FROM unnest(h.markets) x WHERE x = ANY(p.markets))::float8
       / cardinality(p.markets) AS market,
    (SELECT count(*) FROM unnest(h.categories) x WHERE x = ANY(p.lineage))::float8 AS shared,
    cardinality(p.lineage)::float8 AS depth,
    least(1.0, log(1 + h.followers) / 7) AS audience,
    0.5 * least(greatest(coalesce(h.rating, 0), 0), 5) / 5
      + 0.5 * h.collabs / (h.collabs + 5.0) AS track,
    CASE WHEN h.min_commission <= 0 OR p.commission >= h.min_commission THEN 1.0
         ELSE greatest(p.commission, 0) / h.min_commission END AS price
  FROM bench_hosts h CROSS JOIN p
  WHERE (h.markets && p.markets OR h.languages && p.langs OR h.categories && p.lineage)
    AND NOT $6::bool
    AND (cardinality(p.banned) = 0 OR NOT h.markets <@ p.banned)),
s AS (
  SELECT id, followers, (300 * language + 300 * market
    + 200 * CASE WHEN shared = 0 THEN 0 WHEN shared >= depth THEN 1 ELSE 0.6 * shared / depth END
    + 100 * audience + 100 * track + 100 * price) / 11 AS score FROM m)
SELECT json_build_object(
  'top', (SELECT json_agg(id) FROM (SELECT id FROM s ORDER BY score DESC, followers DESC
          LIMIT 20) t),
  'total', (SELECT count(*) FROM m))::text";

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Runs one case; returns the total.
pub async fn run(pool: &PgPool, case: &Case) -> Result<usize, String> {
    let json = match case {
        Case::HostFilter { .. } | Case::HostText { .. } => host_page(pool, case).await,
        Case::Match { .. } => matches(pool, case).await,
        _ => product_page(pool, case).await,
    }
    .map_err(err)?;
    let v: serde_json::Value = serde_json::from_str(&json).map_err(err)?;
    v["total"]
        .as_u64()
        .map(|t| t as usize)
        .ok_or_else(|| format!("no total in {json}"))
}

/// A page of hosts with its facets, as JSON.
async fn host_page(pool: &PgPool, case: &Case) -> Result<String, sqlx::Error> {
    match case {
        Case::HostFilter {
            language,
            market,
            category,
            min_followers,
        } => {
            let page = Page {
                table: "bench_hosts",
                keep: "id, followers, languages, markets, top_categories, platforms",
                filter: "languages @> ARRAY[$1]::text[] AND markets @> ARRAY[$2]::text[] \
                     AND categories @> ARRAY[$3]::int[] AND followers >= $4",
                order: "followers DESC",
                facets: HOST_FACETS,
            };
            sqlx::query_scalar(AssertSqlSafe(page.sql()))
                .bind(language)
                .bind(market)
                .bind(*category as i32)
                .bind(*min_followers as i64)
                .fetch_one(pool)
                .await
        }
        Case::HostText { word, language } => {
            let page = Page {
                table: "bench_hosts",
                keep: "id, ts_rank(tsv, plainto_tsquery('english', $1)) AS rank, languages, \
                   markets, top_categories, platforms",
                filter: "tsv @@ plainto_tsquery('english', $1) AND languages @> ARRAY[$2]::text[]",
                order: "rank DESC",
                facets: HOST_FACETS,
            };
            sqlx::query_scalar(AssertSqlSafe(page.sql()))
                .bind(word)
                .bind(language)
                .fetch_one(pool)
                .await
        }
        _ => unreachable!("host_page takes host cases"),
    }
}

/// A page of products with its facets, as JSON.
async fn product_page(pool: &PgPool, case: &Case) -> Result<String, sqlx::Error> {
    match case {
        Case::ProductTextEn { word, market } => {
            let page = Page {
                table: "bench_products",
                keep: "id, ts_rank(tsv, plainto_tsquery('english', $1)) AS rank, top_category, \
                   markets",
                filter: "tsv @@ plainto_tsquery('english', $1) AND markets @> ARRAY[$2]::text[]",
                order: "rank DESC",
                facets: PRODUCT_FACETS,
            };
            sqlx::query_scalar(AssertSqlSafe(page.sql()))
                .bind(word)
                .bind(market)
                .fetch_one(pool)
                .await
        }
        Case::ProductTextZh { word } => {
            let page = Page {
                table: "bench_products",
                keep: "id, created, top_category, markets",
                filter: "text_zh LIKE '%' || $1 || '%'",
                order: "created DESC",
                facets: PRODUCT_FACETS,
            };
            sqlx::query_scalar(AssertSqlSafe(page.sql()))
                .bind(word)
                .fetch_one(pool)
                .await
        }
        Case::ProductFilter {
            category,
            market,
            max_price,
        } => {
            let page = Page {
                table: "bench_products",
                keep: "id, price, top_category, markets",
                filter: "categories @> ARRAY[$1]::int[] AND markets @> ARRAY[$2]::text[] \
                     AND price <= $3",
                order: "price ASC",
                facets: PRODUCT_FACETS,
            };
            sqlx::query_scalar(AssertSqlSafe(page.sql()))
                .bind(*category as i32)
                .bind(market)
                .bind(*max_price as i64)
                .fetch_one(pool)
                .await
        }
        _ => unreachable!("product_page takes product cases"),
    }
}

/// Hosts ranked for a product, as JSON.
async fn matches(pool: &PgPool, case: &Case) -> Result<String, sqlx::Error> {
    let q = case.match_query().expect("a match case");
    let lineage: Vec<i32> = q.category_lineage.iter().map(|c| *c as i32).collect();
    let mut langs: Vec<String> = speakers::in_markets(&q.markets)
        .into_iter()
        .map(|(_, l, _)| l)
        .collect();
    langs.sort();
    langs.dedup();
    let banned: Vec<&str> = q
        .restrictions
        .iter()
        .filter(|(_, s)| *s == Severity::Prohibited)
        .map(|(m, _)| m.as_str())
        .collect();
    let everywhere = banned.contains(&EVERYWHERE);
    sqlx::query_scalar(MATCH)
        .bind(&q.markets)
        .bind(&lineage)
        .bind(q.commission_pct)
        .bind(&langs)
        .bind(&banned)
        .bind(everywhere)
        .fetch_one(pool)
        .await
}
