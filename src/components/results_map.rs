use carefinder_core::distance::{Point, Projection};
use carefinder_core::routes::Route;
use leptos::prelude::*;

/// One result on the map: its place, its number in the list, its name and its service id.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub point: Point,
    pub number: usize,
    pub name: String,
    pub id: String,
}

/// A plain SVG plot of the results around the search point: no map tiles, nothing fetched.
/// The numbered list is the main, accessible presentation; this picture repeats it. Each
/// marker is a link to the service that, in the app, `on_choose` turns into a move to its card.
#[component]
pub fn ResultsMap(
    origin: Point,
    radius: f64,
    marks: Vec<Mark>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let map = Projection::around(origin);
    // SVG's y grows downwards; north is up.
    let project = move |p: Point| {
        let (east, north) = map.miles_east_north(p);
        (east, -north)
    };
    let r = radius.max(0.5);
    let view_box = format!("{} {} {} {}", -r * 1.05, -r * 1.05, r * 2.1, r * 2.1);
    let dot = r / 28.0;
    let label = format!(
        "Map of {} services within {} miles of the search point. The list gives the same information.",
        marks.len(),
        radius
    );
    let marks = marks
        .into_iter()
        .map(|m| {
            let (x, y) = project(m.point);
            let href = Route::Service { id: m.id.clone() }.path();
            let id = m.id.clone();
            let choose = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                on_choose.run(id.clone());
            };
            view! {
                <a class="map__mark" href=href aria-label=format!("{}. {}", m.number, m.name) on:click=choose>
                    <circle cx=x cy=y r=dot * 1.6 />
                    <text x=x y=y + dot * 0.55 font-size=dot * 1.6 text-anchor="middle" aria-hidden="true">{m.number}</text>
                </a>
            }
        })
        .collect_view();
    view! {
        <figure class="map">
            <svg viewBox=view_box role="group" aria-label=label preserveAspectRatio="xMidYMid meet">
                <circle class="map__radius" cx="0" cy="0" r=r />
                <line class="map__cross" x1=-dot * 2.0 y1="0" x2=dot * 2.0 y2="0" />
                <line class="map__cross" x1="0" y1=-dot * 2.0 x2="0" y2=dot * 2.0 />
                {marks}
            </svg>
            <figcaption class="map__caption">"The cross marks the search point; the circle shows the distance chosen. North is up."</figcaption>
        </figure>
    }
}
