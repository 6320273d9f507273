//! The results map on a wide screen: town names and district outlines under the markers, one
//! marker per card, markers reached by Tab and leading to their cards; and a dataset whose map
//! file is broken still shows its results and a plain map. Each runs on the real Oldham data
//! and on the example data; expected names come from `carefinder_journeys::reference`.

use std::time::Duration;

use carefinder_journeys::reference::{within, Source};
use carefinder_journeys::{
    axe_violations, cdp, check, journey_on as on, texts, twins, wait_for_text, JourneyResult,
};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

async fn wide(client: &Client) -> JourneyResult {
    cdp(
        client,
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": false}),
    )
    .await?;
    Ok(())
}

/// Opens a 5-mile search from the source's home postcode and waits for its cards.
async fn search(client: &Client, url: String) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    wide(client).await?;
    client.goto(&url).await?;
    wait_for_text(client, ".results-count", |t| {
        !t.is_empty() && t != "Searching…"
    })
    .await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    Ok(texts(client, ".result__name a").await?)
}

async fn count(client: &Client, css: &str) -> Result<usize, Box<dyn std::error::Error>> {
    Ok(client.find_all(Locator::Css(css)).await?.len())
}

fn search_path(source: &Source) -> String {
    format!(
        "/search#postcode={}&distance=5",
        source.home_postcode().replace(' ', "+")
    )
}

twins!(the_results_map_names_towns_and_outlines_districts_and_its_markers_lead_to_their_cards,
       the_results_map_names_towns_and_outlines_districts_and_its_markers_lead_to_their_cards_on_example_data => layers_and_markers);

async fn layers_and_markers(source: Source) {
    let home = source.home_postcode();
    let expected: Vec<String> = within(&source.services(), source.postcode(&home), 5.0)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    // Names the map may show: words of the services' addresses in the source files.
    let address_words: Vec<String> = match &source {
        Source::Real(dir) => {
            let text =
                std::fs::read_to_string(dir.join("cqc/oldham_cqc_api_locations_2025-03.json"))
                    .unwrap();
            let records: serde_json::Value = serde_json::from_str(&text).unwrap();
            records
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|r| {
                    let line2 = r["postalAddressLine2"].as_str().unwrap_or_default();
                    let town = r["postalAddressTownCity"].as_str().unwrap_or_default();
                    line2
                        .split(',')
                        .chain([town])
                        .map(|w| w.trim().to_string())
                        .collect::<Vec<_>>()
                })
                .collect()
        }
        Source::Example(_) => vec![],
    };
    let is_place = move |name: &str| {
        if address_words.is_empty() {
            name.starts_with("Example")
        } else {
            address_words.iter().any(|w| w == name)
        }
    };
    let path = search_path(&source);
    on(&source, "map_layers", |site| {
        move |client| async move {
            let cards = search(&client, site.url(&path)).await?;
            check(cards.len() == expected.len().min(20), format!("{} cards, expected {}", cards.len(), expected.len().min(20)))?;
            check(cards == expected[..cards.len()], format!("cards {cards:?}"))?;
            // The layers arrive after the list: wait for their names.
            let mut places = vec![];
            for _ in 0..100 {
                places = texts(&client, ".map__place").await?;
                if !places.is_empty() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            check(!places.is_empty() && places.iter().all(|p| is_place(p)), format!("the map names {places:?}"))?;
            let outlines = count(&client, "svg polygon.map__district").await?;
            check(outlines >= 1, "no district outlines on the map")?;
            let codes = texts(&client, ".map__district-code").await?;
            check(codes.iter().all(|c| c.chars().next().is_some_and(|l| l.is_ascii_uppercase())), format!("district codes {codes:?}"))?;
            let hidden = client.find(Locator::Css(".map__layers")).await?.attr("aria-hidden").await?;
            check(hidden.as_deref() == Some("true"), "the layers are not hidden from assistive technology")?;
            // One marker per card, each an SVG link.
            let markers = count(&client, ".map__mark").await?;
            check(markers == cards.len(), format!("{markers} markers for {} cards", cards.len()))?;
            let svg_links = client
                .execute("return [...document.querySelectorAll('.map__mark')].every(a => a.namespaceURI === 'http://www.w3.org/2000/svg' && a.getAttribute('href'));", vec![])
                .await?;
            check(svg_links == json!(true), "markers are not SVG links with an href")?;
            // From the list's last link, Tab reaches the first marker, named as its card.
            client.execute("const l = [...document.querySelectorAll('.results__list a, .results__list button')]; l[l.length - 1].focus();", vec![]).await?;
            let mut label = String::new();
            for _ in 0..12 {
                client.active_element().await?.send_keys(&Key::Tab.to_string()).await?;
                let el = client.active_element().await?;
                if el.attr("class").await?.is_some_and(|c| c.contains("map__mark")) {
                    label = el.attr("aria-label").await?.unwrap_or_default();
                    break;
                }
            }
            check(label == format!("1. {}", cards[0]), format!("the first marker Tab reaches is {label:?}"))?;
            client.active_element().await?.send_keys(&Key::Enter.to_string()).await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let focused = client.active_element().await?;
            let in_card = client
                .execute("return !!document.activeElement.closest('.result__name');", vec![])
                .await?;
            check(in_card == json!(true) && focused.text().await? == cards[0], format!("Enter moved focus to {:?}", focused.text().await?))?;
            let found = axe_violations(&client).await?;
            check(found.is_empty(), format!("axe finds {found:?}"))
        }
    })
    .await;
}

twins!(a_broken_map_file_leaves_the_results_and_a_plain_map,
       a_broken_map_file_leaves_the_results_and_a_plain_map_on_example_data => broken_map_file);

async fn broken_map_file(source: Source) {
    let path = search_path(&source);
    on(&source, "map_broken", |site| {
        // Cut map.json in half (and drop its compressed copies): its hash no longer matches.
        let data = site.dir.join("data");
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(data.join("manifest.json")).unwrap())
                .unwrap();
        let file = data
            .join(manifest["build"].as_str().unwrap())
            .join("map.json");
        let bytes = std::fs::read(&file).expect("the dataset has a map.json");
        std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        for copy in ["map.json.br", "map.json.gz"] {
            let _ = std::fs::remove_file(file.with_file_name(copy));
        }
        move |client| async move {
            let cards = search(&client, site.url(&path)).await?;
            check(!cards.is_empty(), "no results with a broken map file")?;
            tokio::time::sleep(Duration::from_millis(1500)).await;
            check(
                count(&client, ".map__mark").await? == cards.len(),
                "the markers are missing",
            )?;
            check(
                count(&client, ".map__layers").await? == 0,
                "layers drawn from a broken file",
            )?;
            let h1 = client.find(Locator::Css("h1")).await?.text().await?;
            check(
                h1 == "Search for care services",
                format!("the page's heading is {h1:?}"),
            )?;
            check(
                texts(&client, ".result__name a").await? == cards,
                "the results changed",
            )
        }
    })
    .await;
}
