use carefinder_core::filter_tags::{filter_tags, without_filters};
use carefinder_core::query::SearchParams;
use carefinder_core::routes::search_href;
use leptos::prelude::*;

/// The filters in force as tags, each a link to the same search without it, and "Clear
/// filters": GOV.UK's filter-a-list pattern. Nothing when no filter is in force.
#[component]
pub fn FilterTags(params: SearchParams) -> impl IntoView {
    let tags = filter_tags(&params);
    (!tags.is_empty()).then(|| {
        let clear = search_href(&without_filters(&params));
        view! {
            <div class="filter-tags">
                <h2 class="filter-tags__heading">"Filters in use"</h2>
                <ul class="filter-tags__list">
                    {tags.into_iter().map(|t| view! {
                        <li>
                            <a href=search_href(&t.without) class="filter-tag">
                                <span class="visually-hidden">"Remove filter: "</span>{t.label}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
                <p class="filter-tags__clear"><a href=clear>"Clear filters"</a></p>
            </div>
        }
    })
}
