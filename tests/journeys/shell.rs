//! The app shell in a real browser: every route renders its own h1 and title, focus follows
//! navigation, example data is labelled, and a missing or damaged dataset shows the error page.

use carefinder_journeys::{check, texts, wait_for_heading, Browser, Data, Site};
use fantoccini::Locator;

/// (path, the page's h1, its document title)
const ROUTES: [(&str, &str, &str); 9] = [
    (
        "/",
        "Find and compare adult social care",
        "Find and compare adult social care - carefinder",
    ),
    (
        "/search",
        "Search for care services",
        "Search for care services - carefinder",
    ),
    (
        "/provider/1-000000001",
        "Care service not found",
        "Care service not found - carefinder",
    ),
    ("/compare", "Your shortlist", "Your shortlist - carefinder"),
    (
        "/pathways",
        "Information and advice",
        "Information and advice - carefinder",
    ),
    (
        "/about-data",
        "About the data",
        "About the data - carefinder",
    ),
    (
        "/accessibility",
        "Accessibility statement",
        "Accessibility statement - carefinder",
    ),
    (
        "/costs",
        "Estimate what you might pay",
        "Estimate what you might pay - carefinder",
    ),
    (
        "/no/such/page",
        "Page not found",
        "Page not found - carefinder",
    ),
];

#[tokio::test]
async fn every_route_renders_one_h1_and_its_own_title() {
    let site = Site::start("routes", Data::Default);
    Browser::journey(
        "every_route_renders_one_h1_and_its_own_title",
        |client| async move {
            for (path, heading, title) in ROUTES {
                client.goto(&site.url(path)).await?;
                wait_for_heading(&client, heading).await?;
                let h1s = texts(&client, "h1").await?;
                check(
                    h1s.len() == 1,
                    format!("{path} has {} h1 elements: {h1s:?}", h1s.len()),
                )?;
                let actual = client.title().await?;
                check(
                    actual == title,
                    format!("{path} has the title {actual:?}, expected {title:?}"),
                )?;
                let main = client.find(Locator::Css("main#main-content")).await?;
                check(
                    !main.text().await?.is_empty(),
                    format!("{path} has an empty main"),
                )?;
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn navigating_moves_focus_to_the_new_pages_heading() {
    let site = Site::start("focus", Data::Default);
    Browser::journey(
        "navigating_moves_focus_to_the_new_pages_heading",
        |client| async move {
            client.goto(&site.url("/")).await?;
            wait_for_heading(&client, "Find and compare adult social care").await?;
            // The skip link comes first and leads to main.
            let first_link = client.find(Locator::Css("body a")).await?;
            check(
                first_link.attr("href").await?.as_deref() == Some("#main-content"),
                "the first link is not the skip link",
            )?;
            client
                .find(Locator::Css("nav a[href='/about-data']"))
                .await?
                .click()
                .await?;
            wait_for_heading(&client, "About the data").await?;
            // Focus moves on the next animation frame; give it a moment.
            let mut focused = String::new();
            for _ in 0..40 {
                focused = client
                    .active_element()
                    .await?
                    .prop("tagName")
                    .await?
                    .unwrap_or_default();
                if focused == "H1" {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(25)).await;
            }
            check(
                focused == "H1",
                format!("after navigating, focus is on {focused}, not the h1"),
            )?;
            check(
                client.current_url().await?.path() == "/about-data",
                "the address did not change",
            )?;
            // Back returns to the home page and its heading.
            client.back().await?;
            wait_for_heading(&client, "Find and compare adult social care").await
        },
    )
    .await;
}

#[tokio::test]
async fn example_data_is_labelled_on_every_page_with_its_source_in_the_footer() {
    let site = Site::start("example", Data::Example);
    Browser::journey(
        "example_data_is_labelled_on_every_page_with_its_source_in_the_footer",
        |client| async move {
            for (path, heading, _) in ROUTES {
                client.goto(&site.url(path)).await?;
                wait_for_heading(&client, heading).await?;
                let banner = texts(&client, ".example-banner").await?;
                check(
                    banner.len() == 1 && banner[0].contains("Example data: not real services"),
                    format!("{path}: example banner is {banner:?}"),
                )?;
                let footer = client.find(Locator::Css("footer")).await?.text().await?;
                check(
                    footer.contains("carefinder: Example data: not real services"),
                    format!("{path}: footer reads {footer:?}"),
                )?;
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_missing_dataset_shows_the_error_page_and_retry_recovers() {
    let site = Site::start("missing", Data::Missing);
    Browser::journey(
        "a_missing_dataset_shows_the_error_page_and_retry_recovers",
        |client| async move {
            client.goto(&site.url("/search")).await?;
            wait_for_heading(&client, "Sorry, there is a problem with the service").await?;
            let detail = client
                .find(Locator::Css(".data-error__detail"))
                .await?
                .text()
                .await?;
            check(
                detail.contains("/data/manifest.json") && detail.contains("404"),
                format!("error detail reads {detail:?}"),
            )?;
            // Put the dataset in place, then retry: the page the person asked for appears.
            let example = carefinder_journeys::root().join("target/datasets/example");
            carefinder_journeys::copy_dir(&example, &site.dir.join("data"));
            client
                .find(Locator::XPath("//button[normalize-space()='Try again']"))
                .await?
                .click()
                .await?;
            wait_for_heading(&client, "Search for care services").await
        },
    )
    .await;
}

#[tokio::test]
async fn a_damaged_dataset_shows_the_error_page_naming_the_problem() {
    let site = Site::start("corrupt", Data::Corrupt);
    Browser::journey("a_damaged_dataset_shows_the_error_page_naming_the_problem", |client| async move {
        client.goto(&site.url("/")).await?;
        wait_for_heading(&client, "Sorry, there is a problem with the service").await?;
        let detail = client.find(Locator::Css(".data-error__detail")).await?.text().await?;
        check(
            detail.starts_with("The care services data is damaged: manifest.json is not a valid dataset manifest"),
            format!("error detail reads {detail:?}"),
        )?;
        check(client.title().await? == "Sorry, there is a problem with the service - carefinder", "error page title")
    })
    .await;
}
