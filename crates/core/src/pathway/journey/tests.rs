//! Journey tests on a small pathway with a branch, against hand-worked addresses.

use super::*;

/// q1: yes leads to q2, no straight to "done"; q2: often to "done", not yet to "help".
fn pathway() -> Pathway {
    toml::from_str(
        r#"
        id = "carer"
        title = "I look after someone"
        summary = "s"
        reviewed = "2026-11-23"
        start = "q1"

        [[questions]]
        id = "q1"
        text = "Do you look after someone?"
        answers = [{ label = "Yes", value = "yes", next = "q2" }, { label = "No", value = "no", next = "done" }]

        [[questions]]
        id = "q2"
        text = "Have you had a break?"
        answers = [{ label = "Often", value = "often", next = "done" }, { label = "Not yet", value = "not_yet", next = "help" }]

        [[outcomes]]
        id = "done"
        title = "Done"
        steps = [{ text = "Call us", source = "A source", reviewed = "2026-11-23" }]

        [[outcomes]]
        id = "help"
        title = "Get a break"
        steps = [{ text = "Call us", source = "A source", reviewed = "2026-11-23" }]
        "#,
    )
    .unwrap()
}

fn answers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(s, v)| (s.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_test_pathway_is_sound() {
    assert_eq!(pathway().problems(), Vec::<String>::new());
}

#[test]
fn an_address_gives_the_pathway_step_answers_and_whether_it_came_from_check() {
    let a = PathwayAddress::parse("/pathways/carer/q2", "#answers=q1.yes&from=check");
    assert_eq!(
        a,
        PathwayAddress {
            pathway: "carer".into(),
            step: Some("q2".into()),
            answers: answers(&[("q1", "yes")]),
            from_check: true
        }
    );
    assert_eq!(
        PathwayAddress::parse("/pathways/carer", ""),
        PathwayAddress {
            pathway: "carer".into(),
            ..PathwayAddress::default()
        }
    );
    assert_eq!(PathwayAddress::parse("/pathways/carer/", "").step, None);
    // Encoded commas are read; junk pairs are left out; only "from=check" counts.
    let a = PathwayAddress::parse(
        "/pathways/carer/check",
        "answers=q1.yes%2Cq2.often,bad,Q3.no&from=checked",
    );
    assert_eq!(
        (a.step.as_deref(), a.answers, a.from_check),
        (
            Some("check"),
            answers(&[("q1", "yes"), ("q2", "often")]),
            false
        )
    );
    assert_eq!(
        PathwayAddress::parse("/pathways/carer/q1", "xanswers=q1.no&from").answers,
        []
    );
    assert_eq!(
        PathwayAddress::parse("/search", "answers=q1.no").pathway,
        ""
    );
}

#[test]
fn an_address_locates_its_page() {
    let list = [pathway()];
    let page = |path: &str| {
        PathwayAddress::parse(path, "")
            .locate(&list)
            .map(|(p, page)| (p.id.clone(), page))
    };
    let p = &list[0];
    assert_eq!(
        page("/pathways/carer"),
        Some(("carer".into(), PathwayPage::Start))
    );
    assert_eq!(
        page("/pathways/carer/check"),
        Some(("carer".into(), PathwayPage::Check))
    );
    assert_eq!(
        page("/pathways/carer/q2"),
        Some(("carer".into(), PathwayPage::Question(&p.questions[1])))
    );
    assert_eq!(
        page("/pathways/carer/help"),
        Some(("carer".into(), PathwayPage::Outcome(&p.outcomes[1])))
    );
    assert_eq!(
        page("/pathways/carer/nowhere"),
        Some(("carer".into(), PathwayPage::NotFound))
    );
    assert_eq!(page("/pathways/money/q1"), None);
}

#[test]
fn back_goes_to_the_step_before_on_the_route_taken_else_to_the_start_page() {
    let p = pathway();
    let given = answers(&[("q1", "yes"), ("q2", "not_yet")]);
    let j = Journey::new(&p, &given);
    assert_eq!(
        j.back_href("help"),
        "/pathways/carer/q2#answers=q1.yes,q2.not_yet"
    );
    assert_eq!(
        j.back_href("q2"),
        "/pathways/carer/q1#answers=q1.yes,q2.not_yet"
    );
    assert_eq!(j.back_href("q1"), "/pathways/carer");
    // "done" is not on this route, nor q2 when q1 was answered "no".
    assert_eq!(j.back_href("done"), "/pathways/carer");
    let given = answers(&[("q1", "no")]);
    assert_eq!(Journey::new(&p, &given).back_href("q2"), "/pathways/carer");
    // The next question to answer comes after the last one answered.
    let given = answers(&[("q1", "yes")]);
    assert_eq!(
        Journey::new(&p, &given).back_href("q2"),
        "/pathways/carer/q1#answers=q1.yes"
    );
}

#[test]
fn continue_goes_to_the_next_question_or_to_check_your_answers() {
    let p = pathway();
    let none = Journey::new(&p, &[]);
    assert_eq!(
        none.continue_href("q1", "yes", false),
        "/pathways/carer/q2#answers=q1.yes"
    );
    assert_eq!(
        none.continue_href("q1", "no", false),
        "/pathways/carer/check#answers=q1.no"
    );
    let given = answers(&[("q1", "yes")]);
    assert_eq!(
        Journey::new(&p, &given).continue_href("q2", "not_yet", false),
        "/pathways/carer/check#answers=q1.yes,q2.not_yet"
    );
    // Going through again keeps the later answer, which the next question shows chosen.
    let given = answers(&[("q1", "yes"), ("q2", "often")]);
    let j = Journey::new(&p, &given);
    assert_eq!(
        j.continue_href("q1", "yes", false),
        "/pathways/carer/q2#answers=q1.yes,q2.often"
    );
    assert_eq!(j.chosen("q2"), Some("often"));
    assert_eq!(j.chosen("q3"), None);
    // A value the question does not have ends at check, where the route shows what is missing.
    assert_eq!(
        none.continue_href("q1", "maybe", false),
        "/pathways/carer/check#answers=q1.maybe"
    );
}

#[test]
fn a_change_returns_to_check_your_answers_once_the_route_is_complete_again() {
    let p = pathway();
    let given = answers(&[("q1", "yes"), ("q2", "often")]);
    let j = Journey::new(&p, &given);
    assert_eq!(
        j.continue_href("q1", "yes", true),
        "/pathways/carer/check#answers=q1.yes,q2.often"
    );
    // "no" skips q2: complete at once; q2's answer stays in the address but off the route.
    assert_eq!(
        j.continue_href("q1", "no", true),
        "/pathways/carer/check#answers=q1.no,q2.often"
    );
    assert_eq!(
        j.continue_href("q2", "not_yet", true),
        "/pathways/carer/check#answers=q1.yes,q2.not_yet"
    );
    // Changing to an answer that opens an unanswered question goes there first.
    let given = answers(&[("q1", "no")]);
    assert_eq!(
        Journey::new(&p, &given).continue_href("q1", "yes", true),
        "/pathways/carer/q2#answers=q1.yes"
    );
}

#[test]
fn check_your_answers_lists_the_route_taken_with_change_links() {
    let p = pathway();
    let given = answers(&[("q1", "yes"), ("q2", "not_yet")]);
    let row = |question: &str, answer: &str, change: &str| CheckRow {
        question: question.into(),
        answer: answer.into(),
        change_href: change.into(),
    };
    assert_eq!(
        Journey::new(&p, &given).check_answers(),
        CheckAnswers {
            rows: vec![
                row(
                    "Do you look after someone?",
                    "Yes",
                    "/pathways/carer/q1#answers=q1.yes,q2.not_yet&from=check"
                ),
                row(
                    "Have you had a break?",
                    "Not yet",
                    "/pathways/carer/q2#answers=q1.yes,q2.not_yet&from=check"
                ),
            ],
            finished: true,
            continue_href: "/pathways/carer/help#answers=q1.yes,q2.not_yet".into(),
            back_href: "/pathways/carer/q2#answers=q1.yes,q2.not_yet".into(),
        }
    );
    // An answer off the route is neither listed nor lost.
    let given = answers(&[("q1", "no"), ("q2", "often")]);
    let check = Journey::new(&p, &given).check_answers();
    assert_eq!(
        check.rows,
        [row(
            "Do you look after someone?",
            "No",
            "/pathways/carer/q1#answers=q1.no,q2.often&from=check"
        )]
    );
    assert_eq!(
        (check.finished, check.continue_href.as_str()),
        (true, "/pathways/carer/done#answers=q1.no,q2.often")
    );
    assert_eq!(check.back_href, "/pathways/carer/q1#answers=q1.no,q2.often");
}

#[test]
fn check_your_answers_before_the_end_continues_to_the_question_left() {
    let p = pathway();
    let given = answers(&[("q1", "yes")]);
    let check = Journey::new(&p, &given).check_answers();
    assert_eq!((check.rows.len(), check.finished), (1, false));
    assert_eq!(check.continue_href, "/pathways/carer/q2#answers=q1.yes");
    assert_eq!(check.back_href, "/pathways/carer/q1#answers=q1.yes");
    let check = Journey::new(&p, &[]).check_answers();
    assert_eq!(
        check,
        CheckAnswers {
            rows: vec![],
            finished: false,
            continue_href: "/pathways/carer/q1".into(),
            back_href: "/pathways/carer".into()
        }
    );
}

#[test]
fn the_route_taken_is_each_question_with_its_answer_label() {
    let p = pathway();
    let given = answers(&[("q2", "not_yet"), ("q1", "yes")]);
    let j = Journey::new(&p, &given);
    let line = |q: &str, a: &str| (q.to_string(), a.to_string());
    assert_eq!(
        j.route_taken(),
        [
            line("Do you look after someone?", "Yes"),
            line("Have you had a break?", "Not yet")
        ]
    );
    assert_eq!(
        j.check_href(),
        "/pathways/carer/check#answers=q2.not_yet,q1.yes"
    );
    let given = answers(&[("q1", "no"), ("q2", "often")]);
    assert_eq!(
        Journey::new(&p, &given).route_taken(),
        [line("Do you look after someone?", "No")]
    );
    assert_eq!(Journey::new(&p, &[]).route_taken(), []);
}

#[test]
fn pre_rendered_questions_link_each_answer_to_its_step() {
    let p = pathway();
    let link = |label: &str, href: &str| AnswerLink {
        label: label.into(),
        href: href.into(),
    };
    assert_eq!(
        p.static_question(&p.questions[1]),
        StaticQuestion {
            back_href: "/pathways/carer".into(),
            answers: vec![
                link("Often", "/pathways/carer/done"),
                link("Not yet", "/pathways/carer/help")
            ]
        }
    );
    assert_eq!(
        p.static_question(&p.questions[0]).answers[0],
        link("Yes", "/pathways/carer/q2")
    );
    assert_eq!(
        (p.start_page_href(), p.first_question_href()),
        (
            "/pathways/carer".to_string(),
            "/pathways/carer/q1".to_string()
        )
    );
}
