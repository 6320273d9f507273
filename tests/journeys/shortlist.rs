//! Service pages, the shortlist, the comparison and the cost estimator in a real browser.
//! Ratings and dates are checked against the dataset's source files, read independently (CQC's
//! for the real data; the example data's own files for its twin).

use carefinder_journeys::reference::{long_date, Source, SourceService, KEY_QUESTIONS};
use carefinder_journeys::{
    cdp, check, journey_on, texts, twins, wait_for_heading, wait_for_text, Browser, Data, Site,
};
use fantoccini::{Client, Locator};
use serde_json::json;

/// What the comparison should say for one question of a source record.
fn expected_cell(service: &SourceService, question: &str) -> String {
    match service.rating(question) {
        Some((rating, date)) => format!("{rating} ({})", long_date(date)),
        None => "Not rated".into(),
    }
}

async fn header_count(client: &Client) -> Result<String, fantoccini::error::CmdError> {
    client
        .find(Locator::Css(".header__count"))
        .await?
        .text()
        .await
}

/// The service ids that links to provider pages point at.
async fn linked_ids(client: &Client, css: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut ids = Vec::new();
    for a in client.find_all(Locator::Css(css)).await? {
        let href = a.attr("href").await?.unwrap_or_default();
        ids.push(
            href.strip_prefix("/provider/")
                .ok_or(format!("{href} is not a provider page"))?
                .to_string(),
        );
    }
    Ok(ids)
}

twins!(shortlisted_services_compare_with_their_source_ratings_and_survive_reload_and_sharing,
       shortlisted_example_services_compare_with_their_source_ratings_and_survive_reload_and_sharing => shortlist_and_compare);

async fn shortlist_and_compare(source: Source) {
    let home = source.home_postcode().replace(' ', "+");
    let share_url = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let share = share_url.clone();
    let lookup = source.clone();
    journey_on(&source, "shortlist_and_compare", |site| {
        move |client| async move {
            client
                .goto(&site.url(&format!("/search?postcode={home}&distance=5&sort=rating")))
                .await?;
            wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
            let names = texts(&client, ".result__name a").await?;
            check(
                names.len() >= 3,
                format!("the check needs 3 results to shortlist, not {names:?}"),
            )?;
            let buttons = client
                .find_all(Locator::Css(".result .button--secondary"))
                .await?;
            for b in buttons.iter().take(3) {
                b.click().await?;
            }
            check(header_count(&client).await? == "(3)", "the header counts 3")?;
            client
                .find(Locator::Css("nav a[href='/compare']"))
                .await?
                .click()
                .await?;
            wait_for_heading(&client, "Your shortlist").await?;
            wait_for_text(&client, ".table--compare", |t| !t.is_empty()).await?;
            let cols = texts(&client, ".table--compare thead th[scope=col] a").await?;
            check(
                cols == names[..3],
                format!("compared {cols:?}, shortlisted {:?}", &names[..3]),
            )?;
            // Each column's service is looked up by its id: names repeat (the example's do).
            for (i, id) in linked_ids(&client, ".table--compare thead th[scope=col] a")
                .await?
                .iter()
                .enumerate()
            {
                let service = lookup.service(id);
                for question in ["Overall"].into_iter().chain(KEY_QUESTIONS) {
                    let row = if question == "Overall" {
                        "Overall CQC rating"
                    } else {
                        question
                    };
                    let xpath = format!("//table//tr[th[normalize-space()='{row}']]/td[{}]", i + 1);
                    let cell = client.find(Locator::XPath(&xpath)).await?.text().await?;
                    let expected = expected_cell(&service, question);
                    check(
                        cell == expected,
                        format!(
                            "{} {question}: page {cell:?}, source {expected:?}",
                            service.name
                        ),
                    )?;
                }
            }
            // Survives a reload.
            client.refresh().await?;
            wait_for_text(&client, ".table--compare", |t| !t.is_empty()).await?;
            check(
                header_count(&client).await? == "(3)",
                "the shortlist did not survive a reload",
            )?;
            *share.lock().unwrap() = client
                .find(Locator::Css(".share-link"))
                .await?
                .text()
                .await?;
            // The print view hides the controls and keeps the table.
            cdp(
                &client,
                "Emulation.setEmulatedMedia",
                json!({"media": "print"}),
            )
            .await?;
            let chooser_visible = client
                .find(Locator::Css("fieldset.no-print"))
                .await?
                .is_displayed()
                .await?;
            let table_visible = client
                .find(Locator::Css(".table--compare"))
                .await?
                .is_displayed()
                .await?;
            let printed_note = client
                .find(Locator::Css(".print-only"))
                .await?
                .is_displayed()
                .await?;
            check(
                !chooser_visible && table_visible && printed_note,
                "print view: controls hidden, table and date note shown",
            )?;
            Ok(())
        }
    })
    .await;

    // A fresh browser profile opens the share link: the same three, offered for saving. The
    // first site stopped with its journey, so the link's address is opened on a new one.
    let link = share_url.lock().unwrap().clone();
    let name = format!(
        "shared_shortlist_on_a_fresh_profile_on_{}_data",
        source.label()
    );
    let site = Site::start(&name, source.data());
    Browser::journey(&name, |client| async move {
        let address = link
            .find("/compare#ids=")
            .map(|at| &link[at..])
            .ok_or(format!("share link {link:?}"))?;
        client.goto(&site.url(address)).await?;
        wait_for_text(&client, ".table--compare", |t| !t.is_empty()).await?;
        let cols = texts(&client, ".table--compare thead th[scope=col] a").await?;
        check(cols.len() == 3, format!("shared comparison shows {cols:?}"))?;
        check(
            header_count(&client).await? == "(0)",
            "nothing saved before asking",
        )?;
        client
            .find(Locator::XPath(
                "//button[normalize-space()='Save as my shortlist']",
            ))
            .await?
            .click()
            .await?;
        wait_for_text(&client, ".header__count", |t| t == "(3)").await?;
        Ok(())
    })
    .await;
}

twins!(a_provider_page_shows_every_rating_with_its_date_and_safe_links,
       an_example_provider_page_shows_every_rating_with_its_date_and_safe_links => a_provider_page_shows_its_ratings);

async fn a_provider_page_shows_its_ratings(source: Source) {
    let services = source.services();
    // A service with every key question rated, a phone number, no published fees and, where the
    // source has websites at all (the example has none), a website.
    let websites = services.iter().any(|s| s.website.is_some());
    let service = services
        .into_iter()
        .find(|s| {
            KEY_QUESTIONS.iter().all(|q| s.rating(q).is_some())
                && s.phone.is_some()
                && !s.publishes_fees
                && (s.website.is_some() || !websites)
        })
        .expect("the check needs a fully rated service with a phone number and no fees");
    journey_on(&source, "a_provider_page_shows_every_rating", |site| {
        move |client| async move {
            let id = &service.id;
            client.goto(&site.url(&format!("/provider/{id}"))).await?;
            wait_for_heading(&client, &service.name).await?;
            for question in KEY_QUESTIONS {
                let (rating, date) = service.rating(question).unwrap();
                let row = client
                    .find(Locator::XPath(&format!(
                        "//table//tr[th[normalize-space()='{question}']]"
                    )))
                    .await?
                    .text()
                    .await?;
                check(
                    row.contains(rating) && row.contains(&long_date(date)),
                    format!("{question}: {row:?}"),
                )?;
            }
            // A tel: address has no spaces.
            let tel = client
                .find(Locator::Css("a[href^='tel:']"))
                .await?
                .attr("href")
                .await?
                .unwrap_or_default();
            check(
                tel == format!("tel:{}", service.phone.as_deref().unwrap().replace(' ', "")),
                format!("phone link {tel}"),
            )?;
            let cqc = client
                .find(Locator::Css(&format!(
                    "a[href='https://www.cqc.org.uk/location/{id}']"
                )))
                .await?;
            check(
                cqc.attr("rel").await?.as_deref() == Some("noopener noreferrer"),
                "CQC link rel",
            )?;
            for a in client.find_all(Locator::Css("main a[href]")).await? {
                let href = a.attr("href").await?.unwrap_or_default();
                check(
                    href.starts_with('/')
                        || href.starts_with("https://")
                        || href.starts_with("http://")
                        || href.starts_with("tel:"),
                    format!("unsafe link {href}"),
                )?;
            }
            let costs = client.find(Locator::Css("main")).await?.text().await?;
            check(
                costs.contains("This provider has not published its fees."),
                "the page says no fees are published",
            )
        }
    })
    .await;
}

#[tokio::test]
async fn the_estimator_works_out_a_case_and_explains_bad_answers() {
    let site = Site::start("costs", Data::Example);
    Browser::journey(
        "the_estimator_works_out_a_case_and_explains_bad_answers",
        |client| async move {
            client.goto(&site.url("/costs")).await?;
            wait_for_heading(&client, "Estimate what you might pay").await?;
            // Bad answers: each gets a message, and the summary links to the field.
            client
                .find(Locator::Id("fee"))
                .await?
                .send_keys("-100")
                .await?;
            client
                .find(Locator::Id("income"))
                .await?
                .send_keys("lots")
                .await?;
            client
                .find(Locator::Css("form.costs-form button[type=submit]"))
                .await?
                .click()
                .await?;
            let summary = wait_for_text(&client, ".error-summary", |t| {
                t.contains("There is a problem")
            })
            .await?;
            for message in [
                "The weekly fee cannot be less than 0",
                "Weekly income must be an amount in pounds",
                "Enter savings and other capital",
                "Select yes if you own your home",
            ] {
                check(
                    summary.contains(message),
                    format!("summary lacks {message:?}: {summary:?}"),
                )?;
            }
            check(client.title().await?.starts_with("Error: "), "error title")?;
            // A worked case (2025-26 rules; see case 1 in crates/core/src/estimate.rs): fee £1,000,
            // council's usual price £800, income £250, savings £10,000, no home.
            for (id, value) in [
                ("fee", "1000"),
                ("usual", "800"),
                ("income", "250"),
                ("savings", "10,000"),
            ] {
                let input = client.find(Locator::Id(id)).await?;
                input.clear().await?;
                input.send_keys(value).await?;
            }
            client.find(Locator::Id("owns-no")).await?.click().await?;
            client
                .find(Locator::Css("form.costs-form button[type=submit]"))
                .await?
                .click()
                .await?;
            let result =
                wait_for_text(&client, "[aria-live]", |t| t.contains("Your estimate")).await?;
            // The PEA for the current year decides the figure: £30.65 in 2025-26 gives £219.35.
            for part in [
                "£219.35 a week",
                "£580.65 a week",
                "£200 a week: the fee less the council's usual price",
                "not means-tested",
            ] {
                check(
                    result.contains(part),
                    format!("estimate lacks {part:?}: {result}"),
                )?;
            }
            check(
                client
                    .find_all(Locator::Css(".error-summary"))
                    .await?
                    .is_empty(),
                "the error summary went away",
            )?;
            // Home care: choosing it shows its own questions and hides the care home ones.
            client
                .find(Locator::Id("care-home_care"))
                .await?
                .click()
                .await?;
            check(
                !client
                    .find(Locator::Id("fee"))
                    .await?
                    .is_displayed()
                    .await?,
                "care home questions still shown",
            )?;
            for (id, value) in [("rate", "32.14"), ("hours", "10")] {
                client.find(Locator::Id(id)).await?.send_keys(value).await?;
            }
            client
                .find(Locator::Css("form.costs-form button[type=submit]"))
                .await?
                .click()
                .await?;
            let result = wait_for_text(&client, "[aria-live]", |t| {
                t.contains("Weekly cost of care")
            })
            .await?;
            check(
                result.contains("£321.40 (10 hours at £32.14 an hour)"),
                format!("home care estimate: {result}"),
            )
        },
    )
    .await;
}
