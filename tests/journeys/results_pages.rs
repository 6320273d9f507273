//! Results a person can use on a phone: pages of 20, filter tags that remove themselves, the
//! List / Map switch with markers reached by keyboard, and search by name. Each runs on the real
//! Oldham data and on the example data; every expected list is worked out from the source files
//! by `carefinder_journeys::reference`, never from the app.

use carefinder_journeys::reference::{within, Source, SourceService};
use carefinder_journeys::{
    cdp, check, journey_on as on, texts, twins, wait_for_text, JourneyResult,
};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

const PAGE: usize = 20;

/// Waits until the count has settled on something other than `not`, then reads the card names.
async fn settled(
    client: &Client,
    not: &str,
) -> Result<(String, Vec<String>), Box<dyn std::error::Error>> {
    let status = wait_for_text(client, ".results-count", |t| {
        !t.is_empty() && t != "Searching…" && t != not
    })
    .await?;
    // The cards follow the count in the same update; give the list a moment to be replaced.
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    Ok((status, texts(client, ".result__name a").await?))
}

fn names(expected: &[(String, f64)]) -> Vec<String> {
    expected.iter().map(|(n, _)| n.clone()).collect()
}

fn in_query(postcode: &str) -> String {
    postcode.replace(' ', "+")
}

/// The smallest distance people can choose at which `services` number more than two pages.
fn radius_for_three_pages(services: &[SourceService], origin: (f64, f64)) -> f64 {
    [1.0, 5.0, 10.0, 25.0]
        .into_iter()
        .find(|&r| within(services, origin, r).len() > 2 * PAGE)
        .expect("the check needs more than 40 services within 25 miles")
}

twins!(a_search_shows_twenty_cards_a_page_and_back_and_forward_keep_the_page,
       a_search_shows_twenty_cards_a_page_and_back_and_forward_keep_the_page_on_example_data => pages_of_results);

async fn pages_of_results(source: Source) {
    let home = source.home_postcode();
    let origin = source.postcode(&home);
    let services = source.services();
    let radius = radius_for_three_pages(&services, origin);
    let expected = names(&within(&services, origin, radius));
    on(&source, "results_pages", |site| {
        move |client| async move {
            client
                .goto(&site.url(&format!(
                    "/search#postcode={}&distance={radius}",
                    in_query(&home)
                )))
                .await?;
            let (status, first) = settled(&client, "").await?;
            check(
                status.starts_with(&format!("{} services within", expected.len())),
                format!("status {status:?}, expected {} services", expected.len()),
            )?;
            check(
                first == expected[..PAGE],
                format!("page 1 lists {first:?}\nexpected {:?}", &expected[..PAGE]),
            )?;
            let showing = client
                .find(Locator::Css(".results-showing"))
                .await?
                .text()
                .await?;
            check(
                showing == format!("Showing 1 to 20 of {}", expected.len()),
                format!("reads {showing:?}"),
            )?;
            // Page 2 by its number: the address holds it and the results' heading takes focus.
            client
                .find(Locator::Css(".pagination a[aria-label='Page 2']"))
                .await?
                .click()
                .await?;
            wait_for_text(&client, ".results-showing", |t| {
                t.starts_with("Showing 21 to 40")
            })
            .await?;
            let (_, second) = settled(&client, "").await?;
            check(
                second == expected[PAGE..2 * PAGE],
                format!("page 2 lists {second:?}"),
            )?;
            let url = client.current_url().await?;
            check(
                url.fragment().is_some_and(|f| f.ends_with("&page=2")),
                format!("url {url}"),
            )?;
            let focused = client.active_element().await?.attr("id").await?;
            check(
                focused.as_deref() == Some("results-heading"),
                format!("focus is on {focused:?}"),
            )?;
            let numbers = texts(&client, ".result__number").await?;
            check(
                numbers.first().map(String::as_str) == Some("21"),
                format!("numbers {numbers:?}"),
            )?;
            let current = client
                .find(Locator::Css(".pagination [aria-current=page]"))
                .await?
                .text()
                .await?;
            check(current == "2", format!("current page reads {current:?}"))?;
            // Next, then back twice and forward once.
            client
                .find(Locator::Css(".pagination a[rel=next]"))
                .await?
                .click()
                .await?;
            wait_for_text(&client, ".results-showing", |t| {
                t.starts_with("Showing 41 to")
            })
            .await?;
            client.back().await?;
            page_shows(
                &client,
                "Showing 21 to 40",
                &second,
                "back did not restore page 2",
            )
            .await?;
            client.back().await?;
            page_shows(
                &client,
                "Showing 1 to 20",
                &first,
                "back did not restore page 1",
            )
            .await?;
            client.forward().await?;
            page_shows(
                &client,
                "Showing 21 to 40",
                &second,
                "forward did not restore page 2",
            )
            .await?;
            // A reload keeps the page too.
            client.refresh().await?;
            wait_for_text(&client, ".results-showing", |t| {
                t.starts_with("Showing 21 to 40")
            })
            .await?;
            Ok(())
        }
    })
    .await;
}

twins!(removing_a_filter_tag_updates_the_results_and_the_address,
       removing_a_filter_tag_updates_the_results_and_the_address_on_example_data => filter_tags);

async fn filter_tags(source: Source) {
    let home = source.home_postcode();
    let origin = source.postcode(&home);
    let all = names(&within(&source.services(), origin, 10.0));
    let homes = names(&within(&source.offering("care_home"), origin, 10.0));
    on(&source, "filter_tags", |site| {
        move |client| async move {
            check(
                homes.len() < all.len(),
                "the check needs services other than care homes",
            )?;
            client
                .goto(&site.url(&format!(
                    "/search#postcode={}&distance=10&type=care_home&rating=good&page=2",
                    in_query(&home)
                )))
                .await?;
            let (before, _) = settled(&client, "").await?;
            // Read as a screen reader hears them (the hidden words make a line of their own).
            let tags: Vec<String> = texts(&client, ".filter-tag")
                .await?
                .iter()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            check(
                tags == [
                    "Remove filter: Type of care: Care home",
                    "Remove filter: CQC rating: Good or better",
                ],
                format!("tags read {tags:?}"),
            )?;
            // Remove the rating: care homes of any rating, from page 1.
            client
                .find(Locator::Css(
                    ".filter-tag[href*='type=care_home']:not([href*='rating='])",
                ))
                .await?
                .click()
                .await?;
            let (status, shown) = settled(&client, &before).await?;
            check(
                status.starts_with(&format!("{} service", homes.len())),
                format!("status {status:?}, expected {} care homes", homes.len()),
            )?;
            check(
                shown == homes[..homes.len().min(PAGE)],
                format!("lists {shown:?}"),
            )?;
            let url = client.current_url().await?;
            let fragment = url.fragment().unwrap_or_default().to_string();
            check(
                fragment.contains("type=care_home")
                    && !fragment.contains("rating=")
                    && !fragment.contains("page="),
                format!("url {url}"),
            )?;
            // Clear filters: every type again, and no tags left.
            client
                .find(Locator::LinkText("Clear filters"))
                .await?
                .click()
                .await?;
            let (status, shown) = settled(&client, &status).await?;
            check(
                status.starts_with(&format!("{} service", all.len())),
                format!("status {status:?}"),
            )?;
            check(
                shown == all[..all.len().min(PAGE)],
                format!("lists {shown:?}"),
            )?;
            check(
                client
                    .find_all(Locator::Css(".filter-tag"))
                    .await?
                    .is_empty(),
                "tags remain after Clear filters",
            )
        }
    })
    .await;
}

/// Waits for the page whose "Showing …" line starts with `showing`, then checks its cards.
async fn page_shows(
    client: &Client,
    showing: &str,
    cards: &[String],
    otherwise: &str,
) -> JourneyResult {
    wait_for_text(client, ".results-showing", |t| t.starts_with(showing)).await?;
    check(settled(client, "").await?.1 == cards, otherwise)
}

/// A phone's screen: 390 by 844 CSS pixels.
async fn phone(client: &Client) -> JourneyResult {
    cdp(
        client,
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
    )
    .await?;
    Ok(())
}

async fn shown(client: &Client, css: &str) -> Result<bool, Box<dyn std::error::Error>> {
    let el = client.find(Locator::Css(css)).await?;
    Ok(el.is_displayed().await?)
}

twins!(on_a_phone_the_first_card_is_on_the_first_screen_and_markers_lead_to_cards,
       on_a_phone_the_first_card_is_on_the_first_screen_and_markers_lead_to_cards_on_example_data => phone_list_and_map);

async fn phone_list_and_map(source: Source) {
    let home = source.home_postcode();
    let expected = names(&within(&source.services(), source.postcode(&home), 5.0));
    on(&source, "phone_list_map", |site| {
        move |client| async move {
            phone(&client).await?;
            client.goto(&site.url("/search")).await?;
            carefinder_journeys::wait_for_heading(&client, "Search for care services").await?;
            client.find(Locator::Id("postcode")).await?.send_keys(&home).await?;
            client.find(Locator::Css("form.search-form button[type=submit]")).await?.click().await?;
            settled(&client, "").await?;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let top = client
                .execute("const r = document.querySelector('.result').getBoundingClientRect(); return [r.top, window.innerHeight];", vec![])
                .await?;
            let (top, height) = (top[0].as_f64().unwrap_or(f64::MAX), top[1].as_f64().unwrap_or(0.0));
            check(top >= 0.0 && top < height, format!("the first card starts at {top}px in an {height}px screen"))?;
            // The list shows first; the switch shows the map instead.
            check(shown(&client, ".results__list").await? && !shown(&client, ".map").await?, "the list should show and the map not")?;
            let map_button = client.find(Locator::XPath("//button[normalize-space()='Map']")).await?;
            map_button.click().await?;
            check(shown(&client, ".map").await? && !shown(&client, ".results__list").await?, "the map should show and the list not")?;
            check(map_button.attr("aria-pressed").await?.as_deref() == Some("true"), "Map is not marked as pressed")?;
            let found = carefinder_journeys::axe_violations(&client).await?;
            check(found.is_empty(), format!("axe finds, in the phone's map view: {found:?}"))?;
            // From the switch, Tab reaches the first marker; Enter leads to its card.
            client.active_element().await?.send_keys(&Key::Tab.to_string()).await?;
            let marker = client.active_element().await?;
            let label = marker.attr("aria-label").await?.unwrap_or_default();
            check(label == format!("1. {}", expected[0]), format!("the first Tab stop after Map is {label:?}"))?;
            marker.send_keys(&Key::Enter.to_string()).await?;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            check(shown(&client, ".results__list").await?, "Enter on a marker should show the list")?;
            let focused = client.active_element().await?.text().await?;
            check(focused == expected[0], format!("focus is on {focused:?}, not the first card's link"))?;
            Ok(())
        }
    })
    .await;
}

/// A word with one letter dropped from its middle, as someone might mistype it.
fn one_letter_dropped(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            if w.len() >= 6 && w.is_ascii() {
                format!("{}{}", &w[..3], &w[4..])
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

twins!(a_name_search_tolerates_a_typo_and_finds_services_by_their_providers_name,
       a_name_search_tolerates_a_typo_and_finds_services_by_their_providers_name_on_example_data => name_search);

async fn name_search(source: Source) {
    let services = source.services();
    let (wanted, typed) = match &source {
        Source::Real(_) => ("Hadfield House".to_string(), "hadfeld house".to_string()),
        Source::Example(_) => {
            let s = services
                .iter()
                .find(|s| s.name.split(' ').any(|w| w.len() >= 6))
                .expect("a name with a long word");
            (s.name.clone(), one_letter_dropped(&s.name))
        }
    };
    // A provider with more than one service: all of its services, and they come first.
    let mut by_provider: Vec<(String, Vec<String>)> = Vec::new();
    for s in &services {
        if let Some(p) = &s.provider {
            match by_provider.iter_mut().find(|(name, _)| name == p) {
                Some((_, list)) => list.push(s.name.clone()),
                None => by_provider.push((p.clone(), vec![s.name.clone()])),
            }
        }
    }
    let (provider, mut theirs) = by_provider
        .into_iter()
        .filter(|(_, list)| list.len() > 1)
        .max_by_key(|(_, list)| list.len())
        .expect("the check needs a provider with two or more services");
    theirs.sort();
    let home = source.home_postcode();
    on(&source, "name_search", |site| {
        move |client| async move {
            client.goto(&site.url("/search")).await?;
            carefinder_journeys::wait_for_heading(&client, "Search for care services").await?;
            client
                .find(Locator::Id("name"))
                .await?
                .send_keys(&typed)
                .await?;
            client
                .find(Locator::Css("form.search-form button[type=submit]"))
                .await?
                .click()
                .await?;
            let (status, shown) = settled(&client, "").await?;
            check(
                shown.first() == Some(&wanted),
                format!("{typed:?} lists {shown:?} ({status})"),
            )?;
            check(
                status.contains(&format!("named like “{typed}”")),
                format!("status {status:?}"),
            )?;
            // By the provider's name, typed in capitals, without a postcode.
            client
                .goto(&site.url(&format!(
                        "/search#postcode=&name={}",
                        provider
                            .to_uppercase()
                            .replace(' ', "+")
                            .replace('&', "%26")
                    )))
                .await?;
            let (status, shown) = settled(&client, &status).await?;
            let mut first: Vec<String> = shown.iter().take(theirs.len()).cloned().collect();
            first.sort();
            check(
                first == theirs,
                format!("{provider:?} lists {shown:?} ({status}); expected first {theirs:?}"),
            )?;
            // Each of those cards says which name found it.
            let cards = client.find_all(Locator::Css(".result")).await?;
            for card in cards.iter().take(theirs.len()) {
                let line = match card.find(Locator::Css(".result__also")).await {
                    Ok(el) => el.text().await?,
                    Err(_) => String::new(),
                };
                check(
                    line.to_lowercase() == format!("run by {}", provider.to_lowercase()),
                    format!("a card of {provider:?} says {line:?}"),
                )?;
            }
            // From a search by name alone to one by postcode alone, and back again.
            let name_status = status;
            client.find(Locator::Id("name")).await?.clear().await?;
            client
                .find(Locator::Id("postcode"))
                .await?
                .send_keys(&home)
                .await?;
            client
                .find(Locator::Css("form.search-form button[type=submit]"))
                .await?
                .click()
                .await?;
            let (near, _) = settled(&client, &name_status).await?;
            check(
                near.contains("within"),
                format!("after the postcode search: {near:?}"),
            )?;
            client.back().await?;
            let (again, _) = settled(&client, &near).await?;
            check(
                again == name_status,
                format!("back shows {again:?}, not {name_status:?}"),
            )?;
            // A postcode that cannot be one: the error summary keeps the focus it takes.
            let postcode = client.find(Locator::Id("postcode")).await?;
            postcode.clear().await?;
            postcode.send_keys("hello").await?;
            client
                .find(Locator::Css("form.search-form button[type=submit]"))
                .await?
                .click()
                .await?;
            wait_for_text(&client, ".error-summary", |t| {
                t.contains("There is a problem")
            })
            .await?;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let focused = client
                .active_element()
                .await?
                .attr("class")
                .await?
                .unwrap_or_default();
            check(
                focused.contains("error-summary"),
                format!("focus is on {focused:?}, not the error summary"),
            )?;
            Ok(())
        }
    })
    .await;
}
