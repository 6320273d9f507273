//! Cost lines from real published figures (values as in ../shared/data/fees), for an Oldham care
//! home, a Rochdale nursing home and a home care agency.

use super::*;
use crate::cost_kind::{kind_of, prices};
use crate::council::Council;
use crate::service::Fee;

/// A figure classified as the builder classifies it.
fn fig(
    area: &str,
    code: &str,
    measure: &str,
    setting: &str,
    period: &str,
    value: f64,
    unit: &str,
) -> Figure {
    Figure {
        area: area.into(),
        area_code: Some(code.into()),
        measure: measure.into(),
        care_setting: setting.into(),
        period: period.into(),
        value,
        unit: unit.into(),
        source: SourceRef {
            publisher: format!("{area} publisher"),
            citation: format!("https://example.org/{area}"),
            date: None,
        },
        prices: prices(setting),
        kind: kind_of(measure),
        ..Figure::default()
    }
}

const WEEK: &str = "GBP per week";

fn reference() -> Reference {
    let r = "council_fee_rate";
    let band1 = "Residential care and nursing - Band 1";
    let nursing = "Residential care and nursing - Nursing";
    let (med, lq, uq) = (
        "fair_cost_of_care_median_total",
        "fair_cost_of_care_lower_quartile_total",
        "fair_cost_of_care_upper_quartile_total",
    );
    let ch = "care home 65+ without nursing";
    Reference {
        figures: vec![
            fig("Rochdale", "E08000005", r, band1, "2024-25", 711.0, WEEK),
            fig("Rochdale", "E08000005", r, band1, "2025-26", 721.0, WEEK),
            fig(
                "Rochdale",
                "E08000005",
                r,
                "Residential care and nursing - Standard Respite",
                "2025-26",
                712.0,
                WEEK,
            ),
            fig("Rochdale", "E08000005", r, nursing, "2025-26", 823.0, WEEK),
            fig(
                "Rochdale",
                "E08000005",
                r,
                "Care at Home",
                "2025-26",
                24.05,
                "GBP per hour",
            ),
            fig(
                "Oldham",
                "E08000004",
                r,
                "care home - residential",
                "",
                450.0,
                WEEK,
            ),
            fig(
                "Manchester",
                "E08000003",
                "council_base_fee_rate",
                "care home - residential (65+)",
                "2020-21",
                507.13,
                WEEK,
            ),
            fig(
                "Manchester",
                "E08000003",
                "dementia_premium",
                "care home - residential or nursing dementia (65+)",
                "2020-21",
                50.0,
                WEEK,
            ),
            fig(
                "Trafford",
                "E08000009",
                r,
                "care home - residential bed rate",
                "2023-24",
                657.90,
                WEEK,
            ),
            fig(
                "Trafford",
                "E08000009",
                "council_framework_price",
                "care home - residential",
                "2021-22",
                571.76,
                WEEK,
            ),
            fig("Bolton", "E08000001", med, ch, "2022-23", 653.44, WEEK),
            fig("Bolton", "E08000001", lq, ch, "2022-23", 539.27, WEEK),
            fig("Bolton", "E08000001", uq, ch, "2022-23", 871.95, WEEK),
            fig(
                "Bolton",
                "E08000001",
                med,
                "care home 65+ without nursing, enhanced needs",
                "2022-23",
                701.27,
                WEEK,
            ),
            fig("Bury", "E08000002", med, ch, "2022-23", 775.48, WEEK),
            fig("Bury", "E08000002", uq, ch, "2022-23", 1095.83, WEEK),
            fig(
                "England",
                "E92000001",
                "nhs_funded_nursing_care_standard_rate",
                "nursing home",
                "2025-26",
                254.06,
                WEEK,
            ),
            fig(
                "England",
                "E92000001",
                "nhs_funded_nursing_care_standard_rate",
                "nursing home",
                "2026-27",
                267.68,
                WEEK,
            ),
            fig(
                "England",
                "E92000001",
                "nhs_funded_nursing_care_higher_rate",
                "nursing home",
                "2026-27",
                368.24,
                WEEK,
            ),
            fig(
                "England",
                "E92000001",
                "minimum_price_homecare",
                "home care (purchased by LAs/NHS)",
                "2025-26",
                32.14,
                "GBP per hour",
            ),
            fig(
                "England",
                "E92000001",
                "minimum_price_homecare",
                "home care (purchased by LAs/NHS)",
                "2024-25",
                28.53,
                "GBP per hour",
            ),
        ],
        means_tests: vec![],
    }
}

/// Real codes, names and centres from mySociety's list of UK local authorities (2025-07).
fn councils() -> CouncilsFile {
    let c = |code: &str, name: &str, lat, lon| Council {
        code: code.into(),
        name: name.into(),
        homepage: None,
        centre: Some(Point::new(lat, lon)),
    };
    CouncilsFile {
        councils: vec![
            c(
                "E08000004",
                "Oldham Metropolitan Borough Council",
                53.5518876965,
                -2.050652295,
            ),
            c(
                "E08000005",
                "Rochdale Metropolitan Borough Council",
                53.6165529539,
                -2.1578678632,
            ),
            c(
                "E08000003",
                "Manchester City Council",
                53.4514843991,
                -2.2325237603,
            ),
            c(
                "E08000001",
                "Bolton Metropolitan Borough Council",
                53.5786323891,
                -2.4669702025,
            ),
            c(
                "E08000002",
                "Bury Metropolitan Borough Council",
                53.5878391802,
                -2.3125533829,
            ),
            c(
                "E08000008",
                "Tameside Metropolitan Borough Council",
                53.4774719308,
                -2.0628138409,
            ),
            c(
                "E08000009",
                "Trafford Metropolitan Borough Council",
                53.4189961458,
                -2.3553498241,
            ),
        ],
        ..CouncilsFile::default()
    }
}

fn service(council: &str, services: Vec<ServiceType>) -> Service {
    let mut s: Service = serde_json::from_value(serde_json::json!({
        "id": "1-1", "name": "Test House", "provider_id": "1-2", "provider_name": null,
        "address": [], "postcode": "OL1 1AA", "lat": 53.54, "lon": -2.11,
        "local_authority": "Oldham", "services": [], "specialisms": [], "other_specialisms": [],
        "beds": null, "ratings": {}, "last_inspection": null, "phone": null, "website": null
    }))
    .unwrap();
    s.council = Some(council.into());
    s.services = services;
    s
}

const TODAY: &str = "2026-12-02";

#[test]
fn an_oldham_care_home_gets_the_nearest_councils_dated_figures_then_oldhams_undated_rate() {
    let lines = cost_lines(
        &service("E08000004", vec![ServiceType::CareHome]),
        &reference(),
        &councils(),
        TODAY,
    );
    let got: Vec<(CostRow, f64, String, &str)> = lines
        .iter()
        .map(|l| (l.row, l.amount, l.when(), l.whose.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            // Rochdale's 2025-26 Band 1, not its 2024-25 rate or its respite rate.
            (CostRow::NearestRates, 721.0, "2025-26, 1 year old".into(), "Rochdale Metropolitan Borough Council, the nearest council with a published rate"),
            (CostRow::NearestRates, 507.13, "2020-21, 6 years old".into(), "Manchester City Council, the next nearest council with a published rate"),
            (CostRow::NearestFairCost, 775.48, "2022-23, 4 years old".into(), "Bury Metropolitan Borough Council, the nearest council with a fair cost of care figure"),
            (CostRow::NearestFairCost, 653.44, "2022-23, 4 years old".into(), "Bolton Metropolitan Borough Council, the next nearest council with a fair cost of care figure"),
            // A figure with no year may be many years old, so it comes after the dated ones.
            (CostRow::CouncilRate, 450.0, "Year not stated: it may be years old".into(), "Oldham Metropolitan Borough Council"),
        ]
    );
    assert_eq!(
        lines[3].quartiles_text().as_deref(),
        Some("middle half of providers: £539.27 to £871.95")
    );
    assert_eq!(
        lines[2].quartiles_text().as_deref(),
        Some("upper quartile £1,095.83")
    );
    assert!(lines
        .iter()
        .all(|l| !l.meaning.is_empty() && l.meaning.ends_with('.')));
    assert_eq!(lines[0].amount_text(), "£721 a week");
    // The estimator's usual price is the council's own rate; no fee, since the home published none.
    assert_eq!(
        council_rate(&lines, ServiceType::CareHome).map(|l| l.amount),
        Some(450.0)
    );
    assert!(lines.iter().all(|l| l.row != CostRow::PublishedFee));
}

#[test]
fn a_rochdale_nursing_home_gets_its_councils_rate_and_the_nhs_contribution_not_the_higher_rate() {
    let lines = cost_lines(
        &service("E08000005", vec![ServiceType::NursingHome]),
        &reference(),
        &councils(),
        TODAY,
    );
    let got: Vec<(CostRow, f64)> = lines.iter().map(|l| (l.row, l.amount)).collect();
    // Rochdale has its own dated nursing rate, so no nearest rates; no fair cost of care nursing
    // figure nearby either in this reference.
    assert_eq!(
        got,
        [(CostRow::CouncilRate, 823.0), (CostRow::National, 267.68)]
    );
    assert_eq!(lines[1].when(), "2026-27");
    assert!(lines[1].meaning.starts_with("Not a price"));
}

#[test]
fn a_superseded_framework_price_is_not_shown_beside_this_years_rate() {
    let lines = cost_lines(
        &service("E08000009", vec![ServiceType::CareHome]),
        &reference(),
        &councils(),
        TODAY,
    );
    let own: Vec<f64> = lines
        .iter()
        .filter(|l| l.row == CostRow::CouncilRate)
        .map(|l| l.amount)
        .collect();
    assert_eq!(own, [657.90]);
}

#[test]
fn published_fees_come_first_and_home_care_gets_this_years_national_price() {
    let mut s = service(
        "E08000005",
        vec![ServiceType::HomeCare, ServiceType::SharedLives],
    );
    s.fees.push(Fee {
        care: ServiceType::HomeCare,
        from: 30.0,
        to: Some(34.0),
        unit: FeeUnit::PerHour,
        date: "2024-05-01".into(),
        source: "https://example.org/prices".into(),
    });
    let lines = cost_lines(&s, &reference(), &councils(), TODAY);
    let got: Vec<(CostRow, f64, String)> =
        lines.iter().map(|l| (l.row, l.amount, l.when())).collect();
    assert_eq!(
        got,
        [
            (CostRow::PublishedFee, 30.0, "2024-25, 2 years old".into()),
            (CostRow::CouncilRate, 24.05, "2025-26, 1 year old".into()),
            (CostRow::National, 32.14, "2025-26, 1 year old".into()),
        ]
    );
    assert_eq!(lines[0].amount_text(), "£30 to £34 an hour");
}

#[test]
fn without_a_council_or_a_date_there_are_only_national_lines_or_none() {
    let mut s = service("E08000004", vec![ServiceType::NursingHome]);
    s.council = None;
    s.local_authority = "Nowhere".into();
    let lines = cost_lines(&s, &reference(), &CouncilsFile::default(), TODAY);
    assert_eq!(
        lines.iter().map(|l| l.row).collect::<Vec<_>>(),
        [CostRow::National]
    );
    assert!(cost_lines(&s, &reference(), &councils(), "soon").is_empty());
    // Without the builder's code, the local authority's name in the fee files finds it.
    s.local_authority = "Oldham".into();
    s.services = vec![ServiceType::CareHome];
    let lines = cost_lines(&s, &reference(), &CouncilsFile::default(), TODAY);
    assert_eq!(lines.first().map(|l| l.amount), Some(450.0));
}

#[test]
fn ages_and_the_estimators_address() {
    assert_eq!(age("2022-23", "2026-27").as_deref(), Some("4 years old"));
    assert_eq!(age("2025-26", "2026-27").as_deref(), Some("1 year old"));
    assert_eq!(age("2026-27", "2026-27"), None);
    assert_eq!(age("2027-28", "2026-27"), None);
    assert_eq!(estimate_href("1-123456"), "/costs#service=1-123456");
}
