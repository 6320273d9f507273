//! What cost figures the dataset holds for each council, for the About the data page.

use std::collections::BTreeMap;

use crate::council::CouncilsFile;
use crate::reference::{CostKind, Reference};

/// One council's figures of one kind.
#[derive(Clone, Debug, PartialEq)]
pub struct KindCount {
    pub kind: &'static str,
    /// The financial years, oldest first; "year not stated" last when some have none.
    pub periods: Vec<String>,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CouncilFigures {
    pub code: String,
    pub name: String,
    pub kinds: Vec<KindCount>,
}

fn kind_label(kind: Option<CostKind>) -> &'static str {
    match kind {
        Some(CostKind::CouncilRate) => "Council's rates",
        Some(CostKind::CouncilCharge) => "Council's charges",
        Some(CostKind::FairCostMedian) => "Fair cost of care medians",
        Some(CostKind::FairCostLowerQuartile | CostKind::FairCostUpperQuartile) => {
            "Fair cost of care quartiles"
        }
        Some(CostKind::NationalBenchmark) => "National benchmarks",
        Some(CostKind::NhsNursingContribution) => "NHS-funded nursing care rates",
        None => "Other figures (uplifts, fee components, premiums, thresholds)",
    }
}

/// Every area with an ONS code in the reference figures, by name (England's last).
pub fn council_figures(reference: &Reference, councils: &CouncilsFile) -> Vec<CouncilFigures> {
    let mut by_code: BTreeMap<&str, (String, BTreeMap<&'static str, (Vec<String>, usize)>)> =
        BTreeMap::new();
    for f in &reference.figures {
        let Some(code) = f.area_code.as_deref() else {
            continue;
        };
        let name = councils
            .council(code)
            .map_or_else(|| f.area.clone(), |c| c.name.clone());
        let entry = by_code
            .entry(code)
            .or_insert_with(|| (name, BTreeMap::new()));
        let (periods, count) = entry.1.entry(kind_label(f.kind)).or_default();
        let period = if f.period.is_empty() {
            "year not stated".to_string()
        } else {
            f.period.clone()
        };
        if !periods.contains(&period) {
            periods.push(period);
        }
        *count += 1;
    }
    let mut out: Vec<CouncilFigures> = by_code
        .into_iter()
        .map(|(code, (name, kinds))| CouncilFigures {
            code: code.to_string(),
            name,
            kinds: kinds
                .into_iter()
                .map(|(kind, (mut periods, count))| {
                    // Digits sort before letters, so "year not stated" comes last.
                    periods.sort();
                    KindCount {
                        kind,
                        periods,
                        count,
                    }
                })
                .collect(),
        })
        .collect();
    out.sort_by_key(|c| (c.code == "E92000001", c.name.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Figure;

    #[test]
    fn figures_are_counted_per_council_and_kind_with_their_years() {
        let f = |code: &str, kind, period: &str| Figure {
            area: "Rochdale".into(),
            area_code: Some(code.into()),
            period: period.into(),
            kind,
            ..Figure::default()
        };
        let reference = Reference {
            figures: vec![
                f("E08000005", Some(CostKind::CouncilRate), "2025-26"),
                f("E08000005", Some(CostKind::CouncilRate), "2024-25"),
                f("E08000005", Some(CostKind::CouncilRate), ""),
                f("E92000001", Some(CostKind::NationalBenchmark), "2025-26"),
                f("E08000005", None, "2025-26"),
            ],
            means_tests: vec![],
        };
        let got = council_figures(&reference, &CouncilsFile::default());
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].code, "E08000005");
        assert_eq!(
            got[0].kinds[0],
            KindCount {
                kind: "Council's rates",
                periods: vec!["2024-25".into(), "2025-26".into(), "year not stated".into()],
                count: 3
            }
        );
        assert_eq!(got[0].kinds[1].count, 1);
        assert_eq!(got[1].code, "E92000001");
    }
}
