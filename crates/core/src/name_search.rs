//! PLACEHOLDER until the `names` branch lands: the contract's API over a plain
//! case-insensitive substring match. Replaced wholesale by the real matcher.

use crate::distance::{miles, Point};
use crate::search::Criteria;
use crate::service::ServiceSummary;

pub struct NameIndex;

#[derive(Clone, Debug, PartialEq)]
pub struct NameHit {
    pub index: usize,
    pub miles: Option<f64>,
    pub matched_other: Option<String>,
}

impl NameIndex {
    pub fn new(_providers: &[ServiceSummary]) -> NameIndex {
        NameIndex
    }

    pub fn search(
        &self,
        providers: &[ServiceSummary],
        query: &str,
        origin: Option<Point>,
        criteria: &Criteria,
    ) -> Vec<NameHit> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return vec![];
        }
        providers
            .iter()
            .enumerate()
            .filter(|(_, p)| criteria.matches(p) && p.name.to_lowercase().contains(&q))
            .map(|(index, p)| NameHit {
                index,
                miles: origin.map(|o| miles(o, p.point())),
                matched_other: None,
            })
            .collect()
    }
}
