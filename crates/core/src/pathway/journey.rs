//! A person's way through a pathway, worked out from the address alone: which page it is, where
//! Back and Continue go, what "check your answers" lists, the route taken (for printing) and the
//! links of the question pages pre-rendered for use without JavaScript. The pages only lay
//! these out.

use super::{
    answer, parse_answers, step_href, Answer, Outcome, Pathway, Question, Step, CHECK_STEP,
};

/// What an address says: `/pathways/:pathway/:step#answers=step.value,...&from=check`. The
/// answers live in the fragment, which never reaches a server, a Referer or a cache key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PathwayAddress {
    /// The pathway's id; empty if the path is not a pathway's.
    pub pathway: String,
    /// The question, outcome or `CHECK_STEP`; `None` on the pathway's start page.
    pub step: Option<String>,
    /// The answers given so far, junk left out.
    pub answers: Vec<(String, String)>,
    /// Opened from a Change link on "check your answers".
    pub from_check: bool,
}

/// The page an address shows within its pathway.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathwayPage<'a> {
    Start,
    Check,
    Question(&'a Question),
    Outcome(&'a Outcome),
    /// The pathway has no step with this id.
    NotFound,
}

impl PathwayAddress {
    /// Reads the path and the fragment (with or without its leading `#`); the app reads paths
    /// with the route table, so this is for tests that follow links.
    #[cfg(test)]
    pub fn parse(path: &str, fragment: &str) -> PathwayAddress {
        let mut parts = path
            .strip_prefix("/pathways/")
            .unwrap_or_default()
            .split('/');
        let pathway = parts.next().unwrap_or_default().to_string();
        PathwayAddress::from_route(
            pathway,
            parts.next().filter(|s| !s.is_empty()).map(str::to_string),
            fragment,
        )
    }

    /// The address of a route the router has already read (`routes::Route::Pathway`), with its
    /// fragment.
    pub fn from_route(pathway: String, step: Option<String>, fragment: &str) -> PathwayAddress {
        PathwayAddress {
            pathway,
            step,
            answers: crate::query::value(fragment, "answers")
                .map(|a| parse_answers(&a))
                .unwrap_or_default(),
            from_check: crate::query::value(fragment, "from").as_deref() == Some("check"),
        }
    }

    /// The pathway the address names, among those published, and the page of it to show.
    /// `None` if there is no such pathway.
    pub fn locate<'a>(&self, pathways: &'a [Pathway]) -> Option<(&'a Pathway, PathwayPage<'a>)> {
        let pathway = pathways.iter().find(|p| p.id == self.pathway)?;
        let page = match self.step.as_deref() {
            None => PathwayPage::Start,
            Some(CHECK_STEP) => PathwayPage::Check,
            Some(step) => match pathway.step(step) {
                Some(Step::Question(q)) => PathwayPage::Question(q),
                Some(Step::Outcome(o)) => PathwayPage::Outcome(o),
                None => PathwayPage::NotFound,
            },
        };
        Some((pathway, page))
    }
}

/// One row of "check your answers".
#[derive(Clone, Debug, PartialEq)]
pub struct CheckRow {
    pub question: String,
    /// The label of the answer chosen.
    pub answer: String,
    /// Back to the question, marked so that it returns here once the route is complete again.
    pub change_href: String,
}

/// The "check your answers" page.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckAnswers {
    /// The answers on the route taken, in order.
    pub rows: Vec<CheckRow>,
    /// The answers lead to an outcome; if not, there is another question to answer.
    pub finished: bool,
    /// The outcome, or the question still to answer.
    pub continue_href: String,
    /// The last question answered, or the start page if none was.
    pub back_href: String,
}

/// An answer on a question page pre-rendered without the app: a link to the step it leads to.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerLink {
    pub label: String,
    pub href: String,
}

/// A question page pre-rendered without the app.
#[derive(Clone, Debug, PartialEq)]
pub struct StaticQuestion {
    pub back_href: String,
    pub answers: Vec<AnswerLink>,
}

/// The pathways read by people who may be at risk if someone else sees them (worries about
/// care or abuse, and carers): they offer "Exit this page".
const EXIT_THIS_PAGE: [&str; 2] = ["worried", "carer"];

/// Where "Exit this page" goes: a neutral page on another site, as GOV.UK's pattern does.
pub const NEUTRAL_PAGE: &str = "https://www.bbc.co.uk/weather";

impl Pathway {
    /// Whether its pages offer "Exit this page" (GOV.UK's component: a button and Shift pressed
    /// three times, leaving for `NEUTRAL_PAGE`).
    pub fn offers_exit_this_page(&self) -> bool {
        EXIT_THIS_PAGE.contains(&self.id.as_str())
    }

    /// The pathway's start page.
    pub fn start_page_href(&self) -> String {
        format!("/pathways/{}", self.id)
    }

    /// "Start now": the first question, with no answers yet.
    pub fn first_question_href(&self) -> String {
        step_href(&self.id, &self.start, &[])
    }

    /// A question pre-rendered for use without JavaScript, where no answers travel: each answer
    /// links straight to the step it leads to, and Back goes to the start page.
    pub fn static_question(&self, question: &Question) -> StaticQuestion {
        StaticQuestion {
            back_href: Journey::new(self, &[]).back_href(&question.id),
            answers: question
                .answers
                .iter()
                .map(|a| AnswerLink {
                    label: a.label.clone(),
                    href: step_href(&self.id, &a.next, &[]),
                })
                .collect(),
        }
    }
}

/// A pathway and the answers given so far: everything a page of it links to.
#[derive(Clone, Copy, Debug)]
pub struct Journey<'a> {
    pathway: &'a Pathway,
    answers: &'a [(String, String)],
}

impl<'a> Journey<'a> {
    pub fn new(pathway: &'a Pathway, answers: &'a [(String, String)]) -> Journey<'a> {
        Journey { pathway, answers }
    }

    /// The value already chosen for this question, to show it selected.
    pub fn chosen(&self, question: &str) -> Option<&'a str> {
        self.answers
            .iter()
            .find(|(s, _)| s == question)
            .map(|(_, v)| v.as_str())
    }

    /// Where Back goes from `step`: the step before it on the route the answers take, or the
    /// start page (from the first question, or from a step off that route).
    pub fn back_href(&self, step: &str) -> String {
        let (reached, used) = self.pathway.follow(self.answers);
        let order: Vec<&str> = used
            .iter()
            .map(|(s, _)| s.as_str())
            .chain([reached.as_str()])
            .collect();
        match order.iter().position(|s| *s == step) {
            Some(i) if i > 0 => self.href(order[i - 1]),
            _ => self.pathway.start_page_href(),
        }
    }

    /// Where Continue goes after choosing `value` for `question`: the question that answer leads
    /// to (its earlier answer kept, if any), or "check your answers" at the end of the route.
    /// Opened from a Change link (`from_check`), it goes back to "check your answers" as soon as
    /// the route is complete again. The address carries the answers with this one recorded.
    pub fn continue_href(&self, question: &str, value: &str, from_check: bool) -> String {
        let updated = answer(self.answers, question, value);
        let after = Journey::new(self.pathway, &updated);
        let leads_to = self
            .pathway
            .question(question)
            .and_then(|q| q.find_answer(value))
            .map(|a| a.next.as_str());
        let target = match leads_to {
            _ if from_check && after.finished() => CHECK_STEP,
            Some(next) if self.pathway.question(next).is_some() => next,
            _ => CHECK_STEP,
        };
        after.href(target)
    }

    /// The "check your answers" page.
    pub fn check_answers(&self) -> CheckAnswers {
        let (reached, used) = self.pathway.follow(self.answers);
        // Rows exist only if answers do, so the address already has a fragment to add to.
        let rows = self
            .on_route(&used)
            .map(|(q, a)| CheckRow {
                question: q.text.clone(),
                answer: a.label.clone(),
                change_href: format!("{}&from=check", self.href(&q.id)),
            })
            .collect();
        CheckAnswers {
            rows,
            finished: self.is_outcome(&reached),
            continue_href: self.href(&reached),
            back_href: used
                .last()
                .map_or_else(|| self.pathway.start_page_href(), |(s, _)| self.href(s)),
        }
    }

    /// "Back to your answers" from an outcome.
    pub fn check_href(&self) -> String {
        self.href(CHECK_STEP)
    }

    /// The questions on the route taken with the answers chosen, as (question, answer label).
    pub fn route_taken(&self) -> Vec<(String, String)> {
        let (_, used) = self.pathway.follow(self.answers);
        self.on_route(&used)
            .map(|(q, a)| (q.text.clone(), a.label.clone()))
            .collect()
    }

    fn finished(&self) -> bool {
        self.is_outcome(&self.pathway.follow(self.answers).0)
    }

    fn is_outcome(&self, step: &str) -> bool {
        matches!(self.pathway.step(step), Some(Step::Outcome(_)))
    }

    /// The questions and answers of `used` (from `Pathway::follow`, so all of them exist).
    fn on_route<'u>(
        &self,
        used: &'u [(String, String)],
    ) -> impl Iterator<Item = (&'a Question, &'a Answer)> + 'u
    where
        'a: 'u,
    {
        let pathway = self.pathway;
        used.iter().filter_map(move |(s, v)| {
            pathway
                .question(s)
                .and_then(|q| Some((q, q.find_answer(v)?)))
        })
    }

    fn href(&self, step: &str) -> String {
        step_href(&self.pathway.id, step, self.answers)
    }
}

#[cfg(test)]
mod tests;
