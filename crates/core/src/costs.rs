//! The costs shown for one service, best figure first, for each type of care it offers: its own
//! published fees; its council's rate; that council's 2022-23 fair cost of care; the nearest
//! councils' figures when its own has none; then national benchmarks. Each line carries its
//! year (and age), its source and one sentence on what it means for someone paying for themselves.

use crate::council::CouncilsFile;
use crate::distance::{miles, Point};
use crate::format::pounds;
use crate::reference::{financial_year, CostKind, Figure, Reference, SourceRef};
use crate::service::{FeeUnit, Service, ServiceType};

#[cfg(test)]
mod tests;

/// The rows of a comparison: one per kind of figure, in the order lines are given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CostRow {
    PublishedFee,
    CouncilRate,
    CouncilCharge,
    FairCost,
    NearestRates,
    NearestFairCost,
    National,
}

impl CostRow {
    /// Rows that show another council's figures, named as such (pages mark them, so a check
    /// for other councils' details can tell them from advice that would be wrong).
    pub fn is_another_councils(self) -> bool {
        matches!(self, CostRow::NearestRates | CostRow::NearestFairCost)
    }

    pub const ALL: [CostRow; 7] = [
        CostRow::PublishedFee,
        CostRow::CouncilRate,
        CostRow::CouncilCharge,
        CostRow::FairCost,
        CostRow::NearestRates,
        CostRow::NearestFairCost,
        CostRow::National,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CostRow::PublishedFee => "Published fee",
            CostRow::CouncilRate => "Council's rate",
            CostRow::CouncilCharge => "Council's charge",
            CostRow::FairCost => "Fair cost of care (2022-23)",
            CostRow::NearestRates => "Nearest councils' rates",
            CostRow::NearestFairCost => "Nearest councils' fair cost of care",
            CostRow::National => "National benchmarks",
        }
    }
}

/// One figure as the service's page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CostLine {
    pub care: ServiceType,
    pub row: CostRow,
    pub label: String,
    pub amount: f64,
    pub amount_high: Option<f64>,
    pub lower_quartile: Option<f64>,
    pub upper_quartile: Option<f64>,
    pub unit: FeeUnit,
    /// A financial year; None when the source did not state one.
    pub period: Option<String>,
    /// "4 years old", when the period is before the current financial year.
    pub age: Option<String>,
    pub source: SourceRef,
    /// The council, the provider, or "England".
    pub whose: String,
    /// What it means for someone paying for themselves.
    pub meaning: String,
}

impl CostLine {
    /// "£721 a week", "£700 to £950 a week".
    pub fn amount_text(&self) -> String {
        match self.amount_high {
            Some(h) => format!(
                "{} to {} {}",
                pounds(self.amount),
                pounds(h),
                self.unit.label()
            ),
            None => format!("{} {}", pounds(self.amount), self.unit.label()),
        }
    }

    /// "Middle half of providers: £539.27 to £871.95", when both quartiles are known.
    pub fn quartiles_text(&self) -> Option<String> {
        match (self.lower_quartile, self.upper_quartile) {
            (Some(l), Some(u)) => Some(format!(
                "middle half of providers: {} to {}",
                pounds(l),
                pounds(u)
            )),
            (Some(l), None) => Some(format!("lower quartile {}", pounds(l))),
            (None, Some(u)) => Some(format!("upper quartile {}", pounds(u))),
            (None, None) => None,
        }
    }

    /// "2022-23, 4 years old", "2025-26", or "Year not stated".
    pub fn when(&self) -> String {
        match (&self.period, &self.age) {
            (Some(p), Some(a)) => format!("{p}, {a}"),
            (Some(p), None) => p.clone(),
            (None, _) => "Year not stated: it may be years old".into(),
        }
    }

    /// "Rochdale Borough Council, 2025-03-04: https://..."
    pub fn source_text(&self) -> String {
        let s = &self.source;
        match &s.date {
            Some(d) => format!("{}, {}: {}", s.publisher, d, s.citation),
            None => format!("{}: {}", s.publisher, s.citation),
        }
    }
}

/// The estimator's address for a service: its figures travel in the fragment, never a query.
pub fn estimate_href(service_id: &str) -> String {
    format!("/costs#service={}", crate::query::encode(service_id))
}

/// The service's own council's rate for `care`, for the estimator's "usual price".
pub fn council_rate(lines: &[CostLine], care: ServiceType) -> Option<&CostLine> {
    lines
        .iter()
        .find(|l| l.care == care && l.row == CostRow::CouncilRate)
}

const ENGLAND: &str = "E92000001";
const PRICED: [ServiceType; 5] = [
    ServiceType::CareHome,
    ServiceType::NursingHome,
    ServiceType::HomeCare,
    ServiceType::SupportedLiving,
    ServiceType::ExtraCare,
];

/// Every cost line for `service`, best first within each type of care it offers.
pub fn cost_lines(
    service: &Service,
    reference: &Reference,
    councils: &CouncilsFile,
    today: &str,
) -> Vec<CostLine> {
    let Some(year) = financial_year(today) else {
        return vec![];
    };
    let ctx = Context {
        reference,
        councils,
        year: &year,
        code: council_code(service, reference),
        from: service.point(),
    };
    let mut out = Vec::new();
    for care in PRICED.into_iter().filter(|c| service.services.contains(c)) {
        let mut lines = published_fees(service, care, &year);
        lines.extend(ctx.council_lines(care));
        lines.extend(ctx.nearest(care));
        lines.extend(ctx.national(care));
        // A figure with no year may be many years old: dated figures come first.
        lines.sort_by_key(|l| l.row != CostRow::PublishedFee && l.period.is_none());
        out.extend(lines);
    }
    out
}

/// The service's council: the builder's code, else the code the fee files give its local authority.
fn council_code(service: &Service, reference: &Reference) -> Option<String> {
    service.council.clone().or_else(|| {
        reference
            .figures
            .iter()
            .find(|f| {
                f.area.eq_ignore_ascii_case(service.local_authority.trim()) && f.area_code.is_some()
            })
            .and_then(|f| f.area_code.clone())
    })
}

fn published_fees(service: &Service, care: ServiceType, year: &str) -> Vec<CostLine> {
    let whose = service
        .provider_name
        .clone()
        .unwrap_or_else(|| service.name.clone());
    service
        .fees
        .iter()
        .filter(|f| f.care == care)
        .map(|f| {
            let period = financial_year(&f.date);
            CostLine {
                care,
                row: CostRow::PublishedFee,
                label: format!("Fee published by {whose}"),
                amount: f.from,
                amount_high: f.to,
                lower_quartile: None,
                upper_quartile: None,
                unit: f.unit,
                age: period.as_deref().and_then(|p| age(p, year)),
                period,
                source: SourceRef {
                    publisher: whose.clone(),
                    citation: f.source.clone(),
                    date: Some(f.date.clone()),
                },
                whose: whose.clone(),
                meaning: "What the provider says it charges. Ask what the fee includes, and how often and by how much it goes up.".into(),
            }
        })
        .collect()
}

/// "4 years old" for a period before `year`; None for this year or later.
pub fn age(period: &str, year: &str) -> Option<String> {
    let start = |p: &str| p.get(..4)?.parse::<i32>().ok();
    match start(year)? - start(period)? {
        n if n <= 0 => None,
        1 => Some("1 year old".into()),
        n => Some(format!("{n} years old")),
    }
}

fn unit_of(f: &Figure) -> Option<FeeUnit> {
    [FeeUnit::PerWeek, FeeUnit::PerHour]
        .into_iter()
        .find(|u| u.matches(&f.unit))
}

/// Orders periods: this year or before (latest first) beat later ones, and any year beats none.
fn score(period: &str, year: &str) -> (bool, bool, String) {
    (
        !period.is_empty() && period <= year,
        !period.is_empty(),
        period.to_string(),
    )
}

/// One series per measure and setting (e.g. "Band 1"), each at its best period; then only the
/// series at the best period of all, so a superseded framework price is not shown beside this year's.
fn best_series<'a>(figures: Vec<&'a Figure>, year: &str) -> Vec<&'a Figure> {
    let mut chosen: Vec<&Figure> = Vec::new();
    for f in figures {
        match chosen
            .iter_mut()
            .find(|c| c.measure == f.measure && c.care_setting == f.care_setting)
        {
            Some(c) if score(&f.period, year) > score(&c.period, year) => *c = f,
            Some(_) => {}
            None => chosen.push(f),
        }
    }
    let Some(best) = chosen.iter().map(|f| score(&f.period, year)).max() else {
        return vec![];
    };
    chosen.retain(|f| score(&f.period, year) == best);
    // The standard rate first, respite last, then in the source's words.
    chosen.sort_by_key(|f| {
        let s = f.care_setting.to_ascii_lowercase();
        (
            s.contains("respite"),
            !(s.contains("standard") || s.contains("band 1")),
            f.care_setting.clone(),
        )
    });
    chosen
}

struct Context<'a> {
    reference: &'a Reference,
    councils: &'a CouncilsFile,
    year: &'a str,
    code: Option<String>,
    from: Point,
}

impl Context<'_> {
    fn name(&self, code: &str, fallback: &str) -> String {
        self.councils
            .council(code)
            .map_or_else(|| fallback.to_string(), |c| c.name.clone())
    }

    fn figures(&self, code: &str, kind: CostKind, care: ServiceType) -> Vec<&Figure> {
        self.reference
            .figures
            .iter()
            .filter(|f| {
                f.area_code.as_deref() == Some(code)
                    && f.kind == Some(kind)
                    && f.prices == Some(care)
                    && unit_of(f).is_some()
                    && !f.care_setting.to_ascii_lowercase().contains("enhanced")
            })
            .collect()
    }

    fn line(
        &self,
        f: &Figure,
        care: ServiceType,
        row: CostRow,
        name: &str,
        whose: String,
    ) -> CostLine {
        let period = Some(f.period.clone()).filter(|p| !p.is_empty());
        let quartile = |kind| {
            self.reference
                .figures
                .iter()
                .find(|q| {
                    q.kind == Some(kind)
                        && q.area_code == f.area_code
                        && q.care_setting == f.care_setting
                        && q.period == f.period
                })
                .map(|q| q.value)
        };
        let fair = f.kind == Some(CostKind::FairCostMedian);
        CostLine {
            care,
            row,
            label: label(f, name),
            amount: f.value,
            amount_high: f.value_high,
            lower_quartile: fair
                .then(|| quartile(CostKind::FairCostLowerQuartile))
                .flatten(),
            upper_quartile: fair
                .then(|| quartile(CostKind::FairCostUpperQuartile))
                .flatten(),
            unit: unit_of(f).unwrap_or(FeeUnit::PerWeek),
            age: period.as_deref().and_then(|p| age(p, self.year)),
            period,
            source: f.source.clone(),
            meaning: match f.notes.as_deref().is_some_and(|n| n.contains("PROPOSED")) {
                // The compiled files mark proposals put to a cabinet or a consultation.
                true => format!(
                    "A proposal when it was published, not a confirmed rate. {}",
                    meaning(row, f, name)
                ),
                false => meaning(row, f, name),
            },
            whose,
        }
    }

    /// The council's own rates, charges and fair cost of care for `care`.
    fn council_lines(&self, care: ServiceType) -> Vec<CostLine> {
        let Some(code) = self.code.as_deref() else {
            return vec![];
        };
        let mut out = Vec::new();
        for (kind, row) in [
            (CostKind::CouncilRate, CostRow::CouncilRate),
            (CostKind::CouncilCharge, CostRow::CouncilCharge),
            (CostKind::FairCostMedian, CostRow::FairCost),
        ] {
            for f in best_series(self.figures(code, kind, care), self.year) {
                let name = self.name(code, &f.area);
                out.push(self.line(f, care, row, &name, name.clone()));
            }
        }
        out
    }

    /// Up to two nearest other councils with a dated rate (or fair cost of care) for `care`,
    /// when the service's own council has none.
    fn nearest(&self, care: ServiceType) -> Vec<CostLine> {
        let own = self.code.as_deref();
        let own_has = |kind| {
            own.is_some_and(|c| {
                self.figures(c, kind, care)
                    .iter()
                    .any(|f| !f.period.is_empty())
            })
        };
        let centre = own
            .and_then(|c| self.councils.council(c))
            .and_then(|c| c.centre)
            .unwrap_or(self.from);
        let mut out = Vec::new();
        for (kind, row, what) in [
            (
                CostKind::CouncilRate,
                CostRow::NearestRates,
                "a published rate",
            ),
            (
                CostKind::FairCostMedian,
                CostRow::NearestFairCost,
                "a fair cost of care figure",
            ),
        ] {
            if own_has(kind) {
                continue;
            }
            let mut others: Vec<(f64, &str)> = self
                .councils
                .councils
                .iter()
                .filter(|c| Some(c.code.as_str()) != own)
                .filter_map(|c| Some((miles(centre, c.centre?), c.code.as_str())))
                .filter(|(_, code)| {
                    self.figures(code, kind, care)
                        .iter()
                        .any(|f| !f.period.is_empty())
                })
                .collect();
            others.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (i, (_, code)) in others.into_iter().take(2).enumerate() {
                let dated = self
                    .figures(code, kind, care)
                    .into_iter()
                    .filter(|f| !f.period.is_empty())
                    .collect();
                if let Some(f) = best_series(dated, self.year).first() {
                    let which = if i == 0 {
                        "the nearest"
                    } else {
                        "the next nearest"
                    };
                    let name = self.name(code, &f.area);
                    let whose = format!("{name}, {which} council with {what}");
                    out.push(self.line(f, care, row, &name, whose));
                }
            }
        }
        out
    }

    /// England's benchmarks for `care`: this year's, or the latest before (else the latest).
    fn national(&self, care: ServiceType) -> Vec<CostLine> {
        let mut figures: Vec<&Figure> = self
            .reference
            .figures
            .iter()
            .filter(|f| {
                f.area_code.as_deref() == Some(ENGLAND)
                    && f.prices == Some(care)
                    && matches!(
                        f.kind,
                        Some(CostKind::NationalBenchmark | CostKind::NhsNursingContribution)
                    )
                    && unit_of(f).is_some()
            })
            .collect();
        figures.sort_by(|a, b| a.measure.cmp(&b.measure));
        let mut out: Vec<CostLine> = Vec::new();
        for f in figures {
            let same = |o: &CostLine| o.label == label(f, "England");
            let better = |o: &CostLine| {
                score(o.period.as_deref().unwrap_or(""), self.year) >= score(&f.period, self.year)
            };
            match out.iter().position(same) {
                Some(i) if better(&out[i]) => {}
                Some(i) => {
                    out[i] = self.line(f, care, CostRow::National, "England", "England".into())
                }
                None => {
                    out.push(self.line(f, care, CostRow::National, "England", "England".into()))
                }
            }
        }
        out
    }
}

fn label(f: &Figure, whose: &str) -> String {
    match (f.kind, f.measure.as_str()) {
        (_, "minimum_price_homecare") => {
            "Homecare Association's minimum price for home care".into()
        }
        (_, "average_la_fee_rate_paid") => {
            "Average hourly rate councils in England paid for home care".into()
        }
        (Some(CostKind::NhsNursingContribution), _) => {
            "NHS-funded nursing care: what the NHS pays the home towards nursing".into()
        }
        (Some(CostKind::FairCostMedian), _) => {
            format!("Fair cost of care median: {}", f.care_setting)
        }
        (Some(CostKind::CouncilCharge), _) => format!("{whose} charges: {}", f.care_setting),
        _ => format!("{whose} pays: {}", f.care_setting),
    }
}

/// One plain sentence, carefinder's own words, on what the figure means to a self-funder.
fn meaning(row: CostRow, f: &Figure, whose: &str) -> String {
    let year = if f.period.is_empty() {
        "the year the council reported".to_string()
    } else {
        f.period.clone()
    };
    match (row, f.kind) {
        (CostRow::CouncilRate, _) => format!("What {whose} pays providers for places it arranges. People paying for themselves are often charged more than this."),
        (CostRow::CouncilCharge, _) => format!("What {whose} charges for care it arranges; people with savings over the upper limit usually pay the full charge."),
        (CostRow::FairCost, _) => format!("Not a price: what providers told {whose} this care cost them to run in {year}, including a return. A guide to what the care costs to provide."),
        (CostRow::NearestRates, _) => format!("Not your council's figure: what {whose} pays for places it arranges, a guide to prices nearby. People paying for themselves are often charged more."),
        (CostRow::NearestFairCost, _) => format!("Not a price and not your council's figure: what providers in {whose} said this care cost them in {year}."),
        (_, Some(CostKind::NhsNursingContribution)) => "Not a price: if you are assessed as needing nursing, the NHS pays this to the home each week towards the nursing part of its fee.".into(),
        (_, _) if f.measure == "minimum_price_homecare" => "The least an hour of home care costs to provide while paying care workers the legal minimum, in the Homecare Association's sums. Expect an agency to charge at least this.".into(),
        _ => "An average of what councils across England paid agencies; people paying for themselves are usually charged more.".into(),
    }
}
