//! Searching near a postcode in a real browser, on the real Oldham data. Every expected list is
//! worked out from the CQC and ONS source files by `carefinder_journeys::reference`.

use carefinder_journeys::reference::{district_mean, miles, oldham_services, postcode, within};
use carefinder_journeys::{cdp, check, shared_data, texts, wait_for_heading, wait_for_text, Browser, Data, Outcome, Site};
use fantoccini::{Client, Locator};
use serde_json::json;

/// Waits for the results count, then reads the result names and the distances shown.
async fn results(client: &Client) -> Result<(String, Vec<String>, Vec<String>), Box<dyn std::error::Error>> {
    let status = wait_for_text(client, ".results-count", |t| !t.is_empty() && t != "Searching…").await?;
    let names = texts(client, ".result__name a").await?;
    let distances = texts(client, ".result__facts > div:nth-child(2) dd").await?;
    Ok((status, names, distances))
}

fn one_decimal(d: f64) -> String {
    format!("{d:.1}")
}

/// Compares the page with an independent list: same services, same order, same distances.
fn same_results(page: &(String, Vec<String>, Vec<String>), expected: &[(String, f64)]) -> Outcome {
    let names: Vec<&String> = expected.iter().map(|(n, _)| n).collect();
    check(page.1.iter().collect::<Vec<_>>() == names, format!("page lists {:?}\nexpected {:?}", page.1, names))?;
    for (shown, (name, d)) in page.2.iter().zip(expected) {
        check(shown.starts_with(&one_decimal(*d)), format!("{name}: page shows {shown:?}, expected {:.1} miles", d))?;
    }
    Ok(())
}

#[tokio::test]
async fn results_for_real_postcodes_match_an_independent_computation() {
    let Some(shared) = shared_data() else { return };
    let services = oldham_services(&shared);
    let site = Site::start("search-real", Data::Default);
    Browser::journey("results_for_real_postcodes_match_an_independent_computation", |client| async move {
        for (typed, file, radius) in [("ol1 1aa", "nspl_may2025_latlong_OL.csv", 1.0), ("OL9 6LD", "nspl_may2025_latlong_OL.csv", 5.0), ("OL4  2SF", "nspl_may2025_latlong_OL.csv", 10.0)] {
            client.goto(&site.url("/search")).await?;
            wait_for_heading(&client, "Search for care services").await?;
            let input = client.find(Locator::Id("postcode")).await?;
            input.send_keys(typed).await?;
            client.find(Locator::Css(&format!("#distance option[value='{}']", radius as u32))).await?.click().await?;
            client.find(Locator::Css("form.search-form button[type=submit]")).await?.click().await?;
            let page = results(&client).await?;
            let origin = postcode(&shared, file, typed.to_uppercase().split_whitespace().collect::<String>().as_str());
            let expected = within(&services, origin, radius);
            check(!expected.is_empty(), "the check needs some services in range")?;
            same_results(&page, &expected)?;
            let unit = if radius == 1.0 { "mile" } else { "miles" };
            check(
                page.0.ends_with(&format!("within {} {unit} of {}", radius as u32, typed.to_uppercase().split_whitespace().collect::<Vec<_>>().join(" "))),
                format!("status reads {:?}", page.0),
            )?;
            // The address bar holds the search.
            let url = client.current_url().await?;
            check(url.query().is_some_and(|q| q.contains(&format!("distance={}", radius as u32))), format!("url {url}"))?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_district_alone_searches_from_its_centre_and_says_so() {
    let Some(shared) = shared_data() else { return };
    let services = oldham_services(&shared);
    let site = Site::start("search-district", Data::Default);
    Browser::journey("a_district_alone_searches_from_its_centre_and_says_so", |client| async move {
        client.goto(&site.url("/search?postcode=ol8&distance=5")).await?;
        let page = results(&client).await?;
        check(page.0.ends_with("within 5 miles of the centre of the OL8 postcode district"), format!("status {:?}", page.0))?;
        let expected = within(&services, district_mean(&shared, "nspl_may2025_latlong_OL.csv", "OL8"), 5.0);
        same_results(&page, &expected)
    })
    .await;
}

#[tokio::test]
async fn invalid_and_unknown_postcodes_get_plain_messages() {
    let Some(shared) = shared_data() else { return };
    let ol = std::fs::read_to_string(shared.join("postcodes/nspl_may2025_latlong_OL.csv")).unwrap();
    assert!(!ol.contains("\nOL1 0AA,"), "the check needs a well-formed postcode that ONS does not list");
    let site = Site::start("search-errors", Data::Default);
    Browser::journey("invalid_and_unknown_postcodes_get_plain_messages", |client| async move {
        for (query, message) in [
            ("postcode=hello", "Enter a full postcode, like NR1 3DH"),
            ("postcode=", "Enter a postcode"),
            ("postcode=ol1+0aa", "We cannot find OL1 0AA in our postcode data. Check it, or enter just the first part, like OL1"),
            ("postcode=ZZ9+9ZZ", "ZZ9 9ZZ is outside the area this service covers. Enter a postcode in the area"),
        ] {
            client.goto(&site.url(&format!("/search?{query}&distance=5"))).await?;
            let summary = wait_for_text(&client, ".error-summary", |t| t.contains("There is a problem")).await?;
            check(summary.contains(message), format!("{query}: summary reads {summary:?}"))?;
            let inline = client.find(Locator::Css("#postcode-error")).await?.text().await?;
            check(inline.ends_with(message), format!("{query}: inline error reads {inline:?}"))?;
            let link = client.find(Locator::Css(".error-summary a")).await?.attr("href").await?;
            check(link.as_deref() == Some("#postcode"), "the summary links to the field")?;
            check(client.title().await?.starts_with("Error: "), "the title starts with Error:")?;
            let focused = client.active_element().await?.attr("class").await?.unwrap_or_default();
            check(focused.contains("error-summary"), format!("focus is on {focused:?}, not the error summary"))?;
            check(client.find_all(Locator::Css(".result")).await?.is_empty(), "no results are shown")?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_address_bar_restores_filters_and_sort_on_reload_and_back() {
    let Some(shared) = shared_data() else { return };
    let services = oldham_services(&shared);
    let site = Site::start("search-url", Data::Default);
    Browser::journey("the_address_bar_restores_filters_and_sort_on_reload_and_back", |client| async move {
        client.goto(&site.url("/search?postcode=OL1+1AA&distance=5")).await?;
        let all = results(&client).await?;
        // Choose care homes only, then search again.
        client.find(Locator::Css("details.filters summary")).await?.click().await?;
        client.find(Locator::Id("type-care_home")).await?.click().await?;
        client.find(Locator::Css("form.search-form button[type=submit]")).await?.click().await?;
        wait_for_text(&client, ".results-count", |t| !t.starts_with(&all.0[..all.0.find(' ').unwrap()])).await?;
        let homes = results(&client).await?;
        let origin = postcode(&shared, "nspl_may2025_latlong_OL.csv", "OL11AA");
        let residential: Vec<_> = services.iter().filter(|s| s.services.iter().any(|t| t == "Residential homes")).cloned().collect();
        same_results(&homes, &within(&residential, origin, 5.0))?;
        let url = client.current_url().await?;
        check(url.query().is_some_and(|q| q.contains("type=care_home")), format!("url {url}"))?;
        // Reload: the same results, and the box still ticked.
        client.refresh().await?;
        let again = results(&client).await?;
        check(again.1 == homes.1, "reload gave different results")?;
        check(client.find(Locator::Id("type-care_home")).await?.prop("checked").await?.as_deref() == Some("true"), "the filter was not restored")?;
        // Back: every type again.
        client.back().await?;
        wait_for_text(&client, ".results-count", |t| t == all.0).await?;
        let before = results(&client).await?;
        check(before.1 == all.1, "back did not restore the first search")
    })
    .await;
}

#[tokio::test]
async fn when_nothing_matches_the_nearest_service_is_named_and_a_wider_search_offered() {
    let Some(shared) = shared_data() else { return };
    let services = oldham_services(&shared);
    let site = Site::start("search-none", Data::Default);
    Browser::journey("when_nothing_matches_the_nearest_service_is_named_and_a_wider_search_offered", |client| async move {
        let origin = postcode(&shared, "nspl_may2025_latlong_OL.csv", "OL11AA");
        let shared_lives: Vec<_> = services.iter().filter(|s| s.services.iter().any(|t| t == "Shared lives")).cloned().collect();
        let nearest = shared_lives.iter().map(|s| (s.name.clone(), miles(origin, (s.lat, s.lon)))).min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        check(nearest.1 > 1.0, "the check needs the nearest shared lives scheme beyond 1 mile")?;
        client.goto(&site.url("/search?postcode=OL1+1AA&distance=1&type=shared_lives")).await?;
        let status = wait_for_text(&client, ".results-count", |t| !t.is_empty() && t != "Searching…").await?;
        check(status.starts_with("0 services within 1 mile"), format!("status {status:?}"))?;
        let text = client.find(Locator::Css(".no-results")).await?.text().await?;
        check(text.contains(&format!("The nearest service that matches is {}, {:.1} miles away.", nearest.0, nearest.1)), format!("reads {text:?}"))?;
        client.find(Locator::LinkText("Search within 5 miles")).await?.click().await?;
        let wider = results(&client).await?;
        check(wider.0.contains("within 5 miles"), format!("status {:?}", wider.0))?;
        same_results(&wider, &within(&shared_lives, origin, 5.0))
    })
    .await;
}

#[tokio::test]
async fn use_my_location_searches_when_allowed_and_explains_when_refused() {
    let Some(shared) = shared_data() else { return };
    let services = oldham_services(&shared);
    let site = Site::start("search-location", Data::Default);
    let origin_url = site.url("");
    Browser::journey("use_my_location_searches_when_allowed_and_explains_when_refused", |client| async move {
        client.goto(&site.url("/search")).await?;
        wait_for_heading(&client, "Search for care services").await?;
        // Refused: the browser says no.
        cdp(&client, "Browser.setPermission", json!({"permission": {"name": "geolocation"}, "setting": "denied", "origin": origin_url})).await?;
        client.find(Locator::XPath("//button[normalize-space()='Use my location']")).await?.click().await?;
        let refused = wait_for_text(&client, ".location-message", |t| t.starts_with("You did not allow")).await?;
        check(refused.contains("Enter a postcode instead"), format!("message {refused:?}"))?;
        // Allowed: a position near Oldham town centre.
        cdp(&client, "Browser.setPermission", json!({"permission": {"name": "geolocation"}, "setting": "granted", "origin": origin_url})).await?;
        cdp(&client, "Emulation.setGeolocationOverride", json!({"latitude": 53.54113, "longitude": -2.11701, "accuracy": 50})).await?;
        client.find(Locator::XPath("//button[normalize-space()='Use my location']")).await?.click().await?;
        let page = results(&client).await?;
        check(page.0.ends_with("within 5 miles of your location"), format!("status {:?}", page.0))?;
        let url = client.current_url().await?;
        check(url.query().is_some_and(|q| q.starts_with("lat=53.541&lon=-2.117")), format!("url {url}"))?;
        // The search uses the rounded position kept in the address bar.
        same_results(&page, &within(&services, (53.541, -2.117), 5.0))
    })
    .await;
}

#[tokio::test]
async fn a_failed_postcode_download_says_so_and_retry_recovers() {
    let Some(_) = shared_data() else { return };
    let site = Site::start("search-retry", Data::Default);
    let district = site.dir.join("data/postcodes/OL1.json");
    let good = std::fs::read(&district).unwrap();
    std::fs::write(&district, &good[..good.len() / 3]).unwrap();
    Browser::journey("a_failed_postcode_download_says_so_and_retry_recovers", |client| async move {
        client.goto(&site.url("/search?postcode=OL1+1AA&distance=1")).await?;
        let notice = wait_for_text(&client, ".notice", |t| t.contains("could not download")).await?;
        check(notice.contains("/data/postcodes/OL1.json"), format!("notice reads {notice:?}"))?;
        std::fs::write(&district, &good)?;
        client.find(Locator::XPath("//button[normalize-space()='Try again']")).await?.click().await?;
        let page = results(&client).await?;
        check(page.0.ends_with("within 1 mile of OL1 1AA") && !page.1.is_empty(), format!("status {:?}", page.0))
    })
    .await;
}
