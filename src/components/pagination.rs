use carefinder_core::pagination::{PageItem, Pagination};
use carefinder_core::query::SearchParams;
use carefinder_core::routes::search_href;
use leptos::prelude::*;

/// GOV.UK's pagination: previous and next, and numbered pages with the current one marked.
/// Each page is in the address, so back and forward move between pages. `on_page` runs when a
/// page is chosen (the search page then moves focus to the results).
#[component]
pub fn ResultsPagination(
    pages: Pagination,
    params: SearchParams,
    on_page: Callback<()>,
) -> impl IntoView {
    (pages.pages > 1).then(|| {
        let href = move |page: u32| {
            search_href(&SearchParams {
                page,
                ..params.clone()
            })
        };
        let previous = pages.previous.map(|n| {
            view! {
                <div class="pagination__prev">
                    <a href=href(n) rel="prev" on:click=move |_| on_page.run(())>
                        "Previous"<span class="visually-hidden">" page"</span>
                    </a>
                </div>
            }
        });
        let next = pages.next.map(|n| {
            view! {
                <div class="pagination__next">
                    <a href=href(n) rel="next" on:click=move |_| on_page.run(())>
                        "Next"<span class="visually-hidden">" page"</span>
                    </a>
                </div>
            }
        });
        let items = pages
            .items
            .iter()
            .map(|item| match *item {
                PageItem::Number {
                    page,
                    current: true,
                } => view! {
                    <li class="pagination__item pagination__item--current">
                        <a href=href(page) aria-label=format!("Page {page}") aria-current="page">{page}</a>
                    </li>
                }
                .into_any(),
                PageItem::Number { page, .. } => view! {
                    <li class="pagination__item">
                        <a href=href(page) aria-label=format!("Page {page}") on:click=move |_| on_page.run(())>{page}</a>
                    </li>
                }
                .into_any(),
                PageItem::Ellipsis => {
                    view! { <li class="pagination__item pagination__item--ellipsis">"⋯"</li> }
                        .into_any()
                }
            })
            .collect_view();
        view! {
            <nav class="pagination" aria-label="Results pages">
                {previous}
                <ul class="pagination__list">{items}</ul>
                {next}
            </nav>
        }
    })
}
