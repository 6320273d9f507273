//! axe-core on every route and state, for WCAG 2.0, 2.1 and 2.2 A and AA: zero violations;
//! and at each of them, nothing scrolls sideways in a 320-pixel window (WCAG 1.4.10 Reflow).

use std::time::Duration;

use carefinder_journeys::reference::Source;
use carefinder_journeys::{
    axe_violations, check, journey_on, twins, wait_for_heading, wait_for_text, Browser, Data,
    JourneyResult, Site,
};
use fantoccini::{Client, Locator};

/// Opens `path`, waits for `ready` (an h1 or an element's text), and scans the page.
async fn scan(
    client: &Client,
    site: &Site,
    path: &str,
    heading: &str,
    found: &mut Vec<String>,
) -> JourneyResult {
    client.goto(&site.url(path)).await?;
    wait_for_heading(client, heading).await?;
    scan_here(client, path, found).await
}

async fn scan_here(client: &Client, label: &str, found: &mut Vec<String>) -> JourneyResult {
    // Let late content (results, loaded figures) settle before scanning.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for v in axe_violations(client).await? {
        found.push(format!("{label}: {v}"));
    }
    if let Some(wide) = wider_than_320(client).await? {
        found.push(format!("{label}: {wide}"));
    }
    Ok(())
}

/// At 400% zoom a 1280-pixel-wide window is 320 CSS pixels wide. The page is shown so, in
/// the state it is in, and measured; tables may scroll inside their own region.
async fn wider_than_320(client: &Client) -> Result<Option<String>, Box<dyn std::error::Error>> {
    let metrics =
        serde_json::json!({"width": 320, "height": 256, "deviceScaleFactor": 4, "mobile": false});
    carefinder_journeys::cdp(client, "Emulation.setDeviceMetricsOverride", metrics).await?;
    tokio::time::sleep(Duration::from_millis(150)).await;
    let measure = "const wide = [...document.querySelectorAll('main *, header *, footer *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrapper'))
        .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class') : ''));
        return [document.documentElement.scrollWidth, window.innerWidth, wide];";
    let sizes = client.execute(measure, vec![]).await?;
    carefinder_journeys::cdp(
        client,
        "Emulation.clearDeviceMetricsOverride",
        serde_json::json!({}),
    )
    .await?;
    let (scroll, inner) = (
        sizes[0].as_u64().unwrap_or(0),
        sizes[1].as_u64().unwrap_or(0),
    );
    if inner != 320 {
        return Ok(Some(format!(
            "the emulated window is {inner}px wide, not 320"
        )));
    }
    Ok((scroll > inner).then(|| {
        format!(
            "content is {scroll}px wide in a {inner}px window ({})",
            sizes[2]
        )
    }))
}

twins!(every_route_and_state_has_no_wcag_a_or_aa_violations_and_reflows_at_320px,
       every_route_and_state_has_no_wcag_a_or_aa_violations_and_reflows_at_320px_on_example_data => scan_every_route_and_state);

async fn scan_every_route_and_state(source: Source) {
    // Results around a postcode with services near it.
    let place = source.home_postcode().replace(' ', "+");
    let longest_website = source
        .services()
        .into_iter()
        .filter(|s| s.website.is_some())
        .max_by_key(|s| s.website.as_ref().map_or(0, String::len))
        .map(|s| (s.id, s.name));
    journey_on(
        &source,
        "every_route_and_state_has_no_wcag_a_or_aa_violations_and_reflows_at_320px",
        |site| {
            move |client| async move {
                let mut found = Vec::new();
                let f = &mut found;
                let c = &client;
                scan(c, &site, "/", "Find and compare adult social care", f).await?;
                scan(c, &site, "/search", "Search for care services", f).await?;
                client
                    .goto(&site.url(&format!("/search?postcode={place}&distance=5")))
                    .await?;
                wait_for_text(c, ".results-count", |t| t.contains("within")).await?;
                scan_here(c, "search results", f).await?;
                client
                    .goto(&site.url(&format!(
                        "/search#postcode={place}&distance=10&type=care_home&rating=good&page=2"
                    )))
                    .await?;
                wait_for_text(c, ".results-count", |t| t.contains("within")).await?;
                scan_here(c, "filtered results, second page", f).await?;
                client
                    .goto(&site.url("/search#postcode=&name=house"))
                    .await?;
                wait_for_text(c, ".results-count", |t| t.contains("named like")).await?;
                scan_here(c, "search by name", f).await?;
                client
                    .find(Locator::Css(".result .button--secondary"))
                    .await?
                    .click()
                    .await?;
                client
                    .goto(&site.url("/search?postcode=hello&distance=5"))
                    .await?;
                wait_for_text(c, ".error-summary", |t| t.contains("There is a problem")).await?;
                scan_here(c, "search error", f).await?;
                client
                    .goto(&site.url(&format!(
                        "/search?postcode={place}&distance=1&type=shared_lives&rating=outstanding"
                    )))
                    .await?;
                wait_for_text(c, ".results-count", |t| t.contains("within")).await?;
                scan_here(c, "no results", f).await?;
                // A provider page: the first result's.
                client
                    .goto(&site.url(&format!("/search?postcode={place}&distance=5")))
                    .await?;
                wait_for_text(c, ".results-count", |t| t.contains("within")).await?;
                client
                    .find(Locator::Css(".result__name a"))
                    .await?
                    .click()
                    .await?;
                wait_for_text(c, "h1", |t| {
                    t != "Search for care services" && t != "Care service"
                })
                .await?;
                scan_here(c, "provider page", f).await?;
                // The service with the longest web address, which must wrap (the made-up
                // services have none).
                if let Some((id, name)) = longest_website.clone() {
                    scan(c, &site, &format!("/provider/{id}"), &name, f).await?;
                }
                scan(
                    c,
                    &site,
                    "/provider/1-000000001",
                    "Care service not found",
                    f,
                )
                .await?;
                scan(c, &site, "/compare", "Your shortlist", f).await?;
                scan(c, &site, "/costs", "Estimate what you might pay", f).await?;
                client
                    .find(Locator::Css("form.costs-form button[type=submit]"))
                    .await?
                    .click()
                    .await?;
                wait_for_text(c, ".error-summary", |t| t.contains("There is a problem")).await?;
                scan_here(c, "estimator errors", f).await?;
                for (id, v) in [("fee", "900"), ("income", "250"), ("savings", "12000")] {
                    client.find(Locator::Id(id)).await?.send_keys(v).await?;
                }
                client.find(Locator::Id("owns-no")).await?.click().await?;
                client
                    .find(Locator::Css("form.costs-form button[type=submit]"))
                    .await?
                    .click()
                    .await?;
                wait_for_text(c, "[aria-live]", |t| t.contains("Your estimate")).await?;
                scan_here(c, "estimate", f).await?;
                scan(c, &site, "/pathways", "Information and advice", f).await?;
                scan(c, &site, "/pathways/carer", "I look after someone", f).await?;
                scan(
                    c,
                    &site,
                    "/pathways/carer/cares",
                    "Do you help someone who could not manage without you?",
                    f,
                )
                .await?;
                client
                    .find(Locator::Css("button[type=submit]"))
                    .await?
                    .click()
                    .await?;
                wait_for_text(c, ".error-summary", |t| t.contains("Select an answer")).await?;
                scan_here(c, "question error", f).await?;
                scan(
                    c,
                    &site,
                    "/pathways/carer/check?answers=cares.yes,want.break",
                    "Check your answers",
                    f,
                )
                .await?;
                scan(
                    c,
                    &site,
                    "/pathways/carer/breaks?answers=cares.yes,want.break",
                    "Get a break from caring",
                    f,
                )
                .await?;
                // An outcome with the council's own contacts (real data) or national help.
                scan(
                    c,
                    &site,
                    "/pathways/worried/safeguarding",
                    "Report a concern about abuse or neglect",
                    f,
                )
                .await?;
                scan(c, &site, "/about-data", "About the data", f).await?;
                scan(c, &site, "/accessibility", "Accessibility statement", f).await?;
                scan(c, &site, "/no/such/page", "Page not found", f).await?;
                client
                    .find(Locator::XPath(
                        "//button[normalize-space()='Adviser mode: off']",
                    ))
                    .await?
                    .click()
                    .await?;
                scan_here(c, "adviser mode", f).await?;
                check(
                    found.is_empty(),
                    format!(
                        "{} accessibility violations:\n{}",
                        found.len(),
                        found.join("\n")
                    ),
                )
            }
        },
    )
    .await;
}

#[tokio::test]
async fn the_data_error_and_example_pages_have_no_violations_either() {
    let missing = Site::start("axe-missing", Data::Missing);
    let example = Site::start("axe-example", Data::Example);
    Browser::journey(
        "the_data_error_and_example_pages_have_no_violations_either",
        |client| async move {
            let mut found = Vec::new();
            scan(
                &client,
                &missing,
                "/",
                "Sorry, there is a problem with the service",
                &mut found,
            )
            .await?;
            scan(
                &client,
                &example,
                "/",
                "Find and compare adult social care",
                &mut found,
            )
            .await?;
            check(
                found.is_empty(),
                format!(
                    "{} accessibility violations:\n{}",
                    found.len(),
                    found.join("\n")
                ),
            )
        },
    )
    .await;
}

/// The scans themselves can fail: a picture without a text alternative, and a line that cannot
/// wrap, are reported.
#[tokio::test]
async fn the_scans_report_planted_violations() {
    let site = Site::start("axe-planted", Data::Example);
    Browser::journey("the_scans_report_planted_violations", |client| async move {
        client.goto(&site.url("/")).await?;
        wait_for_heading(&client, "Find and compare adult social care").await?;
        client.execute("const i = document.createElement('img'); i.src = '/favicon.svg'; document.querySelector('main').appendChild(i);", vec![]).await?;
        let found = axe_violations(&client).await?;
        check(found.iter().any(|v| v.starts_with("image-alt")), format!("expected image-alt, got {found:?}"))?;
        // And the reflow check reports a line of text that cannot wrap.
        check(wider_than_320(&client).await?.is_none(), "the home page is already too wide")?;
        client.execute("const p = document.createElement('p'); p.textContent = 'x'.repeat(200); p.style.overflowWrap = 'normal'; document.querySelector('main').appendChild(p);", vec![]).await?;
        let wide = wider_than_320(&client).await?;
        check(wide.is_some(), format!("expected a wide page, got {wide:?}"))
    })
    .await;
}

/// Search, shortlist and compare with a keyboard alone.
#[tokio::test]
async fn search_and_shortlist_work_by_keyboard_alone() {
    use fantoccini::key::Key;
    let site = Site::start("keyboard-search", Data::Example);
    Browser::journey(
        "search_and_shortlist_work_by_keyboard_alone",
        |client| async move {
            client.goto(&site.url("/")).await?;
            wait_for_heading(&client, "Find and compare adult social care").await?;
            // Tab from the top of the page: the skip link comes first.
            let body = client.find(Locator::Css("body")).await?;
            body.send_keys(&Key::Tab.to_string()).await?;
            let first = client.active_element().await?.text().await?;
            check(
                first == "Skip to main content",
                format!("first Tab stop: {first:?}"),
            )?;
            // To the search page by its navigation link, then type a district and press Enter.
            let tab_until = |text: &'static str| {
                let client = client.clone();
                async move {
                    for _ in 0..60 {
                        let el = client.active_element().await?;
                        if el.text().await?.trim().starts_with(text) {
                            return Ok::<_, Box<dyn std::error::Error>>(el);
                        }
                        el.send_keys(&Key::Tab.to_string()).await?;
                    }
                    Err(format!("Tab never reached {text:?}").into())
                }
            };
            tab_until("Search")
                .await?
                .send_keys(&Key::Enter.to_string())
                .await?;
            wait_for_heading(&client, "Search for care services").await?;
            let focused = client
                .active_element()
                .await?
                .prop("tagName")
                .await?
                .unwrap_or_default();
            check(
                focused == "H1",
                format!("focus after navigating is on {focused}"),
            )?;
            let h1 = client.active_element().await?;
            h1.send_keys(&Key::Tab.to_string()).await?;
            let input = client.active_element().await?;
            check(
                input.attr("id").await?.as_deref() == Some("postcode"),
                "Tab from the h1 reaches the postcode field",
            )?;
            input.send_keys(&format!("ZZ5{}", Key::Enter)).await?;
            wait_for_text(&client, ".results-count", |t| t.contains("within 5 miles")).await?;
            tab_until("Add to shortlist")
                .await?
                .send_keys(&Key::Enter.to_string())
                .await?;
            wait_for_text(&client, ".header__count", |t| t == "(1)").await?;
            Ok(())
        },
    )
    .await;
}
