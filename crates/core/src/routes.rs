//! Every address the app answers, in one table. The app's router reads an address with it, links
//! are written from it, and the pre-renderer walks it to know which static pages to write.

use crate::pathway::Pathway;
use crate::query::SearchParams;
use crate::search::districts_with_services;
use crate::service::ServiceSummary;

/// A page of the app, with what its address names.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    Home,
    Search,
    Compare,
    Costs,
    AboutData,
    Accessibility,
    Pathways,
    /// A pathway's start page (`step: None`) or one of its steps: a question, an outcome, or
    /// "check your answers".
    Pathway {
        pathway: String,
        step: Option<String>,
    },
    /// One care service (a CQC location), by its location id.
    Service {
        id: String,
    },
    Districts,
    District {
        district: String,
    },
}

/// Which of a route's pages are written as static HTML, so they work without JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaticPages {
    /// The one page.
    One,
    /// Every pathway's start page, or every question and outcome of every pathway.
    EveryPathway,
    EveryPathwayStep,
    EveryService,
    /// One page for every district that has services.
    EveryDistrict,
    /// None: the route works from what a person types, so it needs the app. Such addresses get
    /// the fallback page, which says so.
    NeedsTheApp,
}

/// One row of the table: an address pattern (`:name` is a part taken from the address), how
/// those parts make the route, and which static pages it has.
pub struct Entry {
    pub pattern: &'static str,
    make: fn(&mut dyn Iterator<Item = String>) -> Option<Route>,
    pub static_pages: StaticPages,
}

/// The table.
pub const TABLE: [Entry; 12] = [
    Entry {
        pattern: "/",
        make: |_| Some(Route::Home),
        static_pages: StaticPages::One,
    },
    Entry {
        pattern: "/search",
        make: |_| Some(Route::Search),
        static_pages: StaticPages::NeedsTheApp,
    },
    Entry {
        pattern: "/compare",
        make: |_| Some(Route::Compare),
        static_pages: StaticPages::NeedsTheApp,
    },
    Entry {
        pattern: "/costs",
        make: |_| Some(Route::Costs),
        static_pages: StaticPages::NeedsTheApp,
    },
    Entry {
        pattern: "/about-data",
        make: |_| Some(Route::AboutData),
        static_pages: StaticPages::One,
    },
    Entry {
        pattern: "/accessibility",
        make: |_| Some(Route::Accessibility),
        static_pages: StaticPages::One,
    },
    Entry {
        pattern: "/pathways",
        make: |_| Some(Route::Pathways),
        static_pages: StaticPages::One,
    },
    Entry {
        pattern: "/pathways/:pathway",
        make: |p| {
            Some(Route::Pathway {
                pathway: p.next()?,
                step: None,
            })
        },
        static_pages: StaticPages::EveryPathway,
    },
    Entry {
        pattern: "/pathways/:pathway/:step",
        make: |p| {
            Some(Route::Pathway {
                pathway: p.next()?,
                step: Some(p.next()?),
            })
        },
        static_pages: StaticPages::EveryPathwayStep,
    },
    Entry {
        pattern: "/provider/:id",
        make: |p| Some(Route::Service { id: p.next()? }),
        static_pages: StaticPages::EveryService,
    },
    Entry {
        pattern: "/districts",
        make: |_| Some(Route::Districts),
        static_pages: StaticPages::One,
    },
    Entry {
        pattern: "/districts/:district",
        make: |p| {
            Some(Route::District {
                district: p.next()?,
            })
        },
        static_pages: StaticPages::EveryDistrict,
    },
];

fn pattern_parts(pattern: &str) -> impl Iterator<Item = &str> {
    pattern.split('/').filter(|p| !p.is_empty())
}

impl Route {
    /// The route an address's path names (without its query string); `None` when the table
    /// has no such page. A trailing slash is ignored.
    pub fn from_path(path: &str) -> Option<Route> {
        let parts: Vec<&str> = path
            .strip_prefix('/')?
            .trim_end_matches('/')
            .split('/')
            .filter(|p| !p.is_empty())
            .collect();
        TABLE.iter().find_map(|entry| {
            let pattern: Vec<&str> = pattern_parts(entry.pattern).collect();
            if pattern.len() != parts.len() {
                return None;
            }
            let mut params = Vec::new();
            for (want, got) in pattern.iter().zip(&parts) {
                if want.starts_with(':') {
                    params.push(crate::query::decode_strict(got)?);
                } else if want != got {
                    return None;
                }
            }
            (entry.make)(&mut params.into_iter())
        })
    }

    /// What the address names, in the order of its pattern's parts.
    fn params(&self) -> Vec<&str> {
        match self {
            Route::Pathway { pathway, step } => std::iter::once(pathway.as_str())
                .chain(step.as_deref())
                .collect(),
            Route::Service { id } => vec![id],
            Route::District { district } => vec![district],
            _ => vec![],
        }
    }

    /// This route's row of the table.
    pub fn entry(&self) -> &'static Entry {
        let params = self.params();
        let arity = |e: &Entry| {
            pattern_parts(e.pattern)
                .filter(|p| p.starts_with(':'))
                .count()
        };
        TABLE
            .iter()
            .find(|e| {
                arity(e) == params.len()
                    && (e.make)(&mut params.iter().map(|p| p.to_string())).as_ref() == Some(self)
            })
            .expect("every route has a row in the table (a test checks it)")
    }

    /// The path of this route, for links: its pattern with the parts filled in.
    pub fn path(&self) -> String {
        let mut params = self.params().into_iter();
        let parts: Vec<String> = pattern_parts(self.entry().pattern)
            // In a path a "+" is a plus: a space must be %20 to read back as one.
            .map(|part| {
                if part.starts_with(':') {
                    crate::query::encode(params.next().unwrap_or_default()).replace('+', "%20")
                } else {
                    part.to_string()
                }
            })
            .collect();
        format!("/{}", parts.join("/"))
    }

    /// Pages whose state (a search, a shared shortlist, pathway answers) lives in the address's
    /// fragment, so that it never reaches a server or a Referer.
    pub fn keeps_state_in_fragment(&self) -> bool {
        matches!(self, Route::Search | Route::Compare | Route::Pathway { .. })
    }
}

/// The address of a search: `/search#postcode=...`.
pub fn search_href(params: &SearchParams) -> String {
    format!("{}#{}", Route::Search.path(), params.to_fragment())
}

/// An old link (`/search?postcode=...`, `/pathways/worried/q2?answers=...`) rewritten with its
/// query moved into the fragment, for `history.replaceState` before anything is fetched; `None`
/// when the address has nothing to move. `path` is the address's path as the browser has it;
/// `query` and `fragment` come with or without their `?` and `#`. A fragment already present is
/// newer than the query and wins.
pub fn moved_to_fragment(path: &str, query: &str, fragment: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if query.is_empty() || !Route::from_path(path)?.keeps_state_in_fragment() {
        return None;
    }
    Some(format!(
        "{path}#{}",
        if fragment.is_empty() { query } else { fragment }
    ))
}

/// Every page the pre-renderer writes, in table order: the table walked over the dataset.
pub fn static_routes(services: &[ServiceSummary], pathways: &[Pathway]) -> Vec<Route> {
    let mut out: Vec<Route> = Vec::new();
    for entry in &TABLE {
        match entry.static_pages {
            StaticPages::NeedsTheApp => {}
            StaticPages::One => out.extend((entry.make)(&mut std::iter::empty())),
            StaticPages::EveryPathway => out.extend(pathways.iter().map(|p| Route::Pathway {
                pathway: p.id.clone(),
                step: None,
            })),
            StaticPages::EveryPathwayStep => {
                for p in pathways {
                    let steps = p
                        .questions
                        .iter()
                        .map(|q| &q.id)
                        .chain(p.outcomes.iter().map(|o| &o.id));
                    out.extend(steps.map(|step| Route::Pathway {
                        pathway: p.id.clone(),
                        step: Some(step.clone()),
                    }));
                }
            }
            StaticPages::EveryService => {
                let mut ids: Vec<&String> = services.iter().map(|s| &s.id).collect();
                ids.sort();
                out.extend(ids.into_iter().map(|id| Route::Service { id: id.clone() }));
            }
            StaticPages::EveryDistrict => {
                out.extend(
                    districts_with_services(services)
                        .into_iter()
                        .map(|(district, _)| Route::District { district }),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_of_each() -> Vec<Route> {
        let pathway = |step: Option<&str>| Route::Pathway {
            pathway: "carer".into(),
            step: step.map(str::to_string),
        };
        vec![
            Route::Home,
            Route::Search,
            Route::Compare,
            Route::Costs,
            Route::AboutData,
            Route::Accessibility,
            Route::Pathways,
            pathway(None),
            pathway(Some("check")),
            Route::Service {
                id: "1-1000210669".into(),
            },
            Route::Districts,
            Route::District {
                district: "OL1".into(),
            },
        ]
    }

    #[test]
    fn every_row_of_the_table_is_a_route_and_every_route_has_a_row() {
        let routes = one_of_each();
        assert_eq!(routes.len(), TABLE.len());
        for (route, entry) in routes.iter().zip(&TABLE) {
            assert_eq!(route.entry().pattern, entry.pattern);
        }
    }

    #[test]
    fn addresses_are_read_as_routes_and_written_back() {
        let expected = [
            "/",
            "/search",
            "/compare",
            "/costs",
            "/about-data",
            "/accessibility",
            "/pathways",
            "/pathways/carer",
            "/pathways/carer/check",
            "/provider/1-1000210669",
            "/districts",
            "/districts/OL1",
        ];
        for (route, path) in one_of_each().iter().zip(expected) {
            assert_eq!(route.path(), path);
            assert_eq!(Route::from_path(path).as_ref(), Some(route), "{path}");
        }
        assert_eq!(
            Route::from_path("/provider/1-123/"),
            Some(Route::Service { id: "1-123".into() })
        );
        assert_eq!(
            Route::from_path("/districts/NR2%201"),
            Some(Route::District {
                district: "NR2 1".into()
            })
        );
        for odd in ["NR2 1", "a+b", "50%", "é"] {
            let route = Route::District {
                district: odd.into(),
            };
            assert_eq!(
                Route::from_path(&route.path()),
                Some(route.clone()),
                "{}",
                route.path()
            );
        }
        for unknown in [
            "/provider",
            "/provider/1/2",
            "/nowhere",
            "",
            "search",
            "/pathways/carer/q1/extra",
            "/provider/%zz",
        ] {
            assert_eq!(Route::from_path(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn old_links_move_their_query_into_the_fragment_and_others_are_left_alone() {
        let moved = |path, query, fragment| moved_to_fragment(path, query, fragment);
        assert_eq!(
            moved("/search", "?postcode=NR2+1AB&distance=5", "").as_deref(),
            Some("/search#postcode=NR2+1AB&distance=5")
        );
        assert_eq!(
            moved("/compare", "ids=1-1,1-2", "#").as_deref(),
            Some("/compare#ids=1-1,1-2")
        );
        let pathway = moved("/pathways/worried/concern", "?answers=danger.no", "");
        assert_eq!(
            pathway.as_deref(),
            Some("/pathways/worried/concern#answers=danger.no")
        );
        // The fragment was written by the app after the link was made: it is the one to keep.
        assert_eq!(
            moved("/search", "?postcode=OL1", "#postcode=NR2").as_deref(),
            Some("/search#postcode=NR2")
        );
        assert_eq!(moved("/search", "", "#postcode=NR2"), None);
        assert_eq!(moved("/search", "?", ""), None);
        for elsewhere in [
            "/",
            "/provider/1-123",
            "/districts",
            "/districts/NR2",
            "/costs",
            "/nowhere",
        ] {
            assert_eq!(moved(elsewhere, "?district=NR2", ""), None, "{elsewhere}");
        }
        let search = SearchParams::from_fragment("postcode=nr2 1ab&distance=10");
        assert_eq!(
            search_href(&search),
            "/search#postcode=nr2+1ab&distance=10&sort=distance"
        );
    }

    #[test]
    fn only_what_needs_a_typed_answer_is_left_to_the_app() {
        let needs_app: Vec<String> = one_of_each()
            .into_iter()
            .filter(|r| r.entry().static_pages == StaticPages::NeedsTheApp)
            .map(|r| r.path())
            .collect();
        assert_eq!(needs_app, ["/search", "/compare", "/costs"]);
    }
}
