//! The filters in force on a search, each as a tag that removes itself: GOV.UK's
//! "filter a list" pattern. Removing a filter goes back to the first page.

use crate::query::SearchParams;

#[derive(Clone, Debug, PartialEq)]
pub struct FilterTag {
    /// What the filter is, in words: "Type of care: Care home".
    pub label: String,
    /// The same search without this filter.
    pub without: SearchParams,
}

/// Every filter in force, in the form's order. A name is a filter only beside a place; without
/// one, the name is the search itself.
pub fn filter_tags(p: &SearchParams) -> Vec<FilterTag> {
    let base = SearchParams {
        page: 1,
        ..p.clone()
    };
    let mut tags = Vec::new();
    if !p.name.is_empty() && has_place(p) {
        tags.push(FilterTag {
            label: format!("Name: {}", p.name),
            without: SearchParams {
                name: String::new(),
                ..base.clone()
            },
        });
    }
    for &s in &p.criteria.services {
        let mut without = base.clone();
        without.criteria.services.retain(|&t| t != s);
        tags.push(FilterTag {
            label: format!("Type of care: {}", s.label()),
            without,
        });
    }
    for &s in &p.criteria.specialisms {
        let mut without = base.clone();
        without.criteria.specialisms.retain(|&t| t != s);
        tags.push(FilterTag {
            label: format!("Specialist care: {}", s.label()),
            without,
        });
    }
    if let Some(r) = p.criteria.min_rating {
        let mut without = base.clone();
        without.criteria.min_rating = None;
        tags.push(FilterTag {
            label: format!("CQC rating: {} or better", r.label()),
            without,
        });
    }
    tags
}

/// The same search with every filter removed ("Clear filters").
pub fn without_filters(p: &SearchParams) -> SearchParams {
    let mut clear = SearchParams {
        page: 1,
        ..p.clone()
    };
    clear.criteria.services.clear();
    clear.criteria.specialisms.clear();
    clear.criteria.min_rating = None;
    if has_place(p) {
        clear.name.clear();
    }
    clear
}

fn has_place(p: &SearchParams) -> bool {
    p.location.is_some() || !p.postcode.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tag_removes_only_its_own_filter_and_goes_back_to_page_one() {
        let p = SearchParams::from_fragment(
            "postcode=OL1+1AA&name=hadfield&distance=10&type=care_home&type=home_care&need=dementia&rating=good&page=3",
        );
        let tags = filter_tags(&p);
        let labels: Vec<&str> = tags.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Name: hadfield",
                "Type of care: Care home",
                "Type of care: Home care",
                "Specialist care: Dementia",
                "CQC rating: Good or better"
            ]
        );
        assert_eq!(
            tags[1].without.to_fragment(),
            "postcode=OL1+1AA&name=hadfield&distance=10&type=home_care&need=dementia&rating=good&sort=distance"
        );
        assert_eq!(
            tags[0].without.to_fragment(),
            "postcode=OL1+1AA&distance=10&type=care_home&type=home_care&need=dementia&rating=good&sort=distance"
        );
        assert_eq!(
            without_filters(&p).to_fragment(),
            "postcode=OL1+1AA&distance=10&sort=distance"
        );
    }

    #[test]
    fn a_name_searched_without_a_place_is_the_search_not_a_filter() {
        let p = SearchParams::from_fragment("postcode=&name=Hadfield+House&type=care_home");
        let labels: Vec<String> = filter_tags(&p).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["Type of care: Care home"]);
        assert_eq!(without_filters(&p).name, "Hadfield House");
        assert!(filter_tags(&SearchParams::from_fragment("postcode=OL1")).is_empty());
    }
}
