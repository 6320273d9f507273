//! Costs on a service's page, side by side in the comparison, and the estimator opened from a
//! service with its figures filled in; axe on each. On the real data every care home shows £
//! figures with their year and source even without published fees (its council's, the nearest
//! councils' and England's); on the example data a care home that publishes a fee is used.

use std::time::Duration;

use carefinder_journeys::reference::{Source, SourceService};
use carefinder_journeys::{
    axe_violations, check, journey_on, texts, twins, wait_for_heading, wait_for_text, JourneyResult,
};
use fantoccini::{Client, Locator};

/// Two care homes the journeys can price: any on the real data, ones with fees on the example.
fn care_homes(source: &Source) -> Vec<SourceService> {
    let real = matches!(source, Source::Real(_));
    source
        .offering("care_home")
        .into_iter()
        .filter(|s| real || s.publishes_fees)
        .take(2)
        .collect()
}

/// A year as the page writes it: "2025-26", "2022-23, 4 years old", or "Year not stated".
fn has_year(text: &str) -> bool {
    text.contains("Year not stated") || has_a_real_year(text)
}

/// A financial year, "2025-26", not "Year not stated".
fn has_a_real_year(text: &str) -> bool {
    text.as_bytes().windows(7).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..].iter().all(u8::is_ascii_digit)
    })
}

async fn no_violations(client: &Client, label: &str) -> JourneyResult {
    tokio::time::sleep(Duration::from_millis(300)).await;
    let found = axe_violations(client).await?;
    check(found.is_empty(), format!("{label}: {found:#?}"))
}

twins!(a_care_homes_page_shows_pound_figures_with_year_and_source,
       an_example_care_homes_page_shows_pound_figures_with_year_and_source => service_page_costs);

async fn service_page_costs(source: Source) {
    let home = care_homes(&source).remove(0);
    let real = matches!(source, Source::Real(_));
    journey_on(&source, "a_care_homes_page_shows_pound_figures", |site| {
        move |client| async move {
            client
                .goto(&site.url(&format!("/provider/{}", home.id)))
                .await?;
            wait_for_heading(&client, &home.name).await?;
            wait_for_text(&client, "div[aria-label='Cost figures'] tbody", |t| {
                t.contains('£')
            })
            .await?;
            let rows = texts(&client, "div[aria-label='Cost figures'] tbody tr").await?;
            check(!rows.is_empty(), "no cost rows")?;
            for row in &rows {
                check(
                    row.contains('£') && has_year(row),
                    format!("a cost row without £ or year: {row:?}"),
                )?;
            }
            // The test: at least one £ figure with its year, not only undated ones.
            check(
                rows.iter().any(|r| r.contains('£') && has_a_real_year(r)),
                format!("no dated £ figure: {rows:?}"),
            )?;
            // Every row's source is a link to the publisher's page.
            let links = client
                .find_all(Locator::Css(
                    "div[aria-label='Cost figures'] tbody td a[href^='http']",
                ))
                .await?;
            // (The example data's made-up fees name no page.)
            check(
                !real || links.len() >= rows.len(),
                format!("{} sources for {} rows", links.len(), rows.len()),
            )?;
            // The estimator link carries the service in the fragment, never a query.
            let href = client
                .find(Locator::LinkText("Estimate what this would cost you"))
                .await?
                .attr("href")
                .await?
                .unwrap_or_default();
            check(
                href == format!("/costs#service={}", home.id),
                format!("estimator link {href}"),
            )?;
            no_violations(&client, "service page costs").await
        }
    })
    .await;
}

twins!(the_comparison_shows_cost_rows_side_by_side,
       the_example_comparison_shows_cost_rows_side_by_side => compare_costs);

async fn compare_costs(source: Source) {
    let homes = care_homes(&source);
    let ids: Vec<String> = homes.iter().map(|h| h.id.clone()).collect();
    let real = matches!(source, Source::Real(_));
    journey_on(&source, "the_comparison_shows_cost_rows", |site| {
        move |client| async move {
            client
                .goto(&site.url(&format!("/compare#ids={}", ids.join(","))))
                .await?;
            wait_for_heading(&client, "Your shortlist").await?;
            let row = |label: &str| format!("//table//tr[th[normalize-space()=\"{label}\"]]");
            let published = wait_for_text(&client, "table.table--compare", |t| {
                t.contains("Published fee")
            })
            .await?;
            check(published.contains('£'), "the comparison shows £ figures")?;
            // One cell per service in each cost row, each a figure with its year or "Not published".
            for label in [
                "Published fee",
                "Council's rate",
                "Nearest councils' rates",
                "Fair cost of care (2022-23)",
                "Nearest councils' fair cost of care",
            ] {
                // Oldham's homes have no published fee, an undated council rate, and the nearest
                // councils' dated figures, so every row is there on the real data.
                let tr = match client.find(Locator::XPath(&row(label))).await {
                    Ok(tr) => tr,
                    // Oldham has no fair cost of care figure of its own.
                    Err(_)
                        if label == "Fair cost of care (2022-23)"
                            || (!real && label != "Published fee") =>
                    {
                        continue
                    }
                    Err(e) => return Err(format!("no {label:?} row: {e}").into()),
                };
                let cells = tr.find_all(Locator::Css("td")).await?;
                check(
                    cells.len() == ids.len(),
                    format!("{label}: {} cells for {} services", cells.len(), ids.len()),
                )?;
                for c in cells {
                    let t = c.text().await?;
                    check(
                        (t.contains('£') && has_year(&t) && t.contains("Source: "))
                            || t == "Not published"
                            || t.starts_with("No figure"),
                        format!("{label}: {t:?}"),
                    )?;
                }
            }
            if real {
                // Oldham's homes: a council rate and the nearest councils' rates, named.
                let nearest = client
                    .find(Locator::XPath(&row("Nearest councils' rates")))
                    .await?
                    .text()
                    .await?;
                check(
                    nearest.contains("the nearest council with a published rate"),
                    format!("nearest: {nearest}"),
                )?;
            }
            no_violations(&client, "comparison with cost rows").await
        }
    })
    .await;
}

twins!(the_estimator_opened_from_a_service_starts_from_its_figures,
       the_example_estimator_opened_from_a_service_starts_from_its_figures => estimator_filled);

async fn estimator_filled(source: Source) {
    let home = care_homes(&source).remove(0);
    let shared = match &source {
        Source::Real(dir) => Some(dir.clone()),
        Source::Example(_) => None,
    };
    journey_on(&source, "the_estimator_opened_from_a_service", |site| {
        move |client| async move {
            client
                .goto(&site.url(&format!("/provider/{}", home.id)))
                .await?;
            wait_for_heading(&client, &home.name).await?;
            client
                .find(Locator::LinkText("Estimate what this would cost you"))
                .await?
                .click()
                .await?;
            wait_for_heading(&client, "Estimate what you might pay").await?;
            let notice =
                wait_for_text(&client, ".inset h2", |t| t.starts_with("Filled in from")).await?;
            check(
                notice == format!("Filled in from {}", home.name),
                notice.clone(),
            )?;
            let listed =
                wait_for_text(&client, ".inset .summary-list", |t| t.contains("Source:")).await?;
            let field = |id: &'static str| {
                let client = client.clone();
                async move {
                    client
                        .find(Locator::Id(id))
                        .await?
                        .prop("value")
                        .await
                        .map(Option::unwrap_or_default)
                }
            };
            let fee = field("fee").await?;
            match &shared {
                // Oldham's homes publish no fee: the fee is left for the person, and the council's
                // usual price is Oldham's own rate as the fee file gives it.
                Some(shared) => {
                    check(
                        fee.is_empty(),
                        format!("a fee {fee:?} was filled in for a home that publishes none"),
                    )?;
                    check(listed.contains("has not published its fee"), listed.clone())?;
                    let usual: f64 = field("usual").await?.parse()?;
                    check(
                        usual == oldham_care_home_rate(shared),
                        format!("usual price {usual}"),
                    )?;
                }
                None => {
                    check(!fee.is_empty(), "the weekly fee is filled in")?;
                    let amount: f64 = fee.parse()?;
                    check(
                        listed.contains(&format!("£{}", format_pounds(amount))),
                        format!("the notice gives the fee {fee} with its source: {listed}"),
                    )?;
                }
            }
            check(
                client
                    .find(Locator::Id("care-care_home"))
                    .await?
                    .prop("checked")
                    .await?
                    .as_deref()
                    == Some("true"),
                "a care home is chosen",
            )?;
            // The address still holds only the service id, in the fragment.
            let url = client.current_url().await?;
            check(
                url.query().is_none()
                    && url.fragment() == Some(&format!("service={}", home.id)[..]),
                url.to_string(),
            )?;
            // The person can change the figure.
            let input = client.find(Locator::Id("fee")).await?;
            input.clear().await?;
            input.send_keys("1000").await?;
            check(
                input.prop("value").await?.as_deref() == Some("1000"),
                "the fee can be changed",
            )?;
            no_violations(&client, "estimator filled from a service").await
        }
    })
    .await;
}

/// "721", "1,095.83": as the page's pounds are written.
fn format_pounds(amount: f64) -> String {
    let pence = (amount * 100.0).round() as u64;
    let whole = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match pence % 100 {
        0 => grouped,
        p => format!("{grouped}.{p:02}"),
    }
}

/// Oldham's weekly rate for a residential care home, read from the compiled fee file.
fn oldham_care_home_rate(shared: &std::path::Path) -> f64 {
    let text =
        std::fs::read_to_string(shared.join("fees/council_care_fee_rates_compiled.csv")).unwrap();
    text.lines()
        .find(|l| l.starts_with("Oldham,E08000004,council_fee_rate,care home - residential,"))
        .and_then(|l| l.split(',').nth(5))
        .and_then(|v| v.parse().ok())
        .expect("Oldham's care home rate in the fee file")
}
