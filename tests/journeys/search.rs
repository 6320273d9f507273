//! Searching near a postcode in a real browser. Each journey runs twice: on the real Oldham data
//! and on the example data. Every expected list is worked out from the dataset's source files
//! by `carefinder_journeys::reference`, never from the app.

use carefinder_journeys::reference::{miles, within, Source};
use carefinder_journeys::{
    cdp, check, journey_on as on, texts, twins, wait_for_heading, wait_for_text, JourneyResult,
};
use fantoccini::{Client, Locator};
use serde_json::json;

/// Waits for the results count, then reads the result names and the distances shown.
async fn results(
    client: &Client,
) -> Result<(String, Vec<String>, Vec<String>), Box<dyn std::error::Error>> {
    let status = wait_for_text(client, ".results-count", |t| {
        !t.is_empty() && t != "Searching…"
    })
    .await?;
    let names = texts(client, ".result__name a").await?;
    let distances = texts(client, ".result__facts > div:nth-child(2) dd").await?;
    Ok((status, names, distances))
}

/// Results on a page.
const PAGE: usize = 20;

fn one_decimal(d: f64) -> String {
    format!("{d:.1}")
}

/// A postcode as the app writes it back: capitals, one space.
fn tidy(typed: &str) -> String {
    typed
        .to_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A postcode in an address's query.
fn in_query(postcode: &str) -> String {
    postcode.replace(' ', "+")
}

/// Compares the first page of results with an independent list: the count of all of them, and
/// the first page's services in the same order at the same distances.
fn same_results(
    page: &(String, Vec<String>, Vec<String>),
    expected: &[(String, f64)],
) -> JourneyResult {
    let count = format!(
        "{} service{} ",
        expected.len(),
        if expected.len() == 1 { "" } else { "s" }
    );
    check(
        page.0.starts_with(&count),
        format!("status reads {:?}, expected {count:?}", page.0),
    )?;
    let expected = &expected[..expected.len().min(PAGE)];
    let names: Vec<&String> = expected.iter().map(|(n, _)| n).collect();
    check(
        page.1.iter().collect::<Vec<_>>() == names,
        format!("page lists {:?}\nexpected {:?}", page.1, names),
    )?;
    for (shown, (name, d)) in page.2.iter().zip(expected) {
        check(
            shown.starts_with(&one_decimal(*d)),
            format!("{name}: page shows {shown:?}, expected {:.1} miles", d),
        )?;
    }
    Ok(())
}

twins!(results_for_real_postcodes_match_an_independent_computation,
       results_for_example_postcodes_match_an_independent_computation => typed_postcodes_find_what_the_source_files_place_in_range);

async fn typed_postcodes_find_what_the_source_files_place_in_range(source: Source) {
    let services = source.services();
    let searches: Vec<_> = source
        .typed_postcodes()
        .into_iter()
        .map(|(typed, radius)| (source.postcode(&typed), typed, radius))
        .collect();
    on(&source, "results_for_postcodes", |site| {
        move |client| async move {
            for (origin, typed, radius) in searches {
                client.goto(&site.url("/search")).await?;
                wait_for_heading(&client, "Search for care services").await?;
                let input = client.find(Locator::Id("postcode")).await?;
                input.send_keys(&typed).await?;
                client
                    .find(Locator::Css(&format!(
                        "#distance option[value='{}']",
                        radius as u32
                    )))
                    .await?
                    .click()
                    .await?;
                client
                    .find(Locator::Css("form.search-form button[type=submit]"))
                    .await?
                    .click()
                    .await?;
                let page = results(&client).await?;
                let expected = within(&services, origin, radius);
                check(
                    !expected.is_empty(),
                    "the check needs some services in range",
                )?;
                same_results(&page, &expected)?;
                let unit = if radius == 1.0 { "mile" } else { "miles" };
                check(
                    page.0.ends_with(&format!(
                        "within {} {unit} of {}",
                        radius as u32,
                        tidy(&typed)
                    )),
                    format!("status reads {:?}", page.0),
                )?;
                // The address bar holds the search, in the fragment (never sent to the site).
                let url = client.current_url().await?;
                check(
                    url.query().is_none()
                        && url
                            .fragment()
                            .is_some_and(|q| q.contains(&format!("distance={}", radius as u32))),
                    format!("url {url}"),
                )?;
            }
            Ok(())
        }
    })
    .await;
}

twins!(a_district_alone_searches_from_its_centre_and_says_so,
       a_district_alone_searches_from_its_centre_and_says_so_on_example_data => a_district_searches_from_its_centre);

async fn a_district_searches_from_its_centre(source: Source) {
    let district = match &source {
        Source::Real(_) => "OL8".to_string(),
        Source::Example(_) => source
            .home_postcode()
            .split(' ')
            .next()
            .unwrap()
            .to_string(),
    };
    let expected = within(&source.services(), source.district_centre(&district), 5.0);
    on(&source, "search_district", |site| {
        move |client| async move {
            client
                .goto(&site.url(&format!(
                    "/search?postcode={}&distance=5",
                    district.to_lowercase()
                )))
                .await?;
            let page = results(&client).await?;
            check(
                page.0.ends_with(&format!(
                    "within 5 miles of the centre of the {district} postcode district"
                )),
                format!("status {:?}", page.0),
            )?;
            same_results(&page, &expected)
        }
    })
    .await;
}

twins!(invalid_and_unknown_postcodes_get_plain_messages,
       invalid_and_unknown_postcodes_get_plain_messages_on_example_data => bad_postcodes_get_plain_messages);

async fn bad_postcodes_get_plain_messages(source: Source) {
    let (unlisted, outside) = (source.unlisted_postcode(), source.outside_postcode());
    let district = unlisted.split(' ').next().unwrap().to_string();
    let cases = [
        (
            "postcode=".into(),
            "Enter a postcode, or the name of a care home, home care agency or provider".into(),
        ),
        (
            format!("postcode={}", in_query(&unlisted.to_lowercase())),
            format!("We cannot find {unlisted} in our postcode data. Check it, or enter just the first part, like {district}"),
        ),
        (format!("postcode={}", in_query(&outside)), format!("{outside} is outside the area this service covers. Enter a postcode in the area")),
    ];
    on(&source, "search_errors", |site| {
        // Text that is not a postcode is answered with the dataset's own example postcode.
        let manifest: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(site.dir.join("data/manifest.json"))
                .expect("the site's manifest"),
        )
        .expect("manifest JSON");
        let example = manifest["area"]["example_postcode"]
            .as_str()
            .expect("an example postcode")
            .to_string();
        let mut cases = cases.to_vec();
        cases.insert(
            0,
            (
                "postcode=hello".to_string(),
                format!("Enter a full postcode, like {example}"),
            ),
        );
        move |client| async move {
            for (query, message) in cases {
                client
                    .goto(&site.url(&format!("/search?{query}&distance=5")))
                    .await?;
                let summary = wait_for_text(&client, ".error-summary", |t| {
                    t.contains("There is a problem")
                })
                .await?;
                check(
                    summary.contains(&message),
                    format!("{query}: summary reads {summary:?}"),
                )?;
                let inline = client
                    .find(Locator::Css("#postcode-error"))
                    .await?
                    .text()
                    .await?;
                check(
                    inline.ends_with(&message),
                    format!("{query}: inline error reads {inline:?}"),
                )?;
                let link = client
                    .find(Locator::Css(".error-summary a"))
                    .await?
                    .attr("href")
                    .await?;
                check(
                    link.as_deref() == Some("#postcode"),
                    "the summary links to the field",
                )?;
                check(
                    client.title().await?.starts_with("Error: "),
                    "the title starts with Error:",
                )?;
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
                check(
                    client.find_all(Locator::Css(".result")).await?.is_empty(),
                    "no results are shown",
                )?;
            }
            Ok(())
        }
    })
    .await;
}

twins!(the_address_bar_restores_filters_and_sort_on_reload_and_back,
       the_address_bar_restores_filters_and_sort_on_reload_and_back_on_example_data => the_address_bar_keeps_the_search);

async fn the_address_bar_keeps_the_search(source: Source) {
    let home = source.home_postcode();
    let expected_homes = within(&source.offering("care_home"), source.postcode(&home), 5.0);
    on(&source, "search_url", |site| {
        move |client| async move {
            client
                .goto(&site.url(&format!("/search?postcode={}&distance=5", in_query(&home))))
                .await?;
            let all = results(&client).await?;
            // Choose care homes only, then search again.
            client
                .find(Locator::Css("details.filters summary"))
                .await?
                .click()
                .await?;
            client
                .find(Locator::Id("type-care_home"))
                .await?
                .click()
                .await?;
            client
                .find(Locator::Css("form.search-form button[type=submit]"))
                .await?
                .click()
                .await?;
            wait_for_text(&client, ".results-count", |t| {
                !t.starts_with(&all.0[..all.0.find(' ').unwrap()])
            })
            .await?;
            let homes = results(&client).await?;
            same_results(&homes, &expected_homes)?;
            let url = client.current_url().await?;
            check(
                url.query().is_none()
                    && url.fragment().is_some_and(|q| q.contains("type=care_home")),
                format!("url {url}"),
            )?;
            // Reload: the same results, and the box still ticked.
            client.refresh().await?;
            let again = results(&client).await?;
            check(again.1 == homes.1, "reload gave different results")?;
            check(
                client
                    .find(Locator::Id("type-care_home"))
                    .await?
                    .prop("checked")
                    .await?
                    .as_deref()
                    == Some("true"),
                "the filter was not restored",
            )?;
            // Back: every type again.
            client.back().await?;
            wait_for_text(&client, ".results-count", |t| t == all.0).await?;
            let before = results(&client).await?;
            check(before.1 == all.1, "back did not restore the first search")
        }
    })
    .await;
}

twins!(when_nothing_matches_the_nearest_service_is_named_and_a_wider_search_offered,
       when_nothing_matches_the_nearest_service_is_named_and_a_wider_search_offered_on_example_data => nothing_in_range_names_the_nearest);

async fn nothing_in_range_names_the_nearest(source: Source) {
    let place = source.postcode_beyond_a_mile_of("shared_lives");
    let origin = source.postcode(&place);
    let shared_lives = source.offering("shared_lives");
    let nearest = shared_lives
        .iter()
        .map(|s| (s.name.clone(), miles(origin, (s.lat, s.lon))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    let wider_expected = within(&shared_lives, origin, 5.0);
    on(&source, "search_none", |site| {
        move |client| async move {
            check(
                nearest.1 > 1.0,
                "the check needs the nearest shared lives scheme beyond 1 mile",
            )?;
            client
                .goto(&site.url(&format!(
                    "/search?postcode={}&distance=1&type=shared_lives",
                    in_query(&place)
                )))
                .await?;
            let status = wait_for_text(&client, ".results-count", |t| {
                !t.is_empty() && t != "Searching…"
            })
            .await?;
            check(
                status.starts_with("0 services within 1 mile"),
                format!("status {status:?}"),
            )?;
            let text = client
                .find(Locator::Css(".no-results"))
                .await?
                .text()
                .await?;
            check(
                text.contains(&format!(
                    "The nearest service that matches is {}, {:.1} miles away.",
                    nearest.0, nearest.1
                )),
                format!("reads {text:?}"),
            )?;
            client
                .find(Locator::LinkText("Search within 5 miles"))
                .await?
                .click()
                .await?;
            let wider = results(&client).await?;
            check(
                wider.0.contains("within 5 miles"),
                format!("status {:?}", wider.0),
            )?;
            same_results(&wider, &wider_expected)
        }
    })
    .await;
}

twins!(use_my_location_searches_when_allowed_and_explains_when_refused,
       use_my_location_searches_when_allowed_and_explains_when_refused_on_example_data => use_my_location);

async fn use_my_location(source: Source) {
    let (lat, lon) = source.a_position();
    // The app keeps 3 decimal places of a position in the address bar, and searches from those.
    let kept = format!("lat={lat:.3}&lon={lon:.3}");
    let expected = within(
        &source.services(),
        (
            format!("{lat:.3}").parse().unwrap(),
            format!("{lon:.3}").parse().unwrap(),
        ),
        5.0,
    );
    on(&source, "search_location", |site| move |client| async move {
        let origin_url = site.url("");
        client.goto(&site.url("/search")).await?;
        wait_for_heading(&client, "Search for care services").await?;
        // Refused: the browser says no.
        cdp(&client, "Browser.setPermission", json!({"permission": {"name": "geolocation"}, "setting": "denied", "origin": origin_url})).await?;
        client.find(Locator::XPath("//button[normalize-space()='Use my location']")).await?.click().await?;
        let refused = wait_for_text(&client, ".location-message", |t| t.starts_with("You did not allow")).await?;
        check(refused.contains("Enter a postcode instead"), format!("message {refused:?}"))?;
        // Allowed: a position inside the area.
        cdp(&client, "Browser.setPermission", json!({"permission": {"name": "geolocation"}, "setting": "granted", "origin": origin_url})).await?;
        cdp(&client, "Emulation.setGeolocationOverride", json!({"latitude": lat, "longitude": lon, "accuracy": 50})).await?;
        client.find(Locator::XPath("//button[normalize-space()='Use my location']")).await?.click().await?;
        let page = results(&client).await?;
        check(page.0.ends_with("within 5 miles of your location"), format!("status {:?}", page.0))?;
        let url = client.current_url().await?;
        check(url.query().is_none() && url.fragment().is_some_and(|q| q.starts_with(&kept)), format!("url {url}"))?;
        // The search uses the rounded position kept in the address bar.
        same_results(&page, &expected)
    })
    .await;
}

twins!(a_failed_postcode_download_says_so_and_retry_recovers,
       a_failed_postcode_download_says_so_and_retry_recovers_on_example_data => a_failed_download_can_be_retried);

async fn a_failed_download_can_be_retried(source: Source) {
    let home = source.home_postcode();
    let area: String = home.chars().take_while(char::is_ascii_alphabetic).collect();
    let file = format!("postcodes/{area}.json");
    on(&source, "search_retry", |site| {
        move |client| async move {
            // The area's postcode file damaged on the server: it no longer matches its manifest, so
            // after one more look at the manifest the data error page names it.
            let path = site.data_file(&file);
            let good = std::fs::read(&path)?;
            std::fs::write(&path, &good[..good.len() / 3])?;
            client
                .goto(&site.url(&format!("/search?postcode={}&distance=1", in_query(&home))))
                .await?;
            wait_for_heading(&client, "Sorry, there is a problem with the service").await?;
            let detail = wait_for_text(&client, ".data-error__detail", |t| !t.is_empty()).await?;
            let build = site
                .build_dir()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            check(
                detail.contains(&format!(
                    "/data/{build}/{file} is not the file its manifest.json lists"
                )),
                format!("detail reads {detail:?}"),
            )?;
            std::fs::write(&path, &good)?;
            client
                .find(Locator::XPath("//button[normalize-space()='Try again']"))
                .await?
                .click()
                .await?;
            let page = results(&client).await?;
            check(
                page.0.ends_with(&format!("within 1 mile of {home}")) && !page.1.is_empty(),
                format!("status {:?}", page.0),
            )
        }
    })
    .await;
}

/// GOV.UK's name for a council, read from its list in ../shared/data with a few lines here.
fn govuk_name(shared: &std::path::Path, code: &str) -> String {
    let text = std::fs::read_to_string(
        shared.join("councils/govuk_local_links_manager_local_authorities_2025-11.csv"),
    )
    .expect("GOV.UK's council list");
    let line = text
        .lines()
        .find(|l| l.split(',').nth(1) == Some(code))
        .unwrap_or_else(|| panic!("{code} is not in GOV.UK's list"));
    // The name is the last field, quoted.
    line.rsplit_once(",\"")
        .map(|(_, name)| name.trim_end_matches('"').to_string())
        .expect("a quoted name")
}

/// The councils of a postcode district, largest share first, from the derived best-fit table:
/// the best LAD's upper tier, then the other LADs (all metropolitan boroughs here, their own
/// upper tier).
fn district_councils(shared: &std::path::Path, district: &str) -> Vec<String> {
    let text = std::fs::read_to_string(
        shared.join("geography/postcode_district_to_lad_best_fit_derived.csv"),
    )
    .expect("the district best-fit table");
    let row: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with(&format!("{district},")))
        .expect("the district")
        .split(',')
        .collect();
    let mut codes = vec![row[4].to_string()];
    codes.extend(
        row[9]
            .split(';')
            .filter_map(|pair| pair.split(':').next())
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    );
    codes
}

twins!(a_full_postcode_names_the_persons_council,
       a_full_postcode_names_the_persons_council_on_example_data => a_full_postcode_names_its_council);

async fn a_full_postcode_names_its_council(source: Source) {
    let (postcode, council) = match &source {
        Source::Real(shared) => ("OL1 1UT".to_string(), govuk_name(shared, "E08000004")),
        Source::Example(_) => (
            source.home_postcode(),
            "Example County Council (made-up example)".to_string(),
        ),
    };
    let area = match &source {
        Source::Real(_) => "OL",
        Source::Example(_) => "ZZ",
    };
    on(&source, "whose_area", |site| {
        move |client| async move {
            client.goto(&site.url("/search")).await?;
            wait_for_heading(&client, "Search for care services").await?;
            // The hint's example is a postcode of the dataset's own area.
            let hint = client
                .find(Locator::Id("postcode-hint"))
                .await?
                .text()
                .await?;
            check(
                hint.starts_with(&format!("For example, {area}")),
                format!("hint reads {hint:?}"),
            )?;
            client
                .goto(&site.url(&format!(
                    "/search?postcode={}&distance=5",
                    in_query(&postcode)
                )))
                .await?;
            results(&client).await?;
            let line = wait_for_text(&client, ".whose-area", |t| !t.is_empty()).await?;
            check(
                line == format!("Your council for adult social care: {council}"),
                format!("{postcode}: the council line reads {line:?}"),
            )
        }
    })
    .await;
}

#[tokio::test]
async fn a_district_split_between_councils_asks_for_the_full_postcode() {
    let Some(source) = Source::real() else {
        return;
    };
    let Source::Real(shared) = &source else {
        unreachable!()
    };
    // M35 (Failsworth) is shared by Oldham, Tameside and Manchester.
    let codes = district_councils(shared, "M35");
    assert!(codes.len() > 1, "the check needs a split district");
    let names: Vec<String> = codes.iter().map(|c| govuk_name(shared, c)).collect();
    let (last, rest) = names.split_last().unwrap();
    let expected = format!(
        "M35 is split between {} and {last}. Enter your full postcode to see which council's help applies.",
        rest.join(", ")
    );
    on(&source, "whose_area_split", |site| {
        move |client| async move {
            client
                .goto(&site.url("/search?postcode=M35&distance=5"))
                .await?;
            results(&client).await?;
            let line = wait_for_text(&client, ".whose-area", |t| !t.is_empty()).await?;
            check(line == expected, format!("the split line reads {line:?}"))
        }
    })
    .await;
}
