//! Pages of results, 20 at a time, numbered as GOV.UK's pagination pattern numbers them: the
//! first and last pages, the current page and its neighbours, and an ellipsis for each gap.

use std::ops::Range;

pub const PAGE_SIZE: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageItem {
    Number { page: u32, current: bool },
    Ellipsis,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pagination {
    /// The page shown: the one asked for, or the last page when that is past the end.
    pub page: u32,
    pub pages: u32,
    pub total: usize,
    pub previous: Option<u32>,
    pub next: Option<u32>,
    /// Page links in order; empty when everything fits on one page.
    pub items: Vec<PageItem>,
}

impl Pagination {
    /// `total` results seen a page at a time, at page `page` (from 1).
    pub fn new(total: usize, page: u32) -> Pagination {
        let pages = total.div_ceil(PAGE_SIZE).max(1) as u32;
        let page = page.clamp(1, pages);
        let items = if pages == 1 {
            vec![]
        } else {
            let shown = |n: u32| n == 1 || n == pages || n.abs_diff(page) <= 1;
            let mut items = Vec::new();
            for n in 1..=pages {
                if shown(n) {
                    items.push(PageItem::Number {
                        page: n,
                        current: n == page,
                    });
                } else if items.last() != Some(&PageItem::Ellipsis) {
                    items.push(PageItem::Ellipsis);
                }
            }
            items
        };
        Pagination {
            page,
            pages,
            total,
            previous: (page > 1).then(|| page - 1),
            next: (page < pages).then(|| page + 1),
            items,
        }
    }

    /// Which results (positions in the whole list) this page shows.
    pub fn range(&self) -> Range<usize> {
        let start = (self.page as usize - 1) * PAGE_SIZE;
        start.min(self.total)..(start + PAGE_SIZE).min(self.total)
    }

    /// "Showing 21 to 40 of 106", or nothing when one page holds every result.
    pub fn showing(&self) -> Option<String> {
        let r = self.range();
        (self.pages > 1).then(|| format!("Showing {} to {} of {}", r.start + 1, r.end, self.total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &Pagination) -> String {
        p.items
            .iter()
            .map(|i| match i {
                PageItem::Number {
                    page,
                    current: true,
                } => format!("[{page}]"),
                PageItem::Number { page, .. } => page.to_string(),
                PageItem::Ellipsis => "…".into(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn one_hundred_and_six_results_make_six_pages_the_last_holding_six() {
        let p = Pagination::new(106, 6);
        assert_eq!((p.pages, p.range()), (6, 100..106));
        assert_eq!(p.showing().as_deref(), Some("Showing 101 to 106 of 106"));
        assert_eq!((p.previous, p.next), (Some(5), None));
        assert_eq!(Pagination::new(106, 1).range(), 0..20);
    }

    #[test]
    fn pages_far_from_the_current_one_collapse_into_ellipses() {
        assert_eq!(numbers(&Pagination::new(106, 1)), "[1] 2 … 6");
        assert_eq!(numbers(&Pagination::new(106, 3)), "1 2 [3] 4 … 6");
        assert_eq!(numbers(&Pagination::new(106, 4)), "1 … 3 [4] 5 6");
        assert_eq!(numbers(&Pagination::new(200, 5)), "1 … 4 [5] 6 … 10");
        assert_eq!(numbers(&Pagination::new(40, 2)), "1 [2]");
    }

    #[test]
    fn one_page_needs_no_links_and_a_page_past_the_end_shows_the_last() {
        let one = Pagination::new(20, 1);
        assert!(one.items.is_empty() && one.showing().is_none());
        assert_eq!((one.previous, one.next), (None, None));
        assert_eq!(Pagination::new(0, 1).range(), 0..0);
        let past = Pagination::new(45, 9);
        assert_eq!((past.page, past.range()), (3, 40..45));
        assert_eq!(Pagination::new(45, 0).page, 1);
    }
}
