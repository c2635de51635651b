//! Every path of the OpenAPI document has a row in the table.

use super::TABLE;
use crate::helpers::spawn_app;

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
