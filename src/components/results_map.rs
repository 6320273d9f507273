use carefinder_core::distance::{Point, Projection};
use leptos::prelude::*;

/// A plain SVG plot of the results around the search point: no map tiles, nothing fetched.
/// The numbered list is the main, accessible presentation; this picture repeats it.
#[component]
/// `marks` are each result's place, its number in the list and its name.
pub fn ResultsMap(origin: Point, radius: f64, marks: Vec<(Point, usize, String)>) -> impl IntoView {
    let map = Projection::around(origin);
    // SVG's y grows downwards; north is up.
    let project = move |p: Point| {
        let (east, north) = map.miles_east_north(p);
        (east, -north)
    };
    let points = marks;
    let r = radius.max(0.5);
    let view_box = format!("{} {} {} {}", -r * 1.05, -r * 1.05, r * 2.1, r * 2.1);
    let dot = r / 28.0;
    let label = format!(
        "Map of {} services within {} miles of the search point. The list gives the same information.",
        points.len(),
        radius
    );
    let marks = points
        .into_iter()
        .map(|(p, n, name)| {
            let (x, y) = project(p);
            view! {
                <g class="map__mark">
                    <title>{format!("{n}. {name}")}</title>
                    <circle cx=x cy=y r=dot * 1.6 />
                    <text x=x y=y + dot * 0.55 font-size=dot * 1.6 text-anchor="middle">{n}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="map">
            <svg viewBox=view_box role="img" aria-label=label.clone() preserveAspectRatio="xMidYMid meet">
                <circle class="map__radius" cx="0" cy="0" r=r />
                <line class="map__cross" x1=-dot * 2.0 y1="0" x2=dot * 2.0 y2="0" />
                <line class="map__cross" x1="0" y1=-dot * 2.0 x2="0" y2=dot * 2.0 />
                {marks}
            </svg>
            <figcaption class="map__caption">"The cross marks the search point; the circle shows the distance chosen. North is up."</figcaption>
        </figure>
    }
}
