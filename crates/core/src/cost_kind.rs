//! Which type of care a compiled fee or cost figure prices, and what kind of cost it is, read
//! from its measure and care-setting wording. Done once at build time, so the app only matches.

use crate::reference::CostKind;
use crate::service::ServiceType;

/// What kind of cost a measure is; None for figures that are not a service's cost: fee-model
/// components, uplifts, premiums, lowest-provider costs, caps, thresholds and allowances.
pub fn kind_of(measure: &str) -> Option<CostKind> {
    let m = measure.trim().to_ascii_lowercase();
    Some(match m.as_str() {
        "council_fee_rate"
        | "council_framework_price"
        | "council_base_fee_rate"
        | "council_banded_rate"
        | "average_weekly_fee_paid_by_council"
        | "usual_price_care_home"
        | "usual_price_nursing_home" => CostKind::CouncilRate,
        _ if m.starts_with("la_spot_price_home_support")
            || (m.starts_with("la_framework_price_home_support")) =>
        {
            CostKind::CouncilRate
        }
        "council_charge_to_client" => CostKind::CouncilCharge,
        "fair_cost_of_care_median_total" => CostKind::FairCostMedian,
        "fair_cost_of_care_lower_quartile_total" => CostKind::FairCostLowerQuartile,
        "fair_cost_of_care_upper_quartile_total" => CostKind::FairCostUpperQuartile,
        "minimum_price_homecare" | "average_la_fee_rate_paid" => CostKind::NationalBenchmark,
        "nhs_funded_nursing_care_standard_rate" => CostKind::NhsNursingContribution,
        _ => return None,
    })
}

/// The type of care a care-setting's words describe, e.g. "care home 65+ with nursing" is a
/// nursing home, and Rochdale's "Residential care and nursing - Band 1" a care home (its
/// "- Nursing" row is the nursing home rate).
pub fn prices(care_setting: &str) -> Option<ServiceType> {
    let s = care_setting.trim().to_ascii_lowercase();
    let last = s.rsplit(" - ").next().unwrap_or("");
    let has = |w: &str| s.contains(w);
    Some(if has("supported living") {
        ServiceType::SupportedLiving
    } else if has("extra care") {
        ServiceType::ExtraCare
    } else if has("home care")
        || has("care at home")
        || has("homecare")
        || has("domiciliary")
        || has("home support")
    {
        ServiceType::HomeCare
    } else if has("without nursing") {
        ServiceType::CareHome
    } else if has("with nursing")
        || has("+ nursing")
        || s.starts_with("nursing")
        || (s.contains(" - ") && last.starts_with("nursing"))
    {
        ServiceType::NursingHome
    } else if has("care home") || has("residential") || has("respite") {
        ServiceType::CareHome
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ServiceType::*;

    #[test]
    fn settings_in_the_real_files_name_the_care_they_price() {
        let cases = [
            ("Residential care and nursing - Band 1", Some(CareHome)),
            (
                "Residential care and nursing - Standard Respite",
                Some(CareHome),
            ),
            ("Residential care and nursing - Nursing", Some(NursingHome)),
            (
                "care home - nursing standard (excl. FNC)",
                Some(NursingHome),
            ),
            ("care home - residential standard", Some(CareHome)),
            ("care home 65+ with nursing", Some(NursingHome)),
            (
                "care home 65+ without nursing, enhanced needs",
                Some(CareHome),
            ),
            (
                "care home - banded rate Standard + nursing",
                Some(NursingHome),
            ),
            ("nursing care (Ageing Well) - Band 2", Some(NursingHome)),
            ("care home (Ageing Well) - Band 2", Some(CareHome)),
            ("nursing home", Some(NursingHome)),
            ("home care 18+ (domiciliary)", Some(HomeCare)),
            ("Care at Home - Outreach", Some(HomeCare)),
            (
                "Supported Living - complex cases rate",
                Some(SupportedLiving),
            ),
            ("Extra Care", Some(ExtraCare)),
            ("all adult social care", None),
            ("means test", None),
        ];
        for (setting, want) in cases {
            assert_eq!(prices(setting), want, "{setting}");
        }
    }

    #[test]
    fn components_uplifts_and_premiums_are_not_a_services_cost() {
        assert_eq!(kind_of("council_fee_rate"), Some(CostKind::CouncilRate));
        assert_eq!(
            kind_of("la_spot_price_home_support_minimum"),
            Some(CostKind::CouncilRate)
        );
        assert_eq!(
            kind_of("fair_cost_of_care_median_total"),
            Some(CostKind::FairCostMedian)
        );
        for m in [
            "personalised_fee_model_care_cost_hourly_rate",
            "personalised_fee_model_accommodation_cost",
            "fee_uplift_pct",
            "dementia_premium",
            "fcoc_lowest_provider_cost",
            "council_maximum_weekly_charge",
            "nhs_funded_nursing_care_higher_rate",
            "capital_upper_limit",
        ] {
            assert_eq!(kind_of(m), None, "{m}");
        }
    }
}
