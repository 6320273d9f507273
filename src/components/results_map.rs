use carefinder_core::distance::Point;
use carefinder_core::map_layers::{LabelKind, MapView};
use carefinder_core::routes::Route;
use leptos::prelude::*;

use crate::data::{SharedManifest, VisitData};

/// One result on the map: its place, its number in the list, its name and its service id.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub point: Point,
    pub number: usize,
    pub name: String,
    pub id: String,
}

/// A plain SVG plot of the results around the search point: no map tiles, nothing fetched from
/// another site. The numbered list is the main, accessible presentation; this picture repeats
/// it. Each marker is an SVG link to the service that, in the app, `on_choose` turns into a
/// move to its card. District outlines, council boundaries and town names from the dataset's
/// `map.json` are drawn under the markers once that file arrives; without it the markers stand
/// alone.
#[component]
pub fn ResultsMap(
    origin: Point,
    radius: f64,
    marks: Vec<Mark>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let map = MapView::around(origin, radius);
    let r = radius.max(0.5);
    let dot = map.marker_radius() / 1.6;
    let points: Vec<Point> = marks.iter().map(|m| m.point).collect();
    let numbers = marks.iter().map(|m| m.number);
    let (first, last) = (
        numbers.clone().min().unwrap_or(0),
        numbers.max().unwrap_or(0),
    );
    let label = format!(
        "Map of results {first} to {last}, within {radius} miles of the search point. The list gives the same information."
    );
    let visit = use_context::<VisitData>();
    let manifest = use_context::<SharedManifest>();
    let layers = LocalResource::new(move || {
        let manifest = manifest.clone();
        async move {
            match (visit, manifest) {
                (Some(visit), Some(manifest)) => visit.map_layers(manifest).await,
                _ => None,
            }
        }
    });
    let font = map.font_size();
    let drawn = move || {
        let loaded = layers.get().flatten()?;
        let drawn = map.draw(&loaded, &points);
        let lines = drawn
            .councils
            .into_iter()
            .map(|s| view! { <polygon class="map__council" points=s.points /> })
            .chain(
                drawn
                    .districts
                    .into_iter()
                    .map(|s| view! { <polygon class="map__district" points=s.points /> }),
            )
            .collect_view();
        let labels = drawn
            .labels
            .into_iter()
            .map(|l| {
                let (class, size) = match l.kind {
                    LabelKind::Place => ("map__place", font),
                    LabelKind::District => ("map__district-code", font * 0.8),
                };
                view! {
                    <text class=class x=l.x y=l.y font-size=size stroke-width=size * 0.25 text-anchor="middle" dominant-baseline="central">{l.text}</text>
                }
            })
            .collect_view();
        Some(view! { <g class="map__layers" aria-hidden="true">{lines}{labels}</g> })
    };
    let marks = marks
        .into_iter()
        .map(|m| {
            let (x, y) = map.xy(m.point);
            let href = Route::Service { id: m.id.clone() }.path();
            let (on_click, on_key) = (m.id.clone(), m.id.clone());
            let choose = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                on_choose.run(on_click.clone());
            };
            // SVG links follow Enter like HTML ones; handled here so the card takes focus
            // whichever way the browser dispatches it.
            let key = move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" {
                    ev.prevent_default();
                    on_choose.run(on_key.clone());
                }
            };
            // Inside <g> the view macro makes <a> an SVG link (a separate view's <a> would be
            // HTML, which an SVG neither draws nor lets people reach by keyboard).
            view! {
                <g class="map__marker">
                    <a class="map__mark" href=href aria-label=format!("{}. {}", m.number, m.name) on:click=choose on:keydown=key>
                        <circle cx=x cy=y r=dot * 1.6 />
                        <text x=x y=y + dot * 0.55 font-size=dot * 1.6 text-anchor="middle" aria-hidden="true">{m.number}</text>
                    </a>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="map">
            <svg viewBox=map.view_box() role="group" aria-label=label preserveAspectRatio="xMidYMid meet">
                <circle class="map__radius" cx="0" cy="0" r=r />
                {drawn}
                <line class="map__cross" x1=-dot * 2.0 y1="0" x2=dot * 2.0 y2="0" />
                <line class="map__cross" x1="0" y1=-dot * 2.0 x2="0" y2=dot * 2.0 />
                {marks}
            </svg>
            <figcaption class="map__caption">
                "The cross marks the search point; the circle shows the distance chosen. North is up."
                {move || layers.get().flatten().map(|l| match l.councils.is_empty() {
                    true => " Thin lines outline postcode districts.",
                    false => " Thin lines outline postcode districts; thicker ones are council boundaries.",
                })}
            </figcaption>
        </figure>
    }
}
