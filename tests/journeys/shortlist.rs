//! Service pages, the shortlist, the comparison and the cost estimator in a real browser.
//! Ratings and dates are checked against CQC's source file, read independently.

use carefinder_journeys::{cdp, check, shared_data, texts, wait_for_heading, wait_for_text, Browser, Data, Site};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// "2024-03-02" -> "2 March 2024", written out here rather than borrowed from the app.
fn long_date(iso: &str) -> String {
    let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let p: Vec<&str> = iso.split('-').collect();
    format!("{} {} {}", p[2].trim_start_matches('0'), months[p[1].parse::<usize>().unwrap() - 1], p[0])
}

fn source_locations(shared: &std::path::Path) -> Vec<Value> {
    let text = std::fs::read_to_string(shared.join("cqc/oldham_cqc_api_locations_2025-03.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// What the comparison should say for one key question of a source record.
fn expected_cell(loc: &Value, question: &str) -> String {
    let overall = &loc["currentRatings"]["overall"];
    let rated = if question == "Overall" {
        Some(overall.clone())
    } else {
        overall["keyQuestionRatings"].as_array().and_then(|qs| qs.iter().find(|q| q["name"] == question).cloned())
    };
    match rated {
        Some(r) if r["rating"].is_string() && r["rating"] != "No published rating" => {
            format!("{} ({})", r["rating"].as_str().unwrap(), long_date(r["reportDate"].as_str().unwrap()))
        }
        _ => "Not rated".into(),
    }
}

async fn header_count(client: &Client) -> Result<String, fantoccini::error::CmdError> {
    client.find(Locator::Css(".header__count")).await?.text().await
}

#[tokio::test]
async fn shortlisted_services_compare_with_their_source_ratings_and_survive_reload_and_sharing() {
    let Some(shared) = shared_data() else { return };
    let source = source_locations(&shared);
    let site = Site::start("shortlist", Data::Default);
    let share_url = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let share = share_url.clone();
    Browser::journey("shortlist_and_compare", |client| async move {
        client.goto(&site.url("/search?postcode=OL1+1AA&distance=5&sort=rating")).await?;
        wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
        let names = texts(&client, ".result__name a").await?;
        let buttons = client.find_all(Locator::Css(".result .button--secondary")).await?;
        for b in buttons.iter().take(3) {
            b.click().await?;
        }
        check(header_count(&client).await? == "(3)", "the header counts 3")?;
        client.find(Locator::Css("nav a[href='/compare']")).await?.click().await?;
        wait_for_heading(&client, "Your shortlist").await?;
        wait_for_text(&client, ".table--compare", |t| !t.is_empty()).await?;
        let cols = texts(&client, ".table--compare thead th[scope=col] a").await?;
        check(cols == names[..3], format!("compared {cols:?}, shortlisted {:?}", &names[..3]))?;
        for (i, name) in cols.iter().enumerate() {
            let loc = source.iter().find(|l| l["name"] == name.as_str() && l["registrationStatus"] == "Registered").unwrap();
            for question in ["Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led"] {
                let row = if question == "Overall" { "Overall CQC rating" } else { question };
                let xpath = format!("//table//tr[th[normalize-space()='{row}']]/td[{}]", i + 1);
                let cell = client.find(Locator::XPath(&xpath)).await?.text().await?;
                check(cell == expected_cell(loc, question), format!("{name} {question}: page {cell:?}, source {:?}", expected_cell(loc, question)))?;
            }
        }
        // Survives a reload.
        client.refresh().await?;
        wait_for_text(&client, ".table--compare", |t| !t.is_empty()).await?;
        check(header_count(&client).await? == "(3)", "the shortlist did not survive a reload")?;
        *share.lock().unwrap() = client.find(Locator::Css(".share-link")).await?.text().await?;
        // The print view hides the controls and keeps the table.
        cdp(&client, "Emulation.setEmulatedMedia", json!({"media": "print"})).await?;
        let chooser_visible = client.find(Locator::Css("fieldset.no-print")).await?.is_displayed().await?;
        let table_visible = client.find(Locator::Css(".table--compare")).await?.is_displayed().await?;
        let printed_note = client.find(Locator::Css(".print-only")).await?.is_displayed().await?;
        check(!chooser_visible && table_visible && printed_note, "print view: controls hidden, table and date note shown")?;
        Ok(())
    })
    .await;

    // A fresh browser profile opens the share link: the same three, offered for saving.
    let link = share_url.lock().unwrap().clone();
    Browser::journey("shared_shortlist_on_a_fresh_profile", |client| async move {
        check(link.contains("/compare?ids="), format!("share link {link:?}"))?;
        client.goto(&link).await?;
        wait_for_text(&client, ".table--compare", |t| !t.is_empty()).await?;
        let cols = texts(&client, ".table--compare thead th[scope=col] a").await?;
        check(cols.len() == 3, format!("shared comparison shows {cols:?}"))?;
        check(header_count(&client).await? == "(0)", "nothing saved before asking")?;
        client.find(Locator::XPath("//button[normalize-space()='Save as my shortlist']")).await?.click().await?;
        wait_for_text(&client, ".header__count", |t| t == "(3)").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_provider_page_shows_every_rating_with_its_date_and_safe_links() {
    let Some(shared) = shared_data() else { return };
    let source = source_locations(&shared);
    // A registered social care service with a full set of ratings and a website.
    let loc = source
        .iter()
        .find(|l| {
            l["type"] == "Social Care Org"
                && l["registrationStatus"] == "Registered"
                && l["website"].is_string()
                && l["currentRatings"]["overall"]["keyQuestionRatings"].as_array().is_some_and(|q| q.len() == 5)
        })
        .unwrap()
        .clone();
    let site = Site::start("provider", Data::Default);
    Browser::journey("a_provider_page_shows_every_rating_with_its_date_and_safe_links", |client| async move {
        let id = loc["locationId"].as_str().unwrap();
        client.goto(&site.url(&format!("/provider/{id}"))).await?;
        wait_for_heading(&client, loc["name"].as_str().unwrap()).await?;
        for question in ["Safe", "Effective", "Caring", "Responsive", "Well-led"] {
            let q = loc["currentRatings"]["overall"]["keyQuestionRatings"].as_array().unwrap().iter().find(|q| q["name"] == question).unwrap();
            let row = client.find(Locator::XPath(&format!("//table//tr[th[normalize-space()='{question}']]"))).await?.text().await?;
            check(row.contains(q["rating"].as_str().unwrap()) && row.contains(&long_date(q["reportDate"].as_str().unwrap())), format!("{question}: {row:?}"))?;
        }
        let tel = client.find(Locator::Css("a[href^='tel:']")).await?.attr("href").await?.unwrap_or_default();
        check(tel == format!("tel:{}", loc["mainPhoneNumber"].as_str().unwrap()), format!("phone link {tel}"))?;
        let cqc = client.find(Locator::Css(&format!("a[href='https://www.cqc.org.uk/location/{id}']"))).await?;
        check(cqc.attr("rel").await?.as_deref() == Some("noopener noreferrer"), "CQC link rel")?;
        for a in client.find_all(Locator::Css("main a[href]")).await? {
            let href = a.attr("href").await?.unwrap_or_default();
            check(href.starts_with('/') || href.starts_with("https://") || href.starts_with("http://") || href.starts_with("tel:"), format!("unsafe link {href}"))?;
        }
        let costs = client.find(Locator::Css("main")).await?.text().await?;
        check(costs.contains("This provider has not published its fees."), "the page says no fees are published")
    })
    .await;
}

#[tokio::test]
async fn the_estimator_works_out_a_case_and_explains_bad_answers() {
    let site = Site::start("costs", Data::Example);
    Browser::journey("the_estimator_works_out_a_case_and_explains_bad_answers", |client| async move {
        client.goto(&site.url("/costs")).await?;
        wait_for_heading(&client, "Estimate what you might pay").await?;
        // Bad answers: each gets a message, and the summary links to the field.
        client.find(Locator::Id("fee")).await?.send_keys("-100").await?;
        client.find(Locator::Id("income")).await?.send_keys("lots").await?;
        client.find(Locator::Css("form.costs-form button[type=submit]")).await?.click().await?;
        let summary = wait_for_text(&client, ".error-summary", |t| t.contains("There is a problem")).await?;
        for message in ["The weekly fee cannot be less than 0", "Weekly income must be an amount in pounds", "Enter savings and other capital", "Select yes if you own your home"] {
            check(summary.contains(message), format!("summary lacks {message:?}: {summary:?}"))?;
        }
        check(client.title().await?.starts_with("Error: "), "error title")?;
        // A worked case (2025-26 rules; see case 1 in crates/core/src/estimate.rs): fee £1,000,
        // council's usual price £800, income £250, savings £10,000, no home.
        for (id, value) in [("fee", "1000"), ("usual", "800"), ("income", "250"), ("savings", "10,000")] {
            let input = client.find(Locator::Id(id)).await?;
            input.clear().await?;
            input.send_keys(value).await?;
        }
        client.find(Locator::Id("owns-no")).await?.click().await?;
        client.find(Locator::Css("form.costs-form button[type=submit]")).await?.click().await?;
        let result = wait_for_text(&client, "[aria-live]", |t| t.contains("Your estimate")).await?;
        // The PEA for the current year decides the figure: £30.65 in 2025-26 gives £219.35.
        for part in ["£219.35 a week", "£580.65 a week", "£200 a week: the fee less the council's usual price", "not means-tested"] {
            check(result.contains(part), format!("estimate lacks {part:?}: {result}"))?;
        }
        check(client.find_all(Locator::Css(".error-summary")).await?.is_empty(), "the error summary went away")?;
        // Home care: choosing it shows its own questions and hides the care home ones.
        client.find(Locator::Id("care-home_care")).await?.click().await?;
        check(!client.find(Locator::Id("fee")).await?.is_displayed().await?, "care home questions still shown")?;
        for (id, value) in [("rate", "32.14"), ("hours", "10")] {
            client.find(Locator::Id(id)).await?.send_keys(value).await?;
        }
        client.find(Locator::Css("form.costs-form button[type=submit]")).await?.click().await?;
        let result = wait_for_text(&client, "[aria-live]", |t| t.contains("Weekly cost of care")).await?;
        check(result.contains("£321.40 (10 hours at £32.14 an hour)"), format!("home care estimate: {result}"))
    })
    .await;
}
