//! Councils that run adult social care (county councils and unitary councils in England),
//! which one a person is in, and what carefinder knows about each: its authored area pack
//! (contacts, each sourced) or, without one, its home page and national sources of help.
//!
//! Published as `councils.json` (`CouncilsFile`). The builder makes it from ../shared/data's
//! geography and GOV.UK council lists and from the packs in content/areas/.

use serde::{Deserialize, Serialize};

use crate::distance::Point;
use crate::pathway::Fact;

/// One council that runs adult social care: a county council, or a unitary, metropolitan or
/// London borough council (the upper tier for social care).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Council {
    /// ONS (GSS) code of the current authority, e.g. "E10000020" (Norfolk), "E08000004" (Oldham).
    pub code: String,
    /// Its name as GOV.UK lists it, e.g. "Norfolk County Council".
    pub name: String,
    /// Its home page from GOV.UK's list of councils, with that list as the source.
    pub homepage: Option<String>,
    /// A point in the council's area (mySociety's), for "the nearest councils with figures".
    pub centre: Option<Point>,
}

/// The councils a postcode district's postcodes fall in, largest share first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictCouncils {
    pub district: String,
    /// (council code, share of the district's postcodes), shares summing to 1.
    pub councils: Vec<(String, f64)>,
}

/// Whose area a search is in.
#[derive(Clone, Debug, PartialEq)]
pub enum WhoseArea {
    /// One council, by code.
    Council(String),
    /// A district (or sector) split between councils: ask for the full postcode.
    Split(Vec<String>),
    /// Not known (the postcode is outside the dataset's geography).
    Unknown,
}

/// The kinds of local contact a pathway outcome can ask the person's council pack for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// Adult social care's front door: needs assessments, care and support.
    AdultSocialCare,
    /// Urgent help out of hours (not a 999 emergency).
    OutOfHours,
    /// The carers' support service (carers' assessments, advice for carers).
    Carers,
    /// Independent advocacy.
    Advocacy,
    /// Money and benefits advice.
    MoneyAdvice,
    /// Reporting abuse or neglect of an adult.
    Safeguarding,
}

/// Someone to contact, with the source of the number and when it was last checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackContact {
    pub role: ContactRole,
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub web: Option<String>,
    /// Opening hours in words, e.g. "Monday to Friday, 8.40am to 5pm".
    #[serde(default)]
    pub hours: Option<String>,
    pub source: String,
    /// YYYY-MM-DD.
    pub reviewed: String,
}

/// A local fact a pathway outcome shows for this council only, e.g. Norfolk Swift Response on
/// the carers' emergency-plan outcome. `outcome` is "<pathway id>/<outcome id>".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalNote {
    pub outcome: String,
    #[serde(flatten)]
    pub fact: Fact,
}

/// One council's authored content (content/areas/<council>.toml), checked at build time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaPack {
    /// ONS code of the council, matching a `Council`.
    pub code: String,
    pub name: String,
    /// The area's everyday name ("Oldham", "Norfolk"): pathways must not name it, since their
    /// words are shown for every council.
    pub place: String,
    /// When someone last checked the whole pack against its sources, YYYY-MM-DD.
    pub reviewed: String,
    #[serde(default)]
    pub contacts: Vec<PackContact>,
    #[serde(default)]
    pub notes: Vec<LocalNote>,
}

/// A national source of help for one role, shown where the person's council has no pack or
/// its pack has no contact for that role (content/areas/national.toml).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalHelp {
    pub roles: Vec<ContactRole>,
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub web: Option<String>,
    #[serde(default)]
    pub hours: Option<String>,
    /// What it offers, in one sentence of carefinder's own.
    pub offers: String,
    pub source: String,
    pub reviewed: String,
}

/// `councils.json`: every council the dataset's postcodes and services fall in, the district
/// shares, the authored packs and the national help.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CouncilsFile {
    pub councils: Vec<Council>,
    pub districts: Vec<DistrictCouncils>,
    pub packs: Vec<AreaPack>,
    pub national: Vec<NationalHelp>,
    /// Where the council list came from, e.g. "GOV.UK Local Links Manager, local authorities (2025-11)".
    pub council_list_source: String,
}

impl CouncilsFile {
    pub fn council(&self, code: &str) -> Option<&Council> {
        self.councils.iter().find(|c| c.code == code)
    }

    pub fn pack(&self, code: &str) -> Option<&AreaPack> {
        self.packs.iter().find(|p| p.code == code)
    }
}
