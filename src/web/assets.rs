//! Static assets, built into the binary and served at names that carry a hash of their
//! bytes (`/assets/app.3f9c2b1a7d.css`), so they can be cached for a year and a new build
//! is never served a stale copy. Nothing is fetched from anywhere else.

use std::sync::LazyLock;

use axum::{
    extract::Path,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

struct Asset {
    /// The name templates ask for.
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

static FILES: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../assets/web/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/web/app.js"),
    },
    Asset {
        name: "htmx.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/web/vendor/htmx-2.0.11.min.js"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../assets/web/icon.svg"),
    },
];

/// Each asset with its hashed file name and the URL pages use.
struct Served {
    asset: &'static Asset,
    file: String,
    url: &'static str,
}

static SERVED: LazyLock<Vec<Served>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|asset| {
            let hash = hex::encode(&Sha256::digest(asset.bytes)[..5]);
            let (stem, ext) = asset.name.rsplit_once('.').unwrap_or((asset.name, ""));
            let file = format!("{stem}.{hash}.{ext}");
            let url: &'static str = Box::leak(format!("/assets/{file}").into_boxed_str());
            Served { asset, file, url }
        })
        .collect()
});

/// The URL of the asset templates call `name`. An unknown name is a bug in a template,
/// caught by the page tests (it links to a 404).
pub fn url(name: &str) -> &'static str {
    SERVED
        .iter()
        .find(|s| s.asset.name == name)
        .map_or("/assets/missing", |s| s.url)
}

/// `GET /assets/{file}`.
pub async fn serve(Path(file): Path<String>) -> Response {
    let Some(s) = SERVED.iter().find(|s| s.file == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut res = s.asset.bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(s.asset.content_type),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_urls_carry_a_hash_of_their_bytes() {
        let css = url("app.css");
        assert!(
            css.starts_with("/assets/app.") && css.ends_with(".css"),
            "{css}"
        );
        assert_eq!(css.len(), "/assets/app.".len() + 10 + ".css".len());
        assert_eq!(url("nope.css"), "/assets/missing");
    }
}
