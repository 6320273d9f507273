//! Provenance for the manifest: who published each input, under which licence, and how fresh it is.

use std::path::Path;

use carefinder_core::dataset::Source;
use carefinder_core::date::Date;

use crate::accounting::Tally;
use crate::inputs::csv_file::file_name;

pub const OGL: &str = "Open Government Licence v3.0";

/// The kinds of input the builder reads, with their publisher and title.
#[derive(Clone, Copy)]
pub enum InputKind {
    CqcApiLocations,
    CqcApiProviders,
    CqcDirectory,
    CqcDirectoryWithFilters,
    Postcodes,
    DistrictCentroids,
    FeesAndRates,
    AuthoredReference,
    AuthoredPathways,
    AuthoredAreaPacks,
    PostcodeToDistrict,
    LocalAuthorities,
    GssToRegistry,
    GovukCouncils,
    CouncilBoundaries,
}

impl InputKind {
    fn describe(self) -> (&'static str, &'static str, &'static str) {
        match self {
            InputKind::CqcApiLocations => ("Care Quality Commission", "CQC API location records", OGL),
            InputKind::CqcApiProviders => ("Care Quality Commission", "CQC API provider records (names only)", OGL),
            InputKind::CqcDirectory => ("Care Quality Commission", "CQC care directory", OGL),
            InputKind::CqcDirectoryWithFilters => ("Care Quality Commission", "CQC care directory with filters (ratings)", OGL),
            InputKind::Postcodes => (
                "Office for National Statistics",
                "Postcode coordinates (NSPL/ONSPD)",
                "Open Government Licence v3.0; contains OS data © Crown copyright and database right",
            ),
            InputKind::DistrictCentroids => (
                "Office for National Statistics (derived)",
                "Postcode district centroids",
                "Open Government Licence v3.0; contains OS data © Crown copyright and database right",
            ),
            InputKind::FeesAndRates => (
                "Various public bodies (each figure names its source)",
                "Care fees and reference rates",
                "Facts from the cited public sources",
            ),
            InputKind::AuthoredPathways => (
                "carefinder (each step names its source)",
                "Information and advice pathways",
                "Facts from the cited public sources; wording by carefinder",
            ),
            InputKind::AuthoredAreaPacks => (
                "carefinder (each contact names its source)",
                "Council area packs and national help",
                "Facts from the cited public sources; wording by carefinder",
            ),
            InputKind::PostcodeToDistrict => (
                "mySociety, from the ONS Postcode Directory (November 2022)",
                "Postcode to local authority district ranges",
                "Open Government Licence v3.0; contains OS data © Crown copyright and database right; contains Royal Mail data © Royal Mail copyright and database right",
            ),
            InputKind::LocalAuthorities => (
                "mySociety",
                "UK local authority names and codes",
                "CC BY 4.0 (mySociety)",
            ),
            InputKind::GssToRegistry => (
                "mySociety",
                "Local authority GSS codes to mySociety codes",
                "CC BY 4.0 (mySociety)",
            ),
            InputKind::GovukCouncils => (
                "Government Digital Service (GOV.UK Local Links Manager)",
                "Local authorities: names and home pages",
                "MIT licence, © Crown copyright (Government Digital Service)",
            ),
            InputKind::CouncilBoundaries => (
                "Office for National Statistics (via Trafford Data Lab)",
                "Local authority district boundaries, generalised (for the map)",
                "Open Government Licence v3.0; contains National Statistics and OS data © Crown copyright and database right",
            ),
            InputKind::AuthoredReference => (
                "carefinder (each figure names its source)",
                "Means-test rules and benefit rates",
                "Facts from the cited public sources",
            ),
        }
    }
}

/// The manifest entry for one input file. The snapshot date comes from the file's name, or
/// else from `dated` (a date the file itself states).
pub fn source(kind: InputKind, path: &Path, tally: &Tally, dated: Option<&str>) -> Source {
    let (publisher, title, licence) = kind.describe();
    let file = file_name(path);
    Source {
        publisher: publisher.into(),
        title: title.into(),
        snapshot_date: snapshot_from_name(&file)
            .or(dated.map(str::to_string))
            .unwrap_or_else(|| "not stated".into()),
        file,
        licence: licence.into(),
        records: tally.counts(),
    }
}

/// Finds the snapshot date in a file name: `..._2025-03.json`, `..._2025-08-01.csv`,
/// `nspl_may2025_...` or CQC's own `16_September_2026_CQC_directory.csv`.
pub fn snapshot_from_name(name: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let parts: Vec<&str> = name.split(['_', '.', ' ']).collect();
    for (i, part) in parts.iter().enumerate() {
        let b = part.as_bytes();
        if b.len() == 10 && Date::parse(part).is_some() {
            return Some(part.to_string());
        }
        if b.len() == 7 && Date::parse(&format!("{part}-01")).is_some() {
            return Some(part.to_string());
        }
        let lower = part.to_ascii_lowercase();
        for (m, month) in MONTHS.iter().enumerate() {
            // "may2025"
            if lower.len() == 7
                && lower.starts_with(month)
                && lower[3..].bytes().all(|c| c.is_ascii_digit())
            {
                return Some(format!("{}-{:02}", &lower[3..], m + 1));
            }
            // "16", "September", "2026"
            if lower.starts_with(month) && i > 0 && i + 1 < parts.len() {
                let (day, year) = (parts[i - 1], parts[i + 1]);
                let whole = |s: &str, most: usize| {
                    (1..=most).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit())
                };
                if whole(day, 2) && whole(year, 4) && year.len() == 4 {
                    if let Some(date) =
                        Date::new(year.parse().ok()?, m as u8 + 1, day.parse().ok()?)
                    {
                        return Some(date.to_string());
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_snapshot_dates_in_the_file_names_publishers_use() {
        assert_eq!(
            snapshot_from_name("oldham_cqc_api_locations_2025-03.json").as_deref(),
            Some("2025-03")
        );
        assert_eq!(
            snapshot_from_name("trafford_care_homes_cqc_directory_2026-02-25.csv").as_deref(),
            Some("2026-02-25")
        );
        assert_eq!(
            snapshot_from_name("nspl_may2025_latlong_NR.csv").as_deref(),
            Some("2025-05")
        );
        assert_eq!(
            snapshot_from_name("16_September_2026_CQC_directory.csv").as_deref(),
            Some("2026-09-16")
        );
        assert_eq!(snapshot_from_name("locations.json"), None);
        // Days and months that do not exist are not dates.
        for bad in [
            "cqc_2025-13.json",
            "cqc_2025-02-30.csv",
            "31_June_2026_CQC_directory.csv",
            "x_0000-00.csv",
        ] {
            assert_eq!(snapshot_from_name(bad), None, "{bad}");
        }
    }
}
