//! A deploy during a visit: the visit that started on one build moves to the new one whole
//! (never an old index with new records), and a file that does not match its manifest ends,
//! after one more look at the manifest, on the data error page.

use carefinder_core::area_postcodes::area_of as area;
use carefinder_journeys::reference::Source;
use carefinder_journeys::{check, texts, wait_for_heading, wait_for_text, Browser, Data, Site};
use fantoccini::Locator;
use serde_json::Value;

/// How many times this page has asked for the manifest.
const MANIFEST_REQUESTS: &str = "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === '/data/manifest.json').length;";

#[tokio::test]
async fn a_new_build_during_a_visit_is_read_whole_and_a_damaged_file_shows_the_data_error_page() {
    let site = Site::start("deploy", Data::Example);
    let home = Source::example().home_postcode().replace(' ', "+");
    Browser::journey("a_new_build_during_a_visit_is_read_whole_and_a_damaged_file_shows_the_data_error_page", |client| async move {
        client.goto(&site.url(&format!("/search?postcode={home}&distance=5"))).await?;
        wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
        let names = texts(&client, ".result__name a").await?;
        // Each listed service's district, from the index the page was made from.
        let index: Vec<Value> = serde_json::from_slice(&std::fs::read(site.data_file("services.json"))?)?;
        let district = |name: &str| index.iter().find(|r| r[1] == name).map(|r| r[2].as_str().unwrap().to_string()).expect("a listed service");
        let first = names.first().ok_or("no results")?.clone();
        let d1 = district(&first);

        // The deploy: a new build where the first service has a new name (in the index and in
        // its district's records alike), and the old build's folder gone.
        let renamed = format!("{first} (new build)");
        let (from, to) = (format!("\"{first}\""), format!("\"{renamed}\""));
        site.publish_changed_build("feedfacecafe0001", |path, bytes| {
            if path == "services.json" || path == format!("services/{}.json", area(&d1)) {
                String::from_utf8(bytes).unwrap().replace(&from, &to).into_bytes()
            } else {
                bytes
            }
        });
        client.find(Locator::LinkText(&first)).await?.click().await?;
        wait_for_heading(&client, &renamed).await?;
        let reads = client.execute(MANIFEST_REQUESTS, vec![]).await?.as_u64().unwrap_or(0);
        check(reads >= 2, format!("the manifest was read {reads} times: not again after the deploy"))?;

        // A file of the current build whose bytes are not the ones its manifest lists (the
        // area's postcodes), met by a new visit's search.
        let area = site.data_file("postcodes/ZZ.json");
        let good = std::fs::read(&area)?;
        std::fs::write(&area, &good[..good.len() - 1])?;
        client.goto(&site.url(&format!("/search?postcode={home}&distance=5"))).await?;
        wait_for_heading(&client, "Sorry, there is a problem with the service").await?;
        let detail = wait_for_text(&client, ".data-error__detail", |t| !t.is_empty()).await?;
        check(detail.contains("/data/feedfacecafe0001/postcodes/ZZ.json is not the file its manifest.json lists"), format!("detail reads {detail:?}"))?;
        // This page read the manifest when it started, and once more after the mismatch.
        let reads = client.execute(MANIFEST_REQUESTS, vec![]).await?.as_u64().unwrap_or(0);
        check(reads == 2, format!("this page read the manifest {reads} times, not twice"))
    })
    .await;
}
