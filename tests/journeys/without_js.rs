//! The pre-rendered pages: with JavaScript off, pathways, provider pages, district lists and the
//! home page work as plain HTML with no WCAG A/AA violations; with it on, the app takes over the
//! same addresses in place.

use std::time::{Duration, Instant};

use carefinder_core::area_postcodes::area_of as area;
use carefinder_journeys::{
    app_took_over, axe_violations, cdp, check, texts, wait_for_heading, Browser, Data,
    JourneyResult, Site,
};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

fn read_json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(site.data_file(path)).expect("dataset file"))
        .expect("dataset JSON")
}

/// A rated service (with dates) from the dataset files themselves: (id, name, district, ratings).
fn rated_service(site: &Site) -> (String, String, String, Value) {
    let index = read_json(site, "services.json");
    let row = index
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[8].is_string() && r[9].is_string())
        .expect("a rated service");
    let (id, district) = (
        row[0].as_str().unwrap().to_string(),
        row[2].as_str().unwrap().to_string(),
    );
    let details = read_json(site, &format!("services/{}.json", area(&district)));
    let service = details
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id.as_str())
        .unwrap()
        .clone();
    (
        id,
        service["name"].as_str().unwrap().to_string(),
        district,
        service["ratings"].clone(),
    )
}

/// "2020-02-26" as people read it, "26 February 2020": written here, apart from the app's own.
fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<u32> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    format!(
        "{} {} {}",
        parts[2],
        MONTHS[parts[1] as usize - 1],
        parts[0]
    )
}

/// The h1 of a page that has no running app (so nothing to wait for but the load itself).
async fn heading(client: &Client) -> Result<String, Box<dyn std::error::Error>> {
    Ok(client.find(Locator::Css("h1")).await?.text().await?)
}

/// Clicks a link or button that loads another page, and waits for that page.
async fn follow(client: &Client, locator: Locator<'_>) -> JourneyResult {
    let before = client.current_url().await?;
    client.find(locator).await?.click().await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while client.current_url().await? == before || client.find(Locator::Css("h1")).await.is_err() {
        check(
            Instant::now() < deadline,
            format!("no new page after a click on {before}"),
        )?;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// The h1's text in one step, safe while the page is being swapped.
async fn heading_now(client: &Client) -> Result<String, Box<dyn std::error::Error>> {
    let text = client
        .execute(
            "const h = document.querySelector('h1'); return h ? h.textContent.trim() : '';",
            vec![],
        )
        .await?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

async fn scripts_off(client: &Client, off: bool) -> JourneyResult {
    cdp(
        client,
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": off }),
    )
    .await?;
    Ok(())
}

/// Scans the page as loaded without scripts: scripts go back on only for axe itself.
async fn scan(client: &Client, label: &str, found: &mut Vec<String>) -> JourneyResult {
    scripts_off(client, false).await?;
    for v in axe_violations(client).await? {
        found.push(format!("{label}: {v}"));
    }
    scripts_off(client, true).await
}

#[tokio::test]
async fn without_javascript_pathways_providers_and_districts_work_as_plain_pages() {
    let site = Site::start("without-js", Data::Default);
    let (id, name, district, ratings) = rated_service(&site);
    let pathways = read_json(&site, "pathways.json");
    Browser::journey(
        "without_javascript_pathways_providers_and_districts_work_as_plain_pages",
        |client| async move {
            let mut found = Vec::new();
            scripts_off(&client, true).await?;

            // The home page says what works without JavaScript and leads to it.
            client.goto(&site.url("/")).await?;
            check(
                heading(&client).await? == "Find and compare adult social care",
                "home page heading",
            )?;
            let notice = client
                .find(Locator::Css(".without-js"))
                .await?
                .text()
                .await?;
            check(
                notice.contains("need JavaScript")
                    && notice.contains("browse services by postcode district"),
                format!("notice: {notice}"),
            )?;
            check(
                !app_took_over(&client).await,
                "scripts ran although they are off",
            )?;
            scan(&client, "home", &mut found).await?;

            // A pathway, followed by links alone from the index to an outcome.
            client.goto(&site.url("/pathways")).await?;
            check(
                heading(&client).await? == "Information and advice",
                "pathways index heading",
            )?;
            scan(&client, "pathways index", &mut found).await?;
            let first = &pathways[0];
            follow(&client, Locator::LinkText(first["title"].as_str().unwrap())).await?;
            follow(&client, Locator::LinkText("Start now")).await?;
            let mut pages = 0;
            while client
                .find_all(Locator::XPath("//h2[.='What to do next']"))
                .await?
                .is_empty()
            {
                pages += 1;
                check(pages <= 10, "no outcome after 10 questions")?;
                let question = heading(&client).await?;
                check(
                    first["questions"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|q| q["text"] == question.as_str()),
                    format!("not one of the pathway's questions: {question}"),
                )?;
                if pages == 1 {
                    scan(&client, "question", &mut found).await?;
                }
                follow(&client, Locator::Css(".answer-links a")).await?;
            }
            let outcome = heading(&client).await?;
            check(
                first["outcomes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|o| o["title"] == outcome.as_str()),
                format!("not one of the pathway's outcomes: {outcome}"),
            )?;
            scan(&client, "outcome", &mut found).await?;

            // District lists: the form (sent to the site, which answers with the district's page),
            // then a link to a service.
            client.goto(&site.url("/districts")).await?;
            scan(&client, "districts", &mut found).await?;
            client
                .find(Locator::Id("district"))
                .await?
                .send_keys(&district.to_lowercase())
                .await?;
            follow(&client, Locator::Css("form.district-form button")).await?;
            check(
                heading(&client).await? == format!("Care services in {district}"),
                "the form did not lead to the district",
            )?;
            check(
                client.current_url().await?.path() == format!("/districts/{district}"),
                "district address",
            )?;
            scan(&client, "district", &mut found).await?;
            follow(&client, Locator::LinkText(&name)).await?;

            // The provider page: every rating with its date, as the dataset has them.
            check(heading(&client).await? == name, "provider heading")?;
            check(
                client.current_url().await?.path() == format!("/provider/{id}"),
                "provider address",
            )?;
            let table = client.find(Locator::Css("table")).await?.text().await?;
            for question in [
                "overall",
                "safe",
                "effective",
                "caring",
                "responsive",
                "well_led",
            ] {
                if let Some(date) = ratings[question]["date"].as_str() {
                    check(
                        table.contains(&long_date(date)),
                        format!("{question}'s date {date} missing from: {table}"),
                    )?;
                }
            }
            scan(&client, "provider", &mut found).await?;

            // Search says it needs JavaScript, and offers the district form instead.
            client.goto(&site.url("/search")).await?;
            check(
                heading(&client).await? == "This page needs JavaScript",
                "fallback page heading",
            )?;
            scan(&client, "fallback", &mut found).await?;
            client
                .find(Locator::Id("district"))
                .await?
                .send_keys(&district)
                .await?;
            follow(&client, Locator::Css("form.district-form button")).await?;
            check(
                heading(&client).await? == format!("Care services in {district}"),
                "the search page's form did not lead to the district",
            )?;
            client.goto(&site.url("/about-data")).await?;
            check(
                heading(&client).await? == "About the data",
                "about the data heading",
            )?;
            scan(&client, "about the data", &mut found).await?;
            check(
                found.is_empty(),
                format!("{} WCAG violations:\n{}", found.len(), found.join("\n")),
            )
        },
    )
    .await;
}

#[tokio::test]
async fn with_javascript_the_app_takes_over_the_same_pages_in_place() {
    let site = Site::start("takeover", Data::Default);
    let (id, name, district, _) = rated_service(&site);
    let index = read_json(&site, "services.json");
    let mut in_district: Vec<String> = index
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[2] == district.as_str())
        .map(|r| r[1].as_str().unwrap().to_string())
        .collect();
    in_district.sort();
    Browser::journey("with_javascript_the_app_takes_over_the_same_pages_in_place", |client| async move {
        // The static page is there from the first paint; the app replaces it without a change of heading.
        client.goto(&site.url(&format!("/provider/{id}"))).await?;
        check(heading_now(&client).await? == name, "the first heading seen is the page's own")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while !app_took_over(&client).await {
            check(Instant::now() < deadline, "the app never took over")?;
            check(heading_now(&client).await? == name, "the heading changed during the takeover")?;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        wait_for_heading(&client, &name).await?;
        check(client.find_all(Locator::Css("h1")).await?.len() == 1, "more than one h1 after the takeover")?;
        check(client.find_all(Locator::Css(".without-js")).await?.is_empty(), "the no-JavaScript notice stayed")?;
        // Now interactive: the shortlist works.
        client.find(Locator::XPath("//button[contains(., 'Add to shortlist')]")).await?.click().await?;
        check(client.find(Locator::Css(".header__count")).await?.text().await? == "(1)", "shortlist count")?;

        // Someone reading the static page has scrolled down and focused a link when the app
        // arrives: the link keeps focus and stays where it was on screen, though the app's copy
        // of the page differs above it. (The script runs as the page loads, before the app.)
        let cqc_link = format!("https://www.cqc.org.uk/location/{id}");
        let before_app = format!(
            "document.addEventListener('DOMContentLoaded', () => {{ window.scrollTo(0, 400); \
             const link = document.querySelector('#prerendered main a[href=\"{cqc_link}\"]'); \
             link.focus(); window.linkAt = link.getBoundingClientRect().top; }});"
        );
        let added = cdp(&client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": before_app })).await?;
        client.goto(&site.url(&format!("/provider/{id}"))).await?;
        wait_for_heading(&client, &name).await?;
        let kept = client
            .execute("return [document.activeElement.getAttribute('href'), document.activeElement.getBoundingClientRect().top, window.linkAt, window.scrollY];", vec![])
            .await?;
        check(kept[0] == cqc_link.as_str(), format!("focus was not kept on the CQC link: {kept}"))?;
        let (now, then) = (kept[1].as_f64().unwrap_or(f64::NAN), kept[2].as_f64().unwrap_or(f64::NAN));
        check((now - then).abs() < 2.0 && kept[3].as_f64().is_some_and(|y| y > 0.0), format!("the link moved on screen: {kept}"))?;
        cdp(&client, "Page.removeScriptToEvaluateOnNewDocument", json!({ "identifier": added["identifier"] })).await?;

        // A district page: the app lists the same services the dataset places there.
        client.goto(&site.url(&format!("/districts/{district}"))).await?;
        wait_for_heading(&client, &format!("Care services in {district}")).await?;
        let mut listed = texts(&client, ".result__name a").await?;
        listed.sort();
        check(listed == in_district, format!("listed {listed:?}, expected {in_district:?}"))?;

        // A question page becomes the app's question, with radios and Continue.
        client.goto(&site.url("/pathways")).await?;
        wait_for_heading(&client, "Information and advice").await?;
        client.find(Locator::Css(".pathway-list a")).await?.click().await?;
        client.find(Locator::LinkText("Start now")).await?.click().await?;
        let question_url = client.current_url().await?.to_string();
        client.goto(&question_url).await?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while !app_took_over(&client).await {
            check(Instant::now() < deadline, "the app never took over the question")?;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        check(!client.find_all(Locator::Css("main input[type=radio]")).await?.is_empty(), "the question is not the app's form")?;
        check(client.find_all(Locator::Css(".answer-links")).await?.is_empty(), "the static answer links stayed")
    })
    .await;
}
