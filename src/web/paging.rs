//! Paging on list pages: `?page=` read leniently (a page that cannot be read is the
//! first), and the links to the pages before and after, other parameters kept.

use crate::{domain::PageRequest, web::i18n::I18n};

/// Rows per list page.
pub const PER_PAGE: u64 = 25;

/// The page asked for, 1 when absent or unreadable, never past the core's bound.
pub fn request(page: Option<&str>) -> PageRequest {
    let page = page
        .and_then(|p| p.trim().parse::<u64>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
        .min(crate::domain::paging::MAX_PAGE);
    PageRequest {
        page,
        per_page: PER_PAGE,
    }
}

/// Where a list stands and how to move through it.
pub struct Pager {
    pub page: u64,
    pub pages: u64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `path_and_query` is the page's own URL, whose `page` is replaced in the links.
    pub fn new(path_and_query: &str, req: PageRequest, total: u64) -> Self {
        let pages = total.div_ceil(req.per_page).max(1);
        let link = |n: u64| {
            let (path, query) = path_and_query
                .split_once('?')
                .unwrap_or((path_and_query, ""));
            let mut out = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
                if k != "page" {
                    out.append_pair(&k, &v);
                }
            }
            out.append_pair("page", &n.to_string());
            format!("{path}?{}", out.finish())
        };
        Self {
            page: req.page,
            pages,
            prev: (req.page > 1).then(|| link(req.page - 1)),
            next: (req.page < pages).then(|| link(req.page + 1)),
        }
    }
}

impl Pager {
    /// "Page 2 of 3", in the reader's words.
    pub fn label(&self, i18n: &I18n) -> String {
        i18n.t_args(
            "admin-page",
            &[("page", self.page.into()), ("pages", self.pages.into())],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_filters_and_replace_the_page() {
        let p = Pager::new("/admin?status=pending&page=2", request(Some("2")), 60);
        assert_eq!(p.pages, 3);
        assert_eq!(p.prev.as_deref(), Some("/admin?status=pending&page=1"));
        assert_eq!(p.next.as_deref(), Some("/admin?status=pending&page=3"));
        assert_eq!(request(Some("zero")).page, 1);
        assert_eq!(request(Some("0")).page, 1);
    }
}
