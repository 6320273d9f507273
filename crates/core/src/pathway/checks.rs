//! The checks a pathway must pass before it is published: every problem found, each naming the
//! step, so a broken route fails the build with a located message.

use std::collections::{BTreeMap, BTreeSet};

use super::{plain_id, Pathway, CHECK_STEP};

impl Pathway {
    /// Every problem with the route, each naming the step. Empty means the pathway is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut ids = BTreeSet::new();
        for id in self
            .questions
            .iter()
            .map(|q| &q.id)
            .chain(self.outcomes.iter().map(|o| &o.id))
        {
            if !plain_id(id) {
                out.push(format!(
                    "step {id:?}: ids may hold only lower-case letters, digits and '_'"
                ));
            }
            if id == CHECK_STEP {
                out.push(format!(
                    "step {id:?}: this id is reserved for the check-your-answers page"
                ));
            }
            if !ids.insert(id.as_str()) {
                out.push(format!("step {id:?}: two steps share this id"));
            }
        }
        if !ids.contains(self.start.as_str()) {
            out.push(format!(
                "start: {:?} is not a step of this pathway",
                self.start
            ));
        }
        if !plain_id(&self.id) {
            out.push(format!(
                "pathway id {:?}: use only lower-case letters, digits and '_'",
                self.id
            ));
        }
        check_date("reviewed", &self.reviewed, &mut out);
        for q in &self.questions {
            if q.answers.is_empty() {
                out.push(format!(
                    "question {:?}: has no answers, so it is a dead end",
                    q.id
                ));
            }
            let mut values = BTreeSet::new();
            for a in &q.answers {
                if !ids.contains(a.next.as_str()) {
                    out.push(format!(
                        "question {:?}: answer {:?} leads to {:?}, which is not a step",
                        q.id, a.label, a.next
                    ));
                }
                if !plain_id(&a.value) || !values.insert(&a.value) {
                    out.push(format!(
                        "question {:?}: answer {:?} needs a unique plain value",
                        q.id, a.label
                    ));
                }
            }
        }
        for o in &self.outcomes {
            if o.steps.is_empty() {
                out.push(format!("outcome {:?}: has no next steps", o.id));
            }
            for (i, f) in o.steps.iter().enumerate() {
                if f.source.trim().is_empty() {
                    out.push(format!(
                        "outcome {:?}: next step {} has no source",
                        o.id,
                        i + 1
                    ));
                }
                check_date(
                    &format!("outcome {:?}: next step {} reviewed", o.id, i + 1),
                    &f.reviewed,
                    &mut out,
                );
            }
            let texts = o.summary.iter().chain(o.steps.iter().map(|f| &f.text));
            for text in std::iter::once(&o.title).chain(texts) {
                if let Err(why) = crate::local_help::check_placeholders(text) {
                    out.push(format!("outcome {:?}: {why}", o.id));
                }
            }
            for l in &o.links {
                // "//host/..." also starts with "/" but leaves the site.
                if !crate::links::is_site_path(&l.href) {
                    out.push(format!(
                        "outcome {:?}: link {:?} must be a page of this site (start with /)",
                        o.id, l.label
                    ));
                }
            }
        }
        if out.is_empty() {
            self.check_reachable_and_acyclic(&mut out);
        }
        out
    }

    fn next_of(&self, id: &str) -> Vec<&str> {
        self.question(id)
            .map(|q| q.answers.iter().map(|a| a.next.as_str()).collect())
            .unwrap_or_default()
    }

    fn check_reachable_and_acyclic(&self, out: &mut Vec<String>) {
        // Depth-first from the start: a step met again on the current path is a cycle.
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            Open,
            Done,
        }
        let mut marks: BTreeMap<&str, Mark> = BTreeMap::new();
        let mut stack: Vec<(&str, usize)> = vec![(self.start.as_str(), 0)];
        marks.insert(self.start.as_str(), Mark::Open);
        while let Some((id, child)) = stack.pop() {
            let next = self.next_of(id);
            if child < next.len() {
                stack.push((id, child + 1));
                let n = next[child];
                match marks.get(n) {
                    Some(Mark::Open) => out.push(format!(
                        "question {id:?}: leads back to {n:?}, making a loop"
                    )),
                    Some(Mark::Done) => {}
                    None => {
                        marks.insert(n, Mark::Open);
                        stack.push((n, 0));
                    }
                }
            } else {
                marks.insert(id, Mark::Done);
            }
        }
        for id in self
            .questions
            .iter()
            .map(|q| &q.id)
            .chain(self.outcomes.iter().map(|o| &o.id))
        {
            if !marks.contains_key(id.as_str()) {
                out.push(format!("step {id:?}: no route from the start reaches it"));
            }
        }
    }
}

fn check_date(what: &str, date: &str, out: &mut Vec<String>) {
    if crate::date::Date::parse(date).is_none() {
        out.push(format!("{what}: {date:?} is not a date like 2026-11-23"));
    }
}
