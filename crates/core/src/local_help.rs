//! The local part of a pathway outcome: the person's council's contacts for the roles the
//! outcome asks for, its local notes, and national help wherever the pack has nothing. Pathway
//! words are shared by every council, so they name none; `{council}` stands for the person's.

use crate::council::{
    AreaPack, ContactRole, Council, CouncilsFile, LocalNote, NationalHelp, PackContact, WhoseArea,
};
use crate::pathway::Fact;

/// The one placeholder pathway text may hold.
pub const COUNCIL: &str = "{council}";

/// Refuses braces other than `{council}`, so a typo never reaches a page as "{councl}".
pub fn check_placeholders(text: &str) -> Result<(), String> {
    let rest = text.replace(COUNCIL, "");
    if rest.contains(['{', '}']) {
        return Err(format!(
            "{text:?}: the only placeholder allowed is {COUNCIL}"
        ));
    }
    Ok(())
}

/// Puts the council's name in for `{council}`, or "your council" when it is not known
/// ("Your council" at the start of a sentence).
pub fn fill(text: &str, council: Option<&str>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(COUNCIL) {
        out.push_str(&rest[..at]);
        let starts_sentence =
            out.trim_end().is_empty() || out.trim_end().ends_with(['.', '!', '?', ':']);
        out.push_str(match (council, starts_sentence) {
            (Some(name), _) => name,
            (None, true) => "Your council",
            (None, false) => "your council",
        });
        rest = &rest[at + COUNCIL.len()..];
    }
    out.push_str(rest);
    out
}

/// Why the page shows this council's help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhyThisCouncil {
    /// The postcode the person searched is in its area.
    Searched,
    /// No search yet: the council whose area the dataset covers.
    DatasetsOwn,
}

/// Whose help a page gives, from the person's search (if any) and the dataset's own council.
#[derive(Clone, Debug, PartialEq)]
pub enum WhoseHelp {
    Council(String, WhyThisCouncil),
    /// The search could not say: a district split between these councils, or (none listed) a
    /// place carefinder cannot place. Never the dataset's own council, which may be wrong.
    Unsure(Vec<String>),
    /// No search and no council of the dataset's own.
    NotKnown,
}

/// `searched` is what the person's last search found (`None` before any search).
pub fn whose_help(searched: Option<&WhoseArea>, datasets_own: Option<&str>) -> WhoseHelp {
    match (searched, datasets_own) {
        (Some(WhoseArea::Council(code)), _) => {
            WhoseHelp::Council(code.clone(), WhyThisCouncil::Searched)
        }
        (Some(WhoseArea::Split(codes)), _) => WhoseHelp::Unsure(codes.clone()),
        (Some(WhoseArea::Unknown), _) => WhoseHelp::Unsure(vec![]),
        (None, Some(own)) => WhoseHelp::Council(own.to_string(), WhyThisCouncil::DatasetsOwn),
        (None, None) => WhoseHelp::NotKnown,
    }
}

impl WhoseHelp {
    /// The council to take a pack and a name from, when there is one.
    pub fn council(&self) -> Option<(&str, WhyThisCouncil)> {
        match self {
            WhoseHelp::Council(code, why) => Some((code.as_str(), *why)),
            _ => None,
        }
    }
}

/// Everything the outcome's "Who to contact" section shows.
#[derive(Debug, PartialEq)]
pub struct LocalHelp<'a> {
    /// The council, when one is known, and why it is this one.
    pub council: Option<(&'a Council, WhyThisCouncil)>,
    /// The council's own contacts for the roles asked for, in the order asked.
    pub contacts: Vec<&'a PackContact>,
    /// Roles its pack has no contact for (all of them when it has no pack).
    pub uncovered: Vec<ContactRole>,
    /// National help for the uncovered roles, each listed once.
    pub national: Vec<&'a NationalHelp>,
    /// The pack's notes for this outcome.
    pub notes: Vec<&'a Fact>,
}

impl CouncilsFile {
    /// The help for `outcome` ("carer/assessment") asking for `roles`, for the council `chosen`
    /// (by code; a code the file does not know counts as none).
    pub fn local_help(
        &self,
        chosen: Option<(&str, WhyThisCouncil)>,
        roles: &[ContactRole],
        outcome: &str,
    ) -> LocalHelp<'_> {
        let council = chosen.and_then(|(code, why)| Some((self.council(code)?, why)));
        let pack: Option<&AreaPack> = council.and_then(|(c, _)| self.pack(&c.code));
        let mut contacts = Vec::new();
        let mut uncovered = Vec::new();
        for &role in roles {
            let found: Vec<&PackContact> = pack
                .map(|p| p.contacts.iter().filter(|c| c.role == role).collect())
                .unwrap_or_default();
            if found.is_empty() {
                uncovered.push(role);
            }
            contacts.extend(
                found
                    .into_iter()
                    .filter(|c| !contacts.contains(c))
                    .collect::<Vec<_>>(),
            );
        }
        let mut national: Vec<&NationalHelp> = Vec::new();
        for help in &self.national {
            if help.roles.iter().any(|r| uncovered.contains(r)) && !national.contains(&help) {
                national.push(help);
            }
        }
        let notes = pack
            .map(|p| {
                p.notes
                    .iter()
                    .filter(|n| n.outcome == outcome)
                    .map(|n: &LocalNote| &n.fact)
                    .collect()
            })
            .unwrap_or_default();
        LocalHelp {
            council,
            contacts,
            uncovered,
            national,
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_becomes_the_councils_name_or_your_council() {
        let text = "{council} must offer you an assessment. Ask {council} for one.";
        assert_eq!(
            fill(text, Some("Oldham Council")),
            "Oldham Council must offer you an assessment. Ask Oldham Council for one."
        );
        assert_eq!(
            fill(text, None),
            "Your council must offer you an assessment. Ask your council for one."
        );
        assert_eq!(fill("No placeholder.", None), "No placeholder.");
    }

    #[test]
    fn a_search_decides_whose_help_and_an_unsure_search_never_falls_back_to_the_datasets_council() {
        let oldham = Some("E08000004");
        assert_eq!(
            whose_help(None, oldham),
            WhoseHelp::Council("E08000004".into(), WhyThisCouncil::DatasetsOwn)
        );
        let rochdale = WhoseArea::Council("E08000005".into());
        assert_eq!(
            whose_help(Some(&rochdale), oldham),
            WhoseHelp::Council("E08000005".into(), WhyThisCouncil::Searched)
        );
        let split = WhoseArea::Split(vec!["E08000005".into(), "E08000004".into()]);
        assert_eq!(
            whose_help(Some(&split), oldham),
            WhoseHelp::Unsure(vec!["E08000005".into(), "E08000004".into()])
        );
        assert_eq!(
            whose_help(Some(&WhoseArea::Unknown), oldham).council(),
            None
        );
        assert_eq!(whose_help(None, None), WhoseHelp::NotKnown);
    }

    #[test]
    fn braces_other_than_the_placeholder_are_refused() {
        assert!(check_placeholders("Ask {council}.").is_ok());
        assert!(check_placeholders("Ask {councl}.").is_err());
        assert!(check_placeholders("Ask {council.").is_err());
    }

    fn contact(role: ContactRole, name: &str) -> PackContact {
        PackContact {
            role,
            name: name.into(),
            phone: Some("0161 770 7777".into()),
            web: None,
            hours: None,
            source: "s".into(),
            reviewed: "2026-12-02".into(),
        }
    }

    fn help(roles: Vec<ContactRole>, name: &str) -> NationalHelp {
        NationalHelp {
            roles,
            name: name.into(),
            phone: None,
            web: Some("https://example.org".into()),
            hours: None,
            offers: "o".into(),
            source: "s".into(),
            reviewed: "2026-12-02".into(),
        }
    }

    fn file() -> CouncilsFile {
        let council = |code: &str, name: &str| Council {
            code: code.into(),
            name: name.into(),
            homepage: Some("https://example.org/".into()),
            centre: None,
        };
        CouncilsFile {
            councils: vec![
                council("E08000004", "Oldham"),
                council("E10000029", "Suffolk"),
            ],
            districts: vec![],
            packs: vec![AreaPack {
                code: "E08000004".into(),
                name: "Oldham".into(),
                place: "Oldham".into(),
                reviewed: "2026-12-02".into(),
                contacts: vec![
                    contact(ContactRole::Safeguarding, "MASH"),
                    contact(ContactRole::OutOfHours, "EDT"),
                ],
                notes: vec![LocalNote {
                    outcome: "worried/report".into(),
                    fact: Fact {
                        text: "t".into(),
                        source: "s".into(),
                        reviewed: "2026-12-02".into(),
                    },
                }],
            }],
            national: vec![
                help(vec![ContactRole::Carers], "Carers UK"),
                help(
                    vec![ContactRole::Carers, ContactRole::MoneyAdvice],
                    "Age UK",
                ),
                help(vec![ContactRole::Safeguarding], "Hourglass"),
            ],
            council_list_source: "GOV.UK".into(),
        }
    }

    #[test]
    fn a_pack_answers_the_roles_it_has_and_national_help_fills_the_rest() {
        let f = file();
        let roles = [ContactRole::Safeguarding, ContactRole::Carers];
        let h = f.local_help(
            Some(("E08000004", WhyThisCouncil::Searched)),
            &roles,
            "worried/report",
        );
        assert_eq!(h.council.map(|(c, _)| c.name.as_str()), Some("Oldham"));
        assert_eq!(
            h.contacts
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["MASH"]
        );
        assert_eq!(h.uncovered, [ContactRole::Carers]);
        // Hourglass is for safeguarding, which the pack covers; Age UK is listed once.
        assert_eq!(
            h.national
                .iter()
                .map(|n| n.name.as_str())
                .collect::<Vec<_>>(),
            ["Carers UK", "Age UK"]
        );
        assert_eq!(h.notes.len(), 1);
        assert!(f
            .local_help(
                Some(("E08000004", WhyThisCouncil::Searched)),
                &roles,
                "carer/money"
            )
            .notes
            .is_empty());
    }

    #[test]
    fn a_council_without_a_pack_gets_national_help_for_every_role_and_no_other_councils_details() {
        let f = file();
        let h = f.local_help(
            Some(("E10000029", WhyThisCouncil::Searched)),
            &[ContactRole::Safeguarding],
            "worried/report",
        );
        assert_eq!(h.council.map(|(c, _)| c.name.as_str()), Some("Suffolk"));
        assert!(h.contacts.is_empty() && h.notes.is_empty());
        assert_eq!(
            h.national
                .iter()
                .map(|n| n.name.as_str())
                .collect::<Vec<_>>(),
            ["Hourglass"]
        );
        // An unknown code is no council at all, never a neighbour's.
        let none = f.local_help(
            Some(("E99999999", WhyThisCouncil::Searched)),
            &[ContactRole::Safeguarding],
            "worried/report",
        );
        assert_eq!((none.council, none.contacts.len()), (None, 0));
    }
}
