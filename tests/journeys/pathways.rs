//! Information-and-advice pathways in a real browser: walked by keyboard alone, back and change
//! links keeping answers, preset searches, and adviser mode's "Start a new session".

use std::time::Duration;

use carefinder_journeys::{
    check, texts, wait_for_heading, wait_for_text, Browser, Data, JourneyResult, Site,
};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

/// The pathway ids, read from the authored content (the same files the builder compiles).
fn pathway_ids() -> Vec<String> {
    let dir = carefinder_journeys::root().join("content/pathways");
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

/// Presses Tab until the focused element satisfies `wanted` (its tag and text), as a keyboard user would.
async fn tab_to(
    client: &Client,
    what: &str,
    wanted: impl Fn(&str, &str) -> bool,
) -> Result<Element, Box<dyn std::error::Error>> {
    for _ in 0..60 {
        let el = client.active_element().await?;
        let tag = el.prop("tagName").await?.unwrap_or_default();
        let text = el.prop("innerText").await?.unwrap_or_default();
        if wanted(&tag, text.trim()) {
            return Ok(el);
        }
        el.send_keys(&Key::Tab.to_string()).await?;
    }
    Err(format!("Tab never reached {what}").into())
}

async fn h1(client: &Client) -> Result<String, fantoccini::error::CmdError> {
    client.find(Locator::Css("h1")).await?.text().await
}

/// Waits for the h1 to change from `old`, returning the new one.
async fn next_heading(client: &Client, old: &str) -> Result<String, Box<dyn std::error::Error>> {
    for _ in 0..200 {
        let now = h1(client).await.unwrap_or_default();
        if !now.is_empty() && now != old {
            return Ok(now);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Err(format!("the page did not move on from {old:?}").into())
}

async fn walk_by_keyboard(client: &Client, site: &Site, id: &str) -> JourneyResult {
    client.goto(&site.url(&format!("/pathways/{id}"))).await?;
    let title = wait_for_text(client, "h1", |t| {
        !t.is_empty() && t != "Information and advice"
    })
    .await?;
    let start = tab_to(client, "Start now", |tag, text| {
        tag == "A" && text == "Start now"
    })
    .await?;
    start.send_keys(&Key::Enter.to_string()).await?;
    let mut heading = next_heading(client, &title).await?;
    for _ in 0..6 {
        if heading == "Check your answers" {
            let go = tab_to(client, "Continue", |tag, text| {
                tag == "A" && text == "Continue"
            })
            .await?;
            go.send_keys(&Key::Enter.to_string()).await?;
            let outcome = next_heading(client, &heading).await?;
            let steps = texts(client, "ol.list--number > li").await?;
            check(
                !steps.is_empty(),
                format!("{id}: outcome {outcome:?} has no next steps"),
            )?;
            check(
                steps
                    .iter()
                    .all(|s| s.contains("Source: ") && s.contains("Last reviewed")),
                format!("{id}: a step lacks its source"),
            )?;
            return Ok(());
        }
        // A question page: the first answer, then Continue, all from the keyboard.
        let radio = tab_to(client, "the first answer", |tag, _| tag == "INPUT").await?;
        radio.send_keys(&Key::Space.to_string()).await?;
        let go = tab_to(client, "Continue", |tag, text| {
            tag == "BUTTON" && text == "Continue"
        })
        .await?;
        go.send_keys(&Key::Enter.to_string()).await?;
        heading = next_heading(client, &heading).await?;
    }
    Err(format!("{id}: no outcome after six pages").into())
}

#[tokio::test]
async fn every_pathway_can_be_walked_by_keyboard_to_an_outcome() {
    let ids = pathway_ids();
    assert!(ids.len() >= 9, "nine pathways are authored: {ids:?}");
    let site = Site::start("pathways-keyboard", Data::Example);
    Browser::journey(
        "every_pathway_can_be_walked_by_keyboard_to_an_outcome",
        |client| async move {
            for id in &ids {
                walk_by_keyboard(&client, &site, id).await?;
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn back_and_change_links_keep_answers_and_a_preset_search_applies_its_filters() {
    let site = Site::start("pathways-change", Data::Example);
    Browser::journey("back_and_change_links_keep_answers_and_a_preset_search_applies_its_filters", |client| async move {
        client.goto(&site.url("/pathways/carer/cares")).await?;
        wait_for_heading(&client, "Do you help someone who could not manage without you?").await?;
        // Continue without choosing: the GOV.UK error pattern.
        client.find(Locator::Css("button[type=submit]")).await?.click().await?;
        wait_for_text(&client, ".error-summary", |t| t.contains("Select an answer")).await?;
        check(client.title().await?.starts_with("Error: "), "error title")?;
        client.find(Locator::Id("answer-yes")).await?.click().await?;
        client.find(Locator::Css("button[type=submit]")).await?.click().await?;
        wait_for_heading(&client, "What would help most right now?").await?;
        client.find(Locator::Id("answer-break")).await?.click().await?;
        client.find(Locator::Css("button[type=submit]")).await?.click().await?;
        wait_for_heading(&client, "Check your answers").await?;
        let answers = texts(&client, ".summary-list__row dd:first-of-type").await?;
        check(answers == ["Yes", "A break from caring"], format!("answers {answers:?}"))?;
        // Back keeps the answer selected.
        client.find(Locator::Css(".back-link")).await?.click().await?;
        wait_for_heading(&client, "What would help most right now?").await?;
        check(client.find(Locator::Id("answer-break")).await?.prop("checked").await?.as_deref() == Some("true"), "back lost the answer")?;
        // Change the first answer from the check page: the second is kept, and it returns to the check page.
        client.find(Locator::Css(".back-link")).await?.click().await?;
        wait_for_heading(&client, "Do you help someone who could not manage without you?").await?;
        check(client.find(Locator::Id("answer-yes")).await?.prop("checked").await?.as_deref() == Some("true"), "the first answer was lost")?;
        client.find(Locator::Css("button[type=submit]")).await?.click().await?;
        wait_for_heading(&client, "What would help most right now?").await?;
        client.find(Locator::Css("button[type=submit]")).await?.click().await?;
        wait_for_heading(&client, "Check your answers").await?;
        client.find(Locator::XPath("//a[starts-with(normalize-space(), 'Change')][contains(., 'What would help most')]")).await?.click().await?;
        wait_for_heading(&client, "What would help most right now?").await?;
        check(client.find(Locator::Id("answer-break")).await?.prop("checked").await?.as_deref() == Some("true"), "change lost the answer")?;
        client.find(Locator::Css("button[type=submit]")).await?.click().await?;
        wait_for_heading(&client, "Check your answers").await?;
        client.find(Locator::XPath("//a[normalize-space()='Continue']")).await?.click().await?;
        wait_for_heading(&client, "Get a break from caring").await?;
        // The preset search: care homes and nursing homes within 5 miles of a postcode typed here.
        let form = client.find(Locator::Css("form.preset-search")).await?;
        form.find(Locator::Css("input")).await?.send_keys("ZZ5 1AA").await?;
        form.find(Locator::Css("button")).await?.click().await?;
        wait_for_heading(&client, "Search for care services").await?;
        let url = client.current_url().await?;
        check(url.query().is_none(), format!("the search went into the query: {url}"))?;
        let query = url.fragment().unwrap_or_default().to_string();
        check(query.contains("type=care_home") && query.contains("type=nursing_home") && query.contains("distance=5"), format!("query {query}"))?;
        client.find(Locator::Css("details.filters summary")).await?.click().await?;
        for id in ["type-care_home", "type-nursing_home"] {
            check(client.find(Locator::Id(id)).await?.prop("checked").await?.as_deref() == Some("true"), format!("{id} not ticked"))?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn adviser_mode_keeps_nothing_and_a_new_session_empties_the_devices_storage() {
    let site = Site::start("adviser", Data::Example);
    Browser::journey("adviser_mode_keeps_nothing_and_a_new_session_empties_the_devices_storage", |client| async move {
        let search = site.url("/search?postcode=ZZ5&distance=25");
        client.goto(&search).await?;
        // Once the service worker controls the page, visited dataset files go into its cache.
        client.execute_async("const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true));", vec![]).await?;
        client.refresh().await?;
        wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
        let add_buttons = client.find_all(Locator::Css(".result .button--secondary")).await?;
        add_buttons[0].click().await?;
        client.execute("sessionStorage.setItem('probe', '1');", vec![]).await?;
        let stored_ids = || async { client.execute("return JSON.parse(localStorage.getItem('carefinder.shortlist.v1') || '{\"ids\":[]}').ids.length;", vec![]).await };
        check(stored_ids().await?.as_u64() == Some(1), "the resident's shortlist was not stored")?;
        let count = || async { client.find(Locator::Css(".header__count")).await?.text().await };

        // In adviser mode a service added for the person being helped is not written down...
        client.find(Locator::XPath("//button[normalize-space()='Adviser mode: off']")).await?.click().await?;
        let class = client.execute("return document.documentElement.className;", vec![]).await?;
        check(class.as_str().is_some_and(|c| c.contains("adviser-mode")), "adviser mode enlarges text")?;
        add_buttons[1].click().await?;
        check(count().await? == "(2)", "the session's shortlist should show 2")?;
        check(stored_ids().await?.as_u64() == Some(1), "adviser mode wrote the session's shortlist to storage")?;
        // ...and leaving adviser mode goes back to what this browser had stored.
        client.find(Locator::XPath("//button[normalize-space()='Adviser mode: on']")).await?.click().await?;
        check(count().await? == "(1)", "leaving adviser mode should restore the stored shortlist")?;
        check(stored_ids().await?.as_u64() == Some(1), "leaving adviser mode changed what was stored")?;

        let has_data_cache = || async { client.execute_async("const done = arguments[0]; caches.has('carefinder-data-v3').then(done);", vec![]).await };
        // Adviser mode unregistered the service worker; leaving it registered it again.
        client.goto(&search).await?;
        client.execute_async("const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true));", vec![]).await?;
        client.refresh().await?;
        wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
        check(has_data_cache().await?.as_bool() == Some(true), "the service worker cached no dataset files to forget")?;
        client.find(Locator::XPath("//button[normalize-space()='Adviser mode: off']")).await?.click().await?;
        client.find(Locator::XPath("//button[normalize-space()='Start a new session']")).await?.click().await?;
        wait_for_heading(&client, "Find and compare adult social care").await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        // Only adviser mode itself stays, for the next person.
        let left = client.execute("return [localStorage.length, Object.keys(sessionStorage)];", vec![]).await?;
        check(left == serde_json::json!([0, ["carefinder.adviser.v1"]]), format!("storage after a new session: {left}"))?;
        check(has_data_cache().await?.as_bool() == Some(false), "the visited dataset files are still cached")?;
        check(count().await? == "(0)", "the shortlist was not emptied")
    })
    .await;
}
