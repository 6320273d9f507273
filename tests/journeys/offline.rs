//! A second visit works with the network off, from what the service worker kept; a new dataset
//! build replaces the old one in its cache.

use carefinder_journeys::{check, texts, wait_for_heading, wait_for_text, Browser, Data, Site};

#[tokio::test]
async fn a_second_visit_works_offline_and_a_new_dataset_replaces_the_old() {
    let site = Site::start("offline", Data::Example);
    // A full postcode, so the search needs its area's postcode file.
    let zz: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.data_file("postcodes/ZZ.json")).unwrap(),
    )
    .unwrap();
    let zz5 = zz["districts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["district"] == "ZZ5")
        .expect("district ZZ5");
    let postcode = format!("ZZ5+{}", &zz5["inward"].as_str().unwrap()[..3]);
    let area_file = format!(
        "/data/{}/postcodes/ZZ.json",
        site.build_dir().file_name().unwrap().to_string_lossy()
    );
    Browser::journey("a_second_visit_works_offline_and_a_new_dataset_replaces_the_old", |client| async move {
        let cached_files = || async {
            let keys = client
                .execute_async("const done = arguments[0]; caches.open('carefinder-data-v3').then(c => c.keys()).then(k => done(k.map(r => new URL(r.url).pathname)));", vec![])
                .await?;
            Ok::<Vec<String>, Box<dyn std::error::Error>>(serde_json::from_value(keys)?)
        };
        client.goto(&site.url(&format!("/search?postcode={postcode}&distance=5"))).await?;
        wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
        // Wait until the service worker controls the page, then visit once more so it caches.
        client.execute_async("const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true));", vec![]).await?;
        client.refresh().await?;
        let online = wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
        let names = texts(&client, ".result__name a").await?;

        site.set_offline(true);
        client.refresh().await?;
        let offline = wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
        check(offline == online, format!("offline: {offline:?}, online: {online:?}"))?;
        check(texts(&client, ".result__name a").await? == names, "offline results differ")?;
        client.goto(&site.url("/about-data")).await?;
        wait_for_heading(&client, "About the data").await?;
        check(cached_files().await?.contains(&area_file), "the visited area's postcodes were not cached")?;
        let cached = cached_files().await?;
        check(!cached.iter().any(|k| k.contains('?')), format!("a URL with a query was cached: {cached:?}"))?;

        // A new build (a manifest naming another build): the old build's cached files are dropped.
        site.set_offline(false);
        site.publish_changed_build("feedfacecafe0002", |_, bytes| bytes);
        let manifest = site.dir.join("data/manifest.json");
        let text = std::fs::read_to_string(&manifest)?.replace("Example County (made-up data)", "Example County (new build)");
        std::fs::write(&manifest, text)?;
        client.goto(&site.url("/about-data")).await?;
        wait_for_text(&client, "main", |t| t.contains("Example County (new build)")).await?;
        let cached = cached_files().await?;
        check(!cached.contains(&area_file), format!("old build's files still cached: {cached:?}"))
    })
    .await;
}
