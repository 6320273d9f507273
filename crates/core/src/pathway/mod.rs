//! Information-and-advice pathways: short question routes that end in outcomes with next steps,
//! local help and ready-made searches. Authored as TOML in content/pathways/, checked here (so a
//! broken route fails the build with a located message), and published in the dataset.
//!
//! This module holds the schema, step lookup and the answers carried in the address; `checks`
//! holds `Pathway::problems`, and `journey` the way through the pages (addresses, Back,
//! Continue, "check your answers").

#[cfg(test)]
mod authored;
mod checks;
pub mod exit_shortcut;
pub mod journey;

use serde::{Deserialize, Serialize};

/// A fact shown to people, with where it comes from and when someone last checked it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub text: String,
    pub source: String,
    /// YYYY-MM-DD.
    pub reviewed: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub label: String,
    /// Short and stable: used in addresses (`#answers=step.value`).
    pub value: String,
    /// The id of the next question or of an outcome.
    pub next: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// The question itself: the page's h1.
    pub text: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub answers: Vec<Answer>,
}

/// A search the outcome can open with filters preset; the person adds a postcode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresetSearch {
    pub label: String,
    /// Query string without the postcode, e.g. "type=care_home&need=dementia&distance=5".
    pub query: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub title: String,
    /// Plain-English explanation, each item a paragraph.
    #[serde(default)]
    pub summary: Vec<String>,
    /// What to do next: at least one (checked by `problems`, so the message names the outcome).
    #[serde(default)]
    pub steps: Vec<Fact>,
    /// The local help this outcome points to: the person's council's contacts for these roles
    /// (from its area pack), or else the council's home page and national help.
    #[serde(default)]
    pub local: Vec<crate::council::ContactRole>,
    #[serde(default)]
    pub searches: Vec<PresetSearch>,
    /// Internal links worth following (e.g. "/costs").
    #[serde(default)]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// When someone last read the whole route against its sources.
    pub reviewed: String,
    /// The first question.
    pub start: String,
    pub questions: Vec<Question>,
    pub outcomes: Vec<Outcome>,
}

/// The address of the "check your answers" page within a pathway.
pub const CHECK_STEP: &str = "check";

/// A step of a pathway: a question or an outcome.
pub enum Step<'a> {
    Question(&'a Question),
    Outcome(&'a Outcome),
}

impl Pathway {
    pub fn step(&self, id: &str) -> Option<Step<'_>> {
        self.questions
            .iter()
            .find(|q| q.id == id)
            .map(Step::Question)
            .or_else(|| self.outcomes.iter().find(|o| o.id == id).map(Step::Outcome))
    }

    /// The question with this id, if the step is a question.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Question {
    /// The answer with this value (as carried in the address).
    pub fn find_answer(&self, value: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.value == value)
    }
}

fn plain_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Answers given so far, as carried in the address: `step.value,step.value`.
pub fn parse_answers(text: &str) -> Vec<(String, String)> {
    text.split(',')
        .filter_map(|pair| pair.split_once('.'))
        .filter(|(s, v)| plain_id(s) && plain_id(v))
        .map(|(s, v)| (s.to_string(), v.to_string()))
        .collect()
}

/// The address of a pathway step with the answers so far.
pub fn step_href(pathway: &str, step: &str, answers: &[(String, String)]) -> String {
    if answers.is_empty() {
        format!("/pathways/{pathway}/{step}")
    } else {
        format!(
            "/pathways/{pathway}/{step}#answers={}",
            format_answers(answers)
        )
    }
}

impl Pathway {
    /// Follows the answers from the start; returns the step they lead to (a question still to
    /// answer, or an outcome) and the answers that were on the route.
    pub fn follow(&self, answers: &[(String, String)]) -> (String, Vec<(String, String)>) {
        let mut at = self.start.clone();
        let mut used = Vec::new();
        loop {
            let Some(q) = self.question(&at) else {
                return (at, used);
            };
            let Some((_, value)) = answers.iter().find(|(s, _)| *s == q.id) else {
                return (at, used);
            };
            let Some(a) = q.find_answer(value) else {
                return (at, used);
            };
            // A published dataset is checked to have no loops, but a broken one must not hang the page.
            if used.iter().any(|(s, _)| *s == q.id) {
                return (at, used);
            }
            used.push((q.id.clone(), value.clone()));
            at = a.next.clone();
        }
    }
}

pub fn format_answers(answers: &[(String, String)]) -> String {
    answers
        .iter()
        .map(|(s, v)| format!("{s}.{v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Records an answer, replacing any earlier answer to the same step. Later answers are kept:
/// `Pathway::follow` uses those still on the route and ignores the rest.
pub fn answer(answers: &[(String, String)], step: &str, value: &str) -> Vec<(String, String)> {
    let mut out = answers.to_vec();
    match out.iter_mut().find(|(s, _)| s == step) {
        Some(existing) => existing.1 = value.to_string(),
        None => out.push((step.to_string(), value.to_string())),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact() -> Fact {
        Fact {
            text: "Call us".into(),
            source: "A source".into(),
            reviewed: "2026-11-23".into(),
        }
    }

    fn pathway() -> Pathway {
        let a = |label: &str, value: &str, next: &str| Answer {
            label: label.into(),
            value: value.into(),
            next: next.into(),
        };
        Pathway {
            id: "carer".into(),
            title: "I look after someone".into(),
            summary: "s".into(),
            reviewed: "2026-11-23".into(),
            start: "q1".into(),
            questions: vec![
                Question {
                    id: "q1".into(),
                    text: "Q1?".into(),
                    hint: None,
                    answers: vec![a("Yes", "yes", "q2"), a("No", "no", "done")],
                },
                Question {
                    id: "q2".into(),
                    text: "Q2?".into(),
                    hint: None,
                    answers: vec![a("Yes", "yes", "done")],
                },
            ],
            outcomes: vec![Outcome {
                id: "done".into(),
                title: "Done".into(),
                summary: vec![],
                steps: vec![fact()],
                local: vec![],
                searches: vec![],
                links: vec![],
            }],
        }
    }

    #[test]
    fn a_sound_pathway_has_no_problems() {
        assert_eq!(pathway().problems(), Vec::<String>::new());
    }

    #[test]
    fn dangling_links_dead_ends_and_missing_sources_are_named() {
        let mut p = pathway();
        p.questions[1].answers[0].next = "nowhere".into();
        p.outcomes[0].steps[0].source = String::new();
        p.questions.push(Question {
            id: "q3".into(),
            text: "Q3?".into(),
            hint: None,
            answers: vec![],
        });
        let problems = p.problems();
        assert!(
            problems.contains(
                &r#"question "q2": answer "Yes" leads to "nowhere", which is not a step"#
                    .to_string()
            ),
            "{problems:?}"
        );
        assert!(
            problems.contains(&r#"outcome "done": next step 1 has no source"#.to_string()),
            "{problems:?}"
        );
        assert!(
            problems.contains(&r#"question "q3": has no answers, so it is a dead end"#.to_string()),
            "{problems:?}"
        );
    }

    #[test]
    fn a_review_date_must_be_a_day_that_exists() {
        let mut p = pathway();
        p.reviewed = "2026-02-30".into();
        assert_eq!(
            p.problems(),
            [r#"reviewed: "2026-02-30" is not a date like 2026-11-23"#]
        );
    }

    #[test]
    fn loops_unreachable_steps_and_outcomes_without_steps_are_named() {
        let mut p = pathway();
        p.questions[1].answers.push(Answer {
            label: "Again".into(),
            value: "again".into(),
            next: "q1".into(),
        });
        assert_eq!(
            p.problems(),
            [r#"question "q2": leads back to "q1", making a loop"#]
        );
        let mut p = pathway();
        p.outcomes.push(Outcome {
            id: "orphan".into(),
            steps: vec![fact()],
            ..p.outcomes[0].clone()
        });
        assert_eq!(
            p.problems(),
            [r#"step "orphan": no route from the start reaches it"#]
        );
        let mut p = pathway();
        p.outcomes[0].steps.clear();
        assert_eq!(p.problems(), [r#"outcome "done": has no next steps"#]);
    }

    #[test]
    fn a_loop_in_an_unchecked_pathway_ends_the_walk_instead_of_hanging() {
        let mut p = pathway();
        p.questions[1].answers[0].next = "q1".into();
        let a = |s: &str, v: &str| (s.to_string(), v.to_string());
        assert_eq!(
            p.follow(&[a("q1", "yes"), a("q2", "yes")]),
            ("q1".to_string(), vec![a("q1", "yes"), a("q2", "yes")])
        );
    }

    #[test]
    fn only_the_council_placeholder_may_appear_in_braces() {
        for (text, ok) in [
            ("Ask {council} for an assessment.", true),
            ("Ask {Norfolk} for an assessment.", false),
            ("Ask {council for an assessment.", false),
            ("Ask council} for an assessment.", false),
        ] {
            let mut p = pathway();
            p.outcomes[0].steps[0].text = text.into();
            assert_eq!(p.problems().is_empty(), ok, "{text}: {:?}", p.problems());
        }
    }

    #[test]
    fn outcome_links_must_stay_on_this_site() {
        for (href, ok) in [
            ("/costs", true),
            ("//evil.example/costs", false),
            ("https://example.org", false),
        ] {
            let mut p = pathway();
            p.outcomes[0].links.push(Link {
                label: "More".into(),
                href: href.into(),
            });
            assert_eq!(p.problems().is_empty(), ok, "{href}");
        }
    }

    #[test]
    fn answers_are_followed_from_the_start_ignoring_any_off_the_route() {
        let p = pathway();
        let a = |s: &str, v: &str| (s.to_string(), v.to_string());
        assert_eq!(p.follow(&[]), ("q1".to_string(), vec![]));
        assert_eq!(
            p.follow(&[a("q1", "yes")]),
            ("q2".to_string(), vec![a("q1", "yes")])
        );
        assert_eq!(p.follow(&[a("q1", "yes"), a("q2", "yes")]).0, "done");
        assert_eq!(
            p.follow(&[a("q1", "no"), a("q2", "yes")]),
            ("done".to_string(), vec![a("q1", "no")])
        );
        assert_eq!(p.follow(&[a("q1", "maybe")]).0, "q1");
        assert_eq!(
            step_href("carer", "q2", &[a("q1", "yes")]),
            "/pathways/carer/q2#answers=q1.yes"
        );
    }

    #[test]
    fn answers_travel_in_the_address_and_changing_one_keeps_the_others() {
        let a = parse_answers("q1.yes,q2.yes,bad,Q3.no");
        assert_eq!(
            a,
            [
                ("q1".to_string(), "yes".to_string()),
                ("q2".to_string(), "yes".to_string())
            ]
        );
        assert_eq!(format_answers(&a), "q1.yes,q2.yes");
        assert_eq!(format_answers(&answer(&a, "q1", "no")), "q1.no,q2.yes");
        assert_eq!(
            format_answers(&answer(&a, "q3", "yes")),
            "q1.yes,q2.yes,q3.yes"
        );
    }
}
