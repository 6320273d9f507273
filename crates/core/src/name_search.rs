//! Search by name: a service's own name, its provider's, its brand and "also known as".
//!
//! People type names as they remember them: in any case, with "&" for "and", "St" for
//! "Saint", without the apostrophe, with a letter wrong. Names and queries are both reduced to
//! plain words first; each word typed must then match a word of the name exactly, as the start
//! of a longer word, or within a small number of typing slips. Matches are ranked by how
//! closely they match, then by distance when there is a search point.

use std::collections::HashMap;

use crate::distance::{miles, Point};
use crate::search::Criteria;
use crate::service::{OtherName, ServiceSummary};

/// Longer queries are cut here: no name in the register is longer, and the work stays bounded.
const MAX_QUERY_CHARS: usize = 120;

/// Words that say nothing about which service is meant; typed or not, they do not count.
const FILLER: [&str; 3] = ["the", "and", "of"];

/// A name reduced to the words that identify it: lower case, "&" read as "and", apostrophes
/// dropped ("St. Mary's" is "saint marys"), "St" read as "Saint" and "Ltd" as "Limited".
pub fn words(name: &str) -> Vec<String> {
    let mut plain = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '&' | '+' => plain.push_str(" and "),
            '\'' | '’' | '‘' | '`' => {}
            c if c.is_alphanumeric() => plain.extend(c.to_lowercase()),
            _ => plain.push(' '),
        }
    }
    plain
        .split_whitespace()
        .map(|w| match w {
            "st" => "saint".to_string(),
            "ltd" => "limited".to_string(),
            w => w.to_string(),
        })
        .collect()
}

/// The words of a name that tell it apart: its `words` without filler, unless that is all it has.
fn key_words(name: &str) -> Vec<String> {
    let all = words(name);
    let key: Vec<String> = all
        .iter()
        .filter(|w| !FILLER.contains(&w.as_str()))
        .cloned()
        .collect();
    if key.is_empty() {
        all
    } else {
        key
    }
}

/// One service found by name.
#[derive(Clone, Debug, PartialEq)]
pub struct NameHit {
    /// Its position in the summaries searched.
    pub index: usize,
    /// Its distance from the search point, when there is one.
    pub miles: Option<f64>,
    /// The other name it was found by, when that matched better than its own.
    pub matched_other: Option<OtherName>,
}

/// Every name of every service as word numbers, built once per dataset so that each search
/// compares the words typed with each distinct word only once.
pub struct NameIndex {
    vocabulary: Vec<String>,
    /// Per service: its own name's words, then each other name's, in `other_names` order.
    names: Vec<Vec<Vec<u32>>>,
}

impl NameIndex {
    pub fn new(services: &[ServiceSummary]) -> NameIndex {
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut vocabulary = Vec::new();
        let mut number = |word: String| -> u32 {
            *numbers.entry(word).or_insert_with_key(|w| {
                vocabulary.push(w.clone());
                vocabulary.len() as u32 - 1
            })
        };
        let names = services
            .iter()
            .map(|s| {
                std::iter::once(s.name.as_str())
                    .chain(s.other_names.iter().map(|o| o.name.as_str()))
                    .map(|name| key_words(name).into_iter().map(&mut number).collect())
                    .collect()
            })
            .collect();
        NameIndex { vocabulary, names }
    }

    /// The services (those `criteria` allows) with a name matching `query`, best match first,
    /// then nearest `origin` first when given, then by name.
    pub fn search(
        &self,
        services: &[ServiceSummary],
        query: &str,
        origin: Option<Point>,
        criteria: &Criteria,
    ) -> Vec<NameHit> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let wanted = key_words(&query);
        if wanted.is_empty() {
            return vec![];
        }
        // How well each typed word matches each word of the vocabulary.
        let fit: Vec<Vec<f64>> = wanted
            .iter()
            .map(|w| self.vocabulary.iter().map(|v| word_fit(w, v)).collect())
            .collect();
        let mut hits: Vec<(u32, NameHit, &str)> = Vec::new();
        for (index, (service, names)) in services.iter().zip(&self.names).enumerate() {
            if !criteria.matches(service) {
                continue;
            }
            let scored = names.iter().enumerate().filter_map(|(which, name)| {
                let same = name.len() == wanted.len()
                    && name
                        .iter()
                        .zip(&wanted)
                        .all(|(&n, w)| &self.vocabulary[n as usize] == w);
                name_fit(&fit, name, same).map(|score| (which, score))
            });
            // The first (own name) wins a tie, so "found by its other name" appears only
            // when that name explains the match better.
            let Some((which, score)) =
                scored.fold(None, |best: Option<(usize, f64)>, (w, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((w, s)),
                })
            else {
                continue;
            };
            let hit = NameHit {
                index,
                miles: origin.map(|o| miles(o, service.point())),
                matched_other: which
                    .checked_sub(1)
                    .map(|other| service.other_names[other].clone()),
            };
            // Closeness in twentieths, so that near-equal matches are ordered by distance.
            hits.push(((score * 20.0).round() as u32, hit, &service.name));
        }
        hits.sort_by(|(a, ha, na), (b, hb, nb)| {
            b.cmp(a)
                .then(ha.miles.unwrap_or(0.0).total_cmp(&hb.miles.unwrap_or(0.0)))
                .then(na.cmp(nb))
        });
        hits.into_iter().map(|(_, hit, _)| hit).collect()
    }
}

/// How well one typed word matches one word of a name, from 0 (not at all) to 1 (the same).
fn word_fit(typed: &str, word: &str) -> f64 {
    if typed == word {
        return 1.0;
    }
    let length = typed.chars().count();
    if length >= 3 && word.starts_with(typed) {
        return 0.8;
    }
    // One slip in a word of four letters or more, two in one of eight or more.
    let allowed = match length {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    if allowed == 0 || word.chars().count().abs_diff(length) > allowed {
        return 0.0;
    }
    match strsim::osa_distance(typed, word) {
        0 => 1.0,
        d if d <= allowed => 0.75 - 0.1 * (d - 1) as f64,
        _ => 0.0,
    }
}

/// How well a whole name matches: `None` unless every word typed matches one of its words;
/// otherwise the typed words' mean fit, less a little for each word of the name not typed.
/// A name typed exactly as written scores above any other.
fn name_fit(fit: &[Vec<f64>], name: &[u32], typed_exactly: bool) -> Option<f64> {
    if typed_exactly {
        return Some(1.2);
    }
    let mut total = 0.0;
    let mut used = vec![false; name.len()];
    for row in fit {
        let (at, best) = name
            .iter()
            .enumerate()
            .map(|(at, &word)| (at, row[word as usize]))
            .fold(
                (0, 0.0),
                |best, this| if this.1 > best.1 { this } else { best },
            );
        if best == 0.0 {
            return None;
        }
        used[at] = true;
        total += best;
    }
    let mean = total / fit.len() as f64;
    let covered = used.iter().filter(|&&u| u).count() as f64 / name.len() as f64;
    Some(0.8 * mean + 0.2 * covered)
}

#[cfg(test)]
mod tests;
