//! The checks an area pack and the national help pass before they are published, each problem
//! naming the contact or note, like the pathway checks.

use crate::council::{AreaPack, NationalHelp};
use crate::date::Date;
use crate::links::web_address;
use crate::local_help::check_placeholders;
use crate::pathway::Pathway;

/// A UK phone number as people write it: 0 and 10 more digits, with spaces allowed ("0161 770 7777").
fn is_uk_phone(number: &str) -> bool {
    let digits: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 11 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Problems with one contact's fields, shared by packs and national help.
fn contact_problems(
    what: &str,
    phone: Option<&str>,
    web: Option<&str>,
    source: &str,
    reviewed: &str,
    out: &mut Vec<String>,
) {
    if phone.is_none() && web.is_none() {
        out.push(format!("{what}: has neither a phone number nor a website"));
    }
    if let Some(p) = phone.filter(|p| !is_uk_phone(p)) {
        out.push(format!(
            "{what}: phone {p:?} is not a UK number like 0161 770 7777"
        ));
    }
    if let Some(w) = web.filter(|w| web_address(w).is_none()) {
        out.push(format!("{what}: website {w:?} is not an http(s) address"));
    }
    if source.trim().is_empty() {
        out.push(format!("{what}: has no source"));
    }
    if Date::parse(reviewed).is_none() {
        out.push(format!(
            "{what}: reviewed {reviewed:?} is not a date like 2026-11-23"
        ));
    }
}

/// An ONS code of an English council ("E" and 8 digits), or the example data's made-up "X" code.
pub fn is_council_code(code: &str) -> bool {
    code.len() == 9
        && (code.starts_with('E') || code.starts_with('X'))
        && code[1..].bytes().all(|b| b.is_ascii_digit())
}

impl AreaPack {
    /// Every problem with the pack; `pathways` are the published ones its notes attach to.
    pub fn problems(&self, pathways: &[Pathway]) -> Vec<String> {
        let mut out = Vec::new();
        if !is_council_code(&self.code) {
            out.push(format!(
                "code {:?} is not an ONS council code like E08000004",
                self.code
            ));
        }
        if self.name.trim().is_empty() || self.place.trim().is_empty() {
            out.push("name and place must both be given".into());
        }
        if Date::parse(&self.reviewed).is_none() {
            out.push(format!(
                "reviewed {:?} is not a date like 2026-11-23",
                self.reviewed
            ));
        }
        for c in &self.contacts {
            contact_problems(
                &format!("contact {:?}", c.name),
                c.phone.as_deref(),
                c.web.as_deref(),
                &c.source,
                &c.reviewed,
                &mut out,
            );
        }
        for (i, n) in self.notes.iter().enumerate() {
            let what = format!("note {} ({})", i + 1, n.outcome);
            let exists = n.outcome.split_once('/').is_some_and(|(p, o)| {
                pathways
                    .iter()
                    .any(|route| route.id == p && route.outcomes.iter().any(|x| x.id == o))
            });
            if !exists {
                out.push(format!(
                    "{what}: no pathway outcome has this address (write it as pathway/outcome)"
                ));
            }
            if n.fact.source.trim().is_empty() {
                out.push(format!("{what}: has no source"));
            }
            if Date::parse(&n.fact.reviewed).is_none() {
                out.push(format!(
                    "{what}: reviewed {:?} is not a date like 2026-11-23",
                    n.fact.reviewed
                ));
            }
            if let Err(why) = check_placeholders(&n.fact.text) {
                out.push(format!("{what}: {why}"));
            }
        }
        out
    }
}

impl NationalHelp {
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let what = format!("national help {:?}", self.name);
        if self.roles.is_empty() {
            out.push(format!("{what}: names no role it helps with"));
        }
        if self.offers.trim().is_empty() {
            out.push(format!("{what}: does not say what it offers"));
        }
        contact_problems(
            &what,
            self.phone.as_deref(),
            self.web.as_deref(),
            &self.source,
            &self.reviewed,
            &mut out,
        );
        out
    }
}

/// Pathway words are shown for every council, so they must not name one: the first place or
/// council name from `packs` found in a pathway's text, as "outcome "x": names Norfolk".
pub fn pathway_naming_a_council(pathway: &Pathway, packs: &[AreaPack]) -> Option<String> {
    let mut texts: Vec<(String, &str)> = vec![
        ("title".into(), pathway.title.as_str()),
        ("summary".into(), pathway.summary.as_str()),
    ];
    for q in &pathway.questions {
        texts.push((format!("question {:?}", q.id), &q.text));
        texts.extend(
            q.hint
                .iter()
                .map(|h| (format!("question {:?}", q.id), h.as_str())),
        );
        texts.extend(
            q.answers
                .iter()
                .map(|a| (format!("question {:?}", q.id), a.label.as_str())),
        );
    }
    for o in &pathway.outcomes {
        let at = format!("outcome {:?}", o.id);
        texts.push((at.clone(), &o.title));
        texts.extend(o.summary.iter().map(|s| (at.clone(), s.as_str())));
        for f in &o.steps {
            texts.push((at.clone(), &f.text));
            texts.push((at.clone(), &f.source));
        }
    }
    for (at, text) in texts {
        for pack in packs {
            for name in [&pack.place, &pack.name] {
                if !name.is_empty() && text.contains(name.as_str()) {
                    return Some(format!("{at}: names {name}; local facts belong in that council's area pack (content/areas/)"));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::council::{ContactRole, LocalNote, PackContact};
    use crate::pathway::{Fact, Outcome};

    fn pathway() -> Pathway {
        Pathway {
            id: "carer".into(),
            title: "I look after someone".into(),
            summary: "s".into(),
            reviewed: "2026-11-23".into(),
            start: "assessment".into(),
            questions: vec![],
            outcomes: vec![Outcome {
                id: "assessment".into(),
                title: "Ask for a carer's assessment".into(),
                local: vec![ContactRole::Carers],
                summary: vec![],
                steps: vec![Fact {
                    text: "Ask {council}.".into(),
                    source: "Care Act 2014".into(),
                    reviewed: "2026-11-23".into(),
                }],
                searches: vec![],
                links: vec![],
            }],
        }
    }

    fn pack() -> AreaPack {
        AreaPack {
            code: "E08000004".into(),
            name: "Oldham Metropolitan Borough Council".into(),
            place: "Oldham".into(),
            reviewed: "2026-12-02".into(),
            contacts: vec![PackContact {
                role: ContactRole::Safeguarding,
                name: "MASH".into(),
                phone: Some("0161 770 7777".into()),
                web: None,
                hours: None,
                source: "Oldham Council, Adult safeguarding".into(),
                reviewed: "2026-12-02".into(),
            }],
            notes: vec![LocalNote {
                outcome: "carer/assessment".into(),
                fact: Fact {
                    text: "t".into(),
                    source: "s".into(),
                    reviewed: "2026-12-02".into(),
                },
            }],
        }
    }

    #[test]
    fn a_sound_pack_passes() {
        assert_eq!(pack().problems(&[pathway()]), Vec::<String>::new());
    }

    #[test]
    fn bad_numbers_addresses_dates_and_note_addresses_are_named() {
        let mut p = pack();
        p.code = "Oldham".into();
        p.contacts[0].phone = Some("0161 770 777".into());
        p.contacts[0].web = Some("javascript:alert(1)".into());
        p.notes[0].outcome = "carer/nowhere".into();
        p.notes[0].fact.reviewed = "2026-02-30".into();
        assert_eq!(
            p.problems(&[pathway()]),
            [
                r#"code "Oldham" is not an ONS council code like E08000004"#,
                r#"contact "MASH": phone "0161 770 777" is not a UK number like 0161 770 7777"#,
                r#"contact "MASH": website "javascript:alert(1)" is not an http(s) address"#,
                "note 1 (carer/nowhere): no pathway outcome has this address (write it as pathway/outcome)",
                r#"note 1 (carer/nowhere): reviewed "2026-02-30" is not a date like 2026-11-23"#,
            ]
        );
    }

    #[test]
    fn a_pathway_that_names_a_council_is_refused() {
        let mut route = pathway();
        assert_eq!(pathway_naming_a_council(&route, &[pack()]), None);
        route.outcomes[0].steps[0].source = "Oldham Council, Carers".into();
        assert_eq!(
            pathway_naming_a_council(&route, &[pack()]).as_deref(),
            Some(
                r#"outcome "assessment": names Oldham; local facts belong in that council's area pack (content/areas/)"#
            )
        );
    }
}
