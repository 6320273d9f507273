//! Care services (CQC "locations") as the dataset publishes them: a lean summary for search,
//! and the full record for provider pages and comparison.

use serde::{Deserialize, Serialize};

use crate::distance::Point;
use crate::rating::Rating;

/// The kinds of care people choose between. One service can offer several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceType {
    CareHome,
    NursingHome,
    HomeCare,
    SupportedLiving,
    ExtraCare,
    SharedLives,
    Community,
}

impl ServiceType {
    pub const ALL: [ServiceType; 7] = [
        ServiceType::CareHome,
        ServiceType::NursingHome,
        ServiceType::HomeCare,
        ServiceType::SupportedLiving,
        ServiceType::ExtraCare,
        ServiceType::SharedLives,
        ServiceType::Community,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ServiceType::CareHome => "Care home",
            ServiceType::NursingHome => "Nursing home",
            ServiceType::HomeCare => "Home care",
            ServiceType::SupportedLiving => "Supported living",
            ServiceType::ExtraCare => "Extra care / housing with care",
            ServiceType::SharedLives => "Shared lives",
            ServiceType::Community => "Other community services",
        }
    }

    /// Reads a CQC service type, in the API's names ("Residential homes"), the directory's
    /// names, or the "with filters" file's descriptions ("Care home service without nursing").
    /// `None` means not adult social care (dentists, GPs, hospitals...).
    pub fn from_cqc(name: &str) -> Option<ServiceType> {
        let n = name.trim().to_ascii_lowercase();
        let t = match n.as_str() {
            "residential homes" | "care home service without nursing" => ServiceType::CareHome,
            "nursing homes" | "care home service with nursing" => ServiceType::NursingHome,
            "homecare agencies" | "domiciliary care service" => ServiceType::HomeCare,
            "supported living" | "supported living service" => ServiceType::SupportedLiving,
            "extra care housing services" | "extra care housing" => ServiceType::ExtraCare,
            "shared lives" => ServiceType::SharedLives,
            _ if n.starts_with("community services")
                || n.starts_with("community based services")
                || n.starts_with("community health care services")
                || n == "supported housing"
                || n == "rehabilitation (illness/injury)"
                || n == "rehabilitation services" =>
            {
                ServiceType::Community
            }
            _ => return None,
        };
        Some(t)
    }

    /// The name used in addresses and the dataset, e.g. "nursing_home".
    pub fn key(self) -> &'static str {
        match self {
            ServiceType::CareHome => "care_home",
            ServiceType::NursingHome => "nursing_home",
            ServiceType::HomeCare => "home_care",
            ServiceType::SupportedLiving => "supported_living",
            ServiceType::ExtraCare => "extra_care",
            ServiceType::SharedLives => "shared_lives",
            ServiceType::Community => "community",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The specialist care people most often look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Specialism {
    Dementia,
    LearningDisabilities,
    MentalHealth,
    PhysicalDisabilities,
    SensoryImpairment,
    OlderPeople,
    YoungerAdults,
}

impl Specialism {
    pub const ALL: [Specialism; 7] = [
        Specialism::Dementia,
        Specialism::LearningDisabilities,
        Specialism::MentalHealth,
        Specialism::PhysicalDisabilities,
        Specialism::SensoryImpairment,
        Specialism::OlderPeople,
        Specialism::YoungerAdults,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Specialism::Dementia => "Dementia",
            Specialism::LearningDisabilities => "Learning disabilities",
            Specialism::MentalHealth => "Mental health",
            Specialism::PhysicalDisabilities => "Physical disabilities",
            Specialism::SensoryImpairment => "Sensory impairment",
            Specialism::OlderPeople => "Older people (65 and over)",
            Specialism::YoungerAdults => "Younger adults (18 to 64)",
        }
    }

    /// Reads CQC's specialism wording (API and directory files).
    pub fn from_cqc(name: &str) -> Option<Specialism> {
        let s = match name.trim().to_ascii_lowercase().as_str() {
            "dementia" => Specialism::Dementia,
            "learning disabilities" | "learning disabilities or autistic spectrum disorder" => {
                Specialism::LearningDisabilities
            }
            "mental health conditions" | "mental health" => Specialism::MentalHealth,
            "physical disabilities" | "physical disability" => Specialism::PhysicalDisabilities,
            "sensory impairment" | "sensory impairments" => Specialism::SensoryImpairment,
            "caring for adults over 65 yrs" | "older people" => Specialism::OlderPeople,
            "caring for adults under 65 yrs" | "younger adults" => Specialism::YoungerAdults,
            _ => return None,
        };
        Some(s)
    }

    /// The name used in addresses and the dataset, e.g. "learning_disabilities".
    pub fn key(self) -> &'static str {
        match self {
            Specialism::Dementia => "dementia",
            Specialism::LearningDisabilities => "learning_disabilities",
            Specialism::MentalHealth => "mental_health",
            Specialism::PhysicalDisabilities => "physical_disabilities",
            Specialism::SensoryImpairment => "sensory_impairment",
            Specialism::OlderPeople => "older_people",
            Specialism::YoungerAdults => "younger_adults",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A rating and the date of the report that gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rated {
    pub rating: Rating,
    /// ISO date, YYYY-MM-DD. `None` when the source gives no date (CQC's "with filters" file).
    pub date: Option<String>,
}

/// The overall rating and CQC's five key questions. `None` means never rated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    pub overall: Option<Rated>,
    pub safe: Option<Rated>,
    pub effective: Option<Rated>,
    pub caring: Option<Rated>,
    pub responsive: Option<Rated>,
    pub well_led: Option<Rated>,
}

/// Whether a fee is charged by the week (care homes) or by the hour (home care).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeUnit {
    PerWeek,
    PerHour,
}

impl FeeUnit {
    /// "a week" or "an hour", as in "£850 a week".
    pub fn label(self) -> &'static str {
        match self {
            FeeUnit::PerWeek => "a week",
            FeeUnit::PerHour => "an hour",
        }
    }

    /// Whether a reference figure's unit ("GBP per week", "GBP per hour") is this one.
    pub fn matches(self, figure_unit: &str) -> bool {
        let unit = figure_unit.to_ascii_lowercase();
        match self {
            FeeUnit::PerWeek => unit.ends_with("per week"),
            FeeUnit::PerHour => unit.ends_with("per hour"),
        }
    }
}

/// A fee a provider has published, with where and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    pub care: ServiceType,
    pub from: f64,
    pub to: Option<f64>,
    pub unit: FeeUnit,
    pub date: String,
    pub source: String,
}

/// Places free on a given date, as reported by the provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vacancies {
    pub beds: u32,
    pub as_of: String,
}

/// The full record of one care service: everything its page and the comparison show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// CQC location ID, e.g. "1-1000210669".
    pub id: String,
    pub name: String,
    pub provider_id: String,
    pub provider_name: Option<String>,
    /// The brand CQC groups the service under ("Bloomcare"), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Another name CQC records the service as trading under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub also_known_as: Option<String>,
    /// Address lines without the postcode.
    pub address: Vec<String>,
    pub postcode: String,
    pub lat: f64,
    pub lon: f64,
    pub local_authority: String,
    /// ONS code of the council that runs adult social care where the service is (from its
    /// postcode, else CQC's local authority), when the builder could tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<String>,
    pub services: Vec<ServiceType>,
    pub specialisms: Vec<Specialism>,
    /// CQC specialisms carefinder has no filter for, kept as CQC words them.
    pub other_specialisms: Vec<String>,
    pub beds: Option<u32>,
    pub ratings: Ratings,
    pub last_inspection: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_council_funding: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacancies: Option<Vacancies>,
}

impl Service {
    pub fn point(&self) -> Point {
        Point::new(self.lat, self.lon)
    }

    /// CQC's public page for this service.
    pub fn cqc_url(&self) -> String {
        format!("https://www.cqc.org.uk/location/{}", self.id)
    }

    /// The postcode district, which names the details file holding this record.
    pub fn district(&self) -> &str {
        self.postcode.split(' ').next().unwrap_or("")
    }

    pub fn summary(&self) -> ServiceSummary {
        ServiceSummary {
            id: self.id.clone(),
            name: self.name.clone(),
            district: self.district().to_string(),
            lat: self.lat,
            lon: self.lon,
            services: self.services.iter().fold(0, |bits, s| bits | s.bit()),
            specialisms: self.specialisms.iter().fold(0, |bits, s| bits | s.bit()),
            beds: self.beds.unwrap_or(0),
            overall: self.ratings.overall.clone(),
            last_inspection: self.last_inspection.clone(),
            other_names: self.other_names(),
        }
    }

    /// The names besides its own a person might know it by, each once and none that is only
    /// its own name written differently.
    fn other_names(&self) -> Vec<OtherName> {
        let candidates = [
            (NameKind::Provider, &self.provider_name),
            (NameKind::Brand, &self.brand),
            (NameKind::AlsoKnownAs, &self.also_known_as),
        ];
        let mut seen = vec![crate::name_search::words(&self.name)];
        let mut names = Vec::new();
        for (kind, name) in candidates {
            let Some(name) = name.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
                continue;
            };
            let words = crate::name_search::words(name);
            if !words.is_empty() && !seen.contains(&words) {
                seen.push(words);
                names.push(OtherName {
                    kind,
                    name: name.to_string(),
                });
            }
        }
        names
    }
}

/// Whose name another name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameKind {
    /// The organisation registered to run the service.
    #[serde(rename = "p")]
    Provider,
    /// The group or brand it belongs to.
    #[serde(rename = "b")]
    Brand,
    /// A name it trades under.
    #[serde(rename = "a")]
    AlsoKnownAs,
}

/// A name a service is also found by, published as `["p", "Werneth Lodge Limited"]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "(NameKind, String)", from = "(NameKind, String)")]
pub struct OtherName {
    pub kind: NameKind,
    pub name: String,
}

impl From<(NameKind, String)> for OtherName {
    fn from((kind, name): (NameKind, String)) -> OtherName {
        OtherName { kind, name }
    }
}

impl From<OtherName> for (NameKind, String) {
    fn from(o: OtherName) -> (NameKind, String) {
        (o.kind, o.name)
    }
}

impl OtherName {
    /// How a results card says why a search by this name found the service.
    pub fn sentence(&self) -> String {
        match self.kind {
            NameKind::Provider => format!("Run by {}", self.name),
            NameKind::Brand => format!("Part of {}", self.name),
            NameKind::AlsoKnownAs => format!("Also known as {}", self.name),
        }
    }
}

/// What search needs of a service, kept small because the app loads all of them at once
/// (30,000 for England). Published as one JSON array per service, in field order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "SummaryRow", from = "SummaryRow")]
pub struct ServiceSummary {
    pub id: String,
    pub name: String,
    pub district: String,
    pub lat: f64,
    pub lon: f64,
    /// One bit per `ServiceType`, in declaration order.
    pub services: u8,
    /// One bit per `Specialism`, in declaration order.
    pub specialisms: u8,
    /// 0 when the service has no beds (e.g. home care).
    pub beds: u32,
    pub overall: Option<Rated>,
    pub last_inspection: Option<String>,
    /// Its provider's name, brand and "also known as", for search by name.
    pub other_names: Vec<OtherName>,
}

impl ServiceSummary {
    pub fn offers(&self, service: ServiceType) -> bool {
        self.services & service.bit() != 0
    }

    pub fn specialises_in(&self, specialism: Specialism) -> bool {
        self.specialisms & specialism.bit() != 0
    }

    pub fn point(&self) -> Point {
        Point::new(self.lat, self.lon)
    }

    /// A home care agency with no care home: its address is an office, and its staff come to
    /// the person, so a distance to it means less than a distance to a home.
    pub fn is_home_care_only(&self) -> bool {
        self.offers(ServiceType::HomeCare)
            && !self.offers(ServiceType::CareHome)
            && !self.offers(ServiceType::NursingHome)
    }
}

type SummaryRow = (
    String,
    String,
    String,
    f64,
    f64,
    u8,
    u8,
    u32,
    Option<Rating>,
    Option<String>,
    Option<String>,
    Vec<OtherName>,
);

impl From<ServiceSummary> for SummaryRow {
    fn from(s: ServiceSummary) -> SummaryRow {
        let (rating, date) = match s.overall {
            Some(r) => (Some(r.rating), r.date),
            None => (None, None),
        };
        (
            s.id,
            s.name,
            s.district,
            s.lat,
            s.lon,
            s.services,
            s.specialisms,
            s.beds,
            rating,
            date,
            s.last_inspection,
            s.other_names,
        )
    }
}

impl From<SummaryRow> for ServiceSummary {
    fn from(r: SummaryRow) -> ServiceSummary {
        let (
            id,
            name,
            district,
            lat,
            lon,
            services,
            specialisms,
            beds,
            rating,
            date,
            last_inspection,
            other_names,
        ) = r;
        let overall = rating.map(|rating| Rated { rating, date });
        ServiceSummary {
            id,
            name,
            district,
            lat,
            lon,
            services,
            specialisms,
            beds,
            overall,
            last_inspection,
            other_names,
        }
    }
}

#[cfg(test)]
mod tests;
