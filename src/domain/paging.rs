//! `PageRequest`: which page of a list a caller wants, bounded once for every list and
//! search, whichever edge asked.

use super::fields::Check;

/// The most items one page holds, on every list.
pub const MAX_PER_PAGE: u64 = 100;
/// The default page size.
pub const DEFAULT_PER_PAGE: u64 = 20;
/// The highest page number a list accepts.
pub const MAX_PAGE: u64 = 1_000_000;

/// A page from 1 and a size from 1 to [`MAX_PER_PAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl PageRequest {
    /// Reads `page` and `per_page` (absent ones take their defaults), noting every problem
    /// in `check`. The value returned is clamped into range either way, so a caller that
    /// goes on collecting problems holds a usable page.
    pub fn parse(page: Option<u64>, per_page: Option<u64>, check: &mut Check) -> Self {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            check.fail("page", "must be at least 1");
        } else if page > MAX_PAGE {
            check.fail("page", format!("must be at most {MAX_PAGE}"));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            check.fail("per_page", format!("must be between 1 and {MAX_PER_PAGE}"));
        }
        Self {
            page: page.clamp(1, MAX_PAGE),
            per_page: per_page.clamp(1, MAX_PER_PAGE),
        }
    }

    /// How many items come before this page.
    pub fn offset(self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_bounded_and_every_problem_is_named() {
        let mut c = Check::default();
        let p = PageRequest::parse(Some(0), Some(101), &mut c);
        assert_eq!(
            p,
            PageRequest {
                page: 1,
                per_page: 100
            }
        );
        let errors = c.finish().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["page", "per_page"]);

        let mut c = Check::default();
        let p = PageRequest::parse(Some(3), None, &mut c);
        assert!(c.finish().is_ok());
        assert_eq!(p.offset(), 40);
    }
}
