//! Every authored pathway in content/pathways/, followed by its links alone, through every
//! combination of answers. What each link should be is worked out here from the authored
//! `next` of each answer, not by asking the journey again.

use std::path::Path;

use super::journey::{Journey, PathwayAddress, PathwayPage};
use super::{Answer, Pathway, Question, Step};

type Taken<'a> = Vec<(&'a Question, &'a Answer)>;

fn authored() -> Vec<Pathway> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/pathways");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no pathways in {}", dir.display());
    files
        .iter()
        .map(|file| {
            let p: Pathway = toml::from_str(&std::fs::read_to_string(file).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            assert_eq!(p.problems(), Vec::<String>::new(), "{}", file.display());
            p
        })
        .collect()
}

/// The address of `step` carrying the answers taken, spelt out by hand.
fn expected_href(p: &Pathway, step: &str, taken: &[(&Question, &Answer)]) -> String {
    let answers: Vec<String> = taken
        .iter()
        .map(|(q, a)| format!("{}.{}", q.id, a.value))
        .collect();
    match answers.is_empty() {
        true => format!("/pathways/{}/{step}", p.id),
        false => format!("/pathways/{}/{step}#answers={}", p.id, answers.join(",")),
    }
}

/// Opens a link as the app would: reads its address and finds the page.
fn open<'a>(list: &'a [Pathway], href: &str) -> (PathwayAddress, &'a Pathway, PathwayPage<'a>) {
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    assert!(
        !href.contains('?'),
        "{href}: answers belong in the fragment"
    );
    let address = PathwayAddress::parse(path, fragment);
    let (p, page) = address
        .locate(list)
        .unwrap_or_else(|| panic!("{href}: no such pathway"));
    (address, p, page)
}

/// Follows Back from `href` until the start page: it must pass each question taken, last first.
fn back_leads_home(list: &[Pathway], p: &Pathway, href: &str, taken: &[(&Question, &Answer)]) {
    let mut expected: Vec<String> = taken
        .iter()
        .rev()
        .map(|(q, _)| expected_href(p, &q.id, taken))
        .collect();
    expected.push(format!("/pathways/{}", p.id));
    let mut walked = Vec::new();
    let mut at = href.to_string();
    while walked.len() <= expected.len() {
        let (address, _, page) = open(list, &at);
        let journey = Journey::new(p, &address.answers);
        at = match page {
            PathwayPage::Start => break,
            PathwayPage::Check => journey.check_answers().back_href,
            PathwayPage::Question(q) => journey.back_href(&q.id),
            other => panic!("{at}: Back led to {other:?}"),
        };
        walked.push(at.clone());
    }
    assert_eq!(walked, expected, "Back from {href}");
}

/// From a question page reached by `taken`, tries every answer; returns the outcomes reached.
fn walk<'a>(list: &'a [Pathway], href: &str, taken: Taken<'a>) -> Vec<&'a str> {
    let (address, p, page) = open(list, href);
    let PathwayPage::Question(q) = page else {
        panic!("{href}: expected a question")
    };
    let given: Vec<(String, String)> = taken
        .iter()
        .map(|(q, a)| (q.id.clone(), a.value.clone()))
        .collect();
    assert_eq!(address.answers, given, "{href}");
    assert!(
        taken.len() <= p.questions.len(),
        "{href}: more answers than questions"
    );
    back_leads_home(list, p, href, &taken);
    let mut outcomes = Vec::new();
    for a in &q.answers {
        let mut next_taken = taken.clone();
        next_taken.push((q, a));
        let next = Journey::new(p, &address.answers).continue_href(&q.id, &a.value, false);
        match p.step(&a.next) {
            Some(Step::Question(_)) => {
                assert_eq!(
                    next,
                    expected_href(p, &a.next, &next_taken),
                    "Continue from {href}"
                );
                outcomes.extend(walk(list, &next, next_taken));
            }
            Some(Step::Outcome(_)) => {
                assert_eq!(
                    next,
                    expected_href(p, "check", &next_taken),
                    "Continue from {href}"
                );
                check_then_outcome(list, &next, &next_taken, &a.next);
                outcomes.push(a.next.as_str());
            }
            None => panic!("{href}: answer {:?} leads nowhere", a.value),
        }
    }
    outcomes
}

/// "Check your answers" at the end of a route: its rows, Continue to `outcome`, Back, and every
/// Change link with every other answer, which must come back to a finished check.
fn check_then_outcome(list: &[Pathway], href: &str, taken: &[(&Question, &Answer)], outcome: &str) {
    let (address, p, page) = open(list, href);
    assert_eq!(page, PathwayPage::Check, "{href}");
    let journey = Journey::new(p, &address.answers);
    let check = journey.check_answers();
    assert!(check.finished, "{href}");
    let rows: Vec<(String, String, String)> = check
        .rows
        .into_iter()
        .map(|r| (r.question, r.answer, r.change_href))
        .collect();
    let expected: Vec<(String, String, String)> = taken
        .iter()
        .map(|(q, a)| {
            (
                q.text.clone(),
                a.label.clone(),
                format!("{}&from=check", expected_href(p, &q.id, taken)),
            )
        })
        .collect();
    assert_eq!(rows, expected, "{href}");
    assert_eq!(
        check.continue_href,
        expected_href(p, outcome, taken),
        "{href}"
    );
    let (_, _, page) = open(list, &check.continue_href);
    assert!(
        matches!(page, PathwayPage::Outcome(o) if o.id == outcome),
        "{href}: Continue led to {page:?}"
    );
    let route_taken: Vec<(String, String)> = expected.into_iter().map(|(q, a, _)| (q, a)).collect();
    assert_eq!(journey.route_taken(), route_taken, "{href}");
    back_leads_home(list, p, href, taken);
    for (_, _, change) in rows {
        change_comes_back(list, &change, taken);
    }
}

/// From a Change link, each answer and then the first answer of any question it opens must
/// lead back to a finished "check your answers"; keeping the same answer goes straight back.
fn change_comes_back(list: &[Pathway], change: &str, taken: &[(&Question, &Answer)]) {
    let (address, p, page) = open(list, change);
    let PathwayPage::Question(q) = page else {
        panic!("{change}: expected a question")
    };
    assert!(address.from_check, "{change}");
    let kept = Journey::new(p, &address.answers)
        .chosen(&q.id)
        .unwrap_or_else(|| panic!("{change}: no answer shown chosen"));
    for a in &q.answers {
        let mut at = Journey::new(p, &address.answers).continue_href(&q.id, &a.value, true);
        if a.value == kept {
            assert_eq!(
                at,
                expected_href(p, "check", taken),
                "keeping the answer from {change}"
            );
        }
        for _ in 0..=p.questions.len() {
            let (address, _, page) = open(list, &at);
            let journey = Journey::new(p, &address.answers);
            match page {
                PathwayPage::Check => break,
                PathwayPage::Question(next) => {
                    at = journey.continue_href(&next.id, &next.answers[0].value, address.from_check)
                }
                other => panic!("{at}: Continue after a change led to {other:?}"),
            }
        }
        let (address, _, page) = open(list, &at);
        assert_eq!(
            page,
            PathwayPage::Check,
            "after changing {change} to {:?}",
            a.value
        );
        assert!(
            Journey::new(p, &address.answers).check_answers().finished,
            "{at}"
        );
    }
}

#[test]
fn every_authored_route_reaches_an_outcome_and_back_leads_to_the_start() {
    let list = authored();
    for p in &list {
        let (_, _, page) = open(&list, &p.start_page_href());
        assert_eq!(page, PathwayPage::Start);
        let first = p.first_question_href();
        assert_eq!(first, format!("/pathways/{}/{}", p.id, p.start));
        let mut reached = walk(&list, &first, Vec::new());
        reached.sort();
        reached.dedup();
        let mut all: Vec<&str> = p.outcomes.iter().map(|o| o.id.as_str()).collect();
        all.sort();
        assert_eq!(reached, all, "{}: outcomes reached", p.id);
    }
}

#[test]
fn the_pathways_about_abuse_and_caring_offer_exit_this_page_and_no_other_does() {
    let list = authored();
    let offering: Vec<&str> = list
        .iter()
        .filter(|p| p.offers_exit_this_page())
        .map(|p| p.title.as_str())
        .collect();
    // By title, as a reader finds them: a renamed id must not silently drop the exit.
    assert_eq!(
        offering,
        [
            "I look after someone",
            "Worried about someone's care or safety"
        ]
    );
}
