//! What a person types or chooses never leaves the browser: every request the browser makes
//! (URL and headers, from DevTools through chromedriver's performance log) and every Cache
//! Storage key is searched for the postcode, its district, a position, pathway answers and money
//! figures, through a search, a reload, share links, a location search, a pathway walk, an
//! estimate and an old `?` link. Then "Exit this page" and adviser mode on a shared device.

use std::time::{Duration, Instant};

use carefinder_journeys::reference::Source;
use carefinder_journeys::{
    cache_storage_keys, cdp, check, requests, wait_for_heading, wait_for_text, Browser, Data,
    JourneyResult, Request, Session, Site,
};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

/// What must not appear, and how each is recognised in a URL, a header or a cache key.
struct Secrets {
    /// The postcode without spaces, lower case: found however it was spaced, cased or encoded.
    postcode: String,
    /// Its district ("zz5"), as a whole part of an address (the area, "zz", may appear).
    district: String,
    /// The position's figures as the browser gave them and as the app rounds them.
    coordinates: Vec<String>,
    /// Pathway answers as the address spells them (`step.value`).
    answers: Vec<String>,
    /// Money figures typed into the estimator (as typed, and as digits alone).
    money: Vec<(String, String)>,
}

/// Lower case, %XX and `+` decoded, so every spelling of a value reads the same.
fn normalise(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).to_lowercase()
}

impl Secrets {
    /// What `text` gives away, one line per kind.
    fn found_in(&self, text: &str) -> Vec<&'static str> {
        let plain = normalise(text);
        let parts: Vec<&str> = plain.split(|c: char| !c.is_ascii_alphanumeric()).collect();
        let mut found = Vec::new();
        if plain.replace([' ', '\t'], "").contains(&self.postcode) {
            found.push("the postcode");
        }
        if parts.contains(&self.district.as_str()) {
            found.push("the postcode district");
        }
        if self.coordinates.iter().any(|c| plain.contains(c.as_str())) {
            found.push("a coordinate");
        }
        if plain.contains("answers=") || self.answers.iter().any(|a| plain.contains(a.as_str())) {
            found.push("a pathway answer");
        }
        if self.money.iter().any(|(typed, digits)| {
            parts.contains(&digits.as_str()) || plain.contains(typed.as_str())
        }) {
            found.push("a money figure");
        }
        found
    }

    /// Every finding in these requests, as "phase: what, in URL or header".
    fn check_requests(&self, phase: &str, sent: &[Request], findings: &mut Vec<String>) {
        for request in sent {
            for what in self.found_in(&request.url) {
                findings.push(format!("{phase}: {what} in the URL {}", request.url));
            }
            for (name, value) in &request.headers {
                // DevTools lists the header with an empty value when the policy sends none.
                if name.eq_ignore_ascii_case("referer") && !value.is_empty() {
                    findings.push(format!(
                        "{phase}: a Referer header ({value}) on a request for {:?}",
                        request.url
                    ));
                }
                for what in self.found_in(&format!("{name}: {value}")) {
                    findings.push(format!("{phase}: {what} in the header {name}: {value}"));
                }
            }
        }
    }
}

/// The secrets of the journey below, on the example data.
fn secrets(source: &Source, position: (f64, f64)) -> Secrets {
    let postcode = source.home_postcode();
    let district = postcode
        .split(' ')
        .next()
        .expect("a postcode has a district")
        .to_lowercase();
    let (lat, lon) = position;
    Secrets {
        postcode: postcode.replace(' ', "").to_lowercase(),
        district,
        coordinates: vec![
            format!("{lat}"),
            format!("{lon}"),
            format!("{lat:.3}"),
            format!("{lon:.3}"),
        ],
        answers: vec!["danger.no".into(), "concern.abuse".into()],
        money: FIGURES
            .iter()
            .map(|(_, v)| (v.to_string(), v.replace(',', "")))
            .collect(),
    }
}

/// The estimator's answers: figures unlikely to appear by chance in any address.
const FIGURES: [(&str, &str); 4] = [
    ("fee", "1234"),
    ("usual", "987"),
    ("income", "317"),
    ("savings", "23,456"),
];

async fn results_shown(client: &Client) -> JourneyResult {
    wait_for_text(client, ".results-count", |t| t.contains("within"))
        .await
        .map(|_| ())
}

async fn history_length(client: &Client) -> Result<u64, Box<dyn std::error::Error>> {
    Ok(client
        .execute("return history.length;", vec![])
        .await?
        .as_u64()
        .ok_or("history.length is not a number")?)
}

#[tokio::test]
async fn no_request_or_cache_key_carries_what_a_person_typed_or_chose() {
    let source = Source::example();
    let site = Site::start("privacy_requests", Data::Example);
    let position = source.a_position();
    let secrets = secrets(&source, position);
    let postcode = source.home_postcode();
    let session = Session {
        record_requests: true,
        time_limit: Duration::from_secs(240),
        ..Session::default()
    };
    Browser::journey_with("no_request_or_cache_key_carries_what_a_person_typed_or_chose", &session, |client| async move {
        let mut findings = Vec::new();
        let mut seen = 0;
        let mut record = |phase: &str, sent: Vec<Request>| {
            seen += sent.len();
            secrets.check_requests(phase, &sent, &mut findings);
        };
        // A first visit, then a second once the service worker controls the page (and caches).
        client.goto(&site.url("/")).await?;
        client.execute_async("const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true));", vec![]).await?;
        client.refresh().await?;
        wait_for_heading(&client, "Find and compare adult social care").await?;
        record("first visit", requests(&client).await?);

        // A full search by postcode, typed.
        client.goto(&site.url("/search")).await?;
        wait_for_heading(&client, "Search for care services").await?;
        client.find(Locator::Id("postcode")).await?.send_keys(&postcode.to_lowercase()).await?;
        client.find(Locator::Css("form.search-form button[type=submit]")).await?.click().await?;
        results_shown(&client).await?;
        let search_link = client.current_url().await?;
        check(search_link.query().is_none() && search_link.fragment().is_some_and(|f| f.contains("postcode=")), format!("the search's address is {search_link}"))?;
        record("search", requests(&client).await?);

        client.refresh().await?;
        results_shown(&client).await?;
        record("reload", requests(&client).await?);

        // A shared search link, opened afresh.
        client.goto(&site.url("/about-data")).await?;
        client.goto(search_link.as_str()).await?;
        results_shown(&client).await?;
        record("search link", requests(&client).await?);

        // A shortlist and its share link.
        client.find(Locator::Css(".result .button--secondary")).await?.click().await?;
        client.find(Locator::Css("nav a[href='/compare']")).await?.click().await?;
        wait_for_text(&client, ".table--compare", |t| !t.is_empty()).await?;
        let share = client.find(Locator::Css(".share-link")).await?.text().await?;
        check(share.contains("/compare#ids="), format!("share link {share}"))?;
        client.goto(&share).await?;
        wait_for_text(&client, ".table--compare", |t| !t.is_empty()).await?;
        record("shortlist link", requests(&client).await?);

        // A search from the device's position.
        let origin = site.url("");
        cdp(&client, "Browser.setPermission", json!({"permission": {"name": "geolocation"}, "setting": "granted", "origin": origin.trim_end_matches('/')})).await?;
        cdp(&client, "Emulation.setGeolocationOverride", json!({"latitude": position.0, "longitude": position.1, "accuracy": 50})).await?;
        client.goto(&site.url("/search")).await?;
        wait_for_heading(&client, "Search for care services").await?;
        client.find(Locator::XPath("//button[normalize-space()='Use my location']")).await?.click().await?;
        wait_for_text(&client, ".results-count", |t| t.ends_with("of your location")).await?;
        client.refresh().await?;
        results_shown(&client).await?;
        record("location search", requests(&client).await?);

        // A pathway walked to an outcome, and a reload there.
        client.goto(&site.url("/pathways/worried")).await?;
        wait_for_heading(&client, "Worried about someone's care or safety").await?;
        client.find(Locator::LinkText("Start now")).await?.click().await?;
        wait_for_heading(&client, "Is anyone in immediate danger?").await?;
        client.find(Locator::Id("answer-no")).await?.click().await?;
        client.find(Locator::Css("main button[type=submit]")).await?.click().await?;
        wait_for_heading(&client, "What are you worried about?").await?;
        client.find(Locator::Id("answer-abuse")).await?.click().await?;
        client.find(Locator::Css("main button[type=submit]")).await?.click().await?;
        wait_for_heading(&client, "Check your answers").await?;
        client.find(Locator::XPath("//main//a[normalize-space()='Continue']")).await?.click().await?;
        wait_for_heading(&client, "Report a concern about abuse or neglect").await?;
        let outcome = client.current_url().await?;
        check(outcome.query().is_none() && outcome.fragment().is_some_and(|f| f.contains("answers=")), format!("the outcome's address is {outcome}"))?;
        client.refresh().await?;
        wait_for_heading(&client, "Report a concern about abuse or neglect").await?;
        record("pathway", requests(&client).await?);

        // An estimate with money figures.
        client.goto(&site.url("/costs")).await?;
        wait_for_heading(&client, "Estimate what you might pay").await?;
        for (id, value) in FIGURES {
            client.find(Locator::Id(id)).await?.send_keys(value).await?;
        }
        client.find(Locator::Id("owns-no")).await?.click().await?;
        client.find(Locator::Css("form.costs-form button[type=submit]")).await?.click().await?;
        wait_for_text(&client, "[aria-live]", |t| t.contains("Your estimate")).await?;
        record("estimate", requests(&client).await?);

        // An old link with the search in its query: the page's own request carries it (it was
        // sent before the app could act); the app moves it into the fragment before any other.
        let old = site.url(&format!("/search?postcode={}&distance=5", postcode.replace(' ', "+")));
        client.goto(&old).await?;
        results_shown(&client).await?;
        let moved = client.current_url().await?;
        check(moved.query().is_none() && moved.fragment().is_some_and(|f| f.contains("postcode=")), format!("the old link became {moved}"))?;
        let mut sent = requests(&client).await?;
        let first = sent.iter().position(|r| r.url == old).ok_or("the old link's own request was not recorded")?;
        sent.remove(first);
        record("old link, after its own request", sent);
        check(seen > 20, format!("only {seen} requests were recorded: the log is not working"))?;

        let keys = cache_storage_keys(&client).await?;
        check(keys.iter().any(|k| k.starts_with("cache ")), format!("no caches to check: {keys:?}"))?;
        for key in &keys {
            for what in secrets.found_in(key) {
                findings.push(format!("Cache Storage: {what} in {key}"));
            }
        }
        check(findings.is_empty(), format!("{} findings:\n{}", findings.len(), findings.join("\n")))
    })
    .await;
}

#[tokio::test]
async fn exit_this_page_leaves_for_a_neutral_page_and_the_questions_do_not_grow_history() {
    let site = Site::start("privacy_exit", Data::Example);
    Browser::journey(
        "exit_this_page_leaves_for_a_neutral_page_and_the_questions_do_not_grow_history",
        |client| async move {
            // Not on every pathway: only where being seen reading it could put someone at risk.
            client.goto(&site.url("/pathways/paying")).await?;
            wait_for_heading(&client, "Paying for care").await?;
            check(
                client
                    .find_all(Locator::Css(".exit-this-page__button"))
                    .await?
                    .is_empty(),
                "paying for care offers Exit this page",
            )?;

            client.goto(&site.url("/pathways/worried")).await?;
            wait_for_heading(&client, "Worried about someone's care or safety").await?;
            let before = history_length(&client).await?;
            client
                .find(Locator::LinkText("Start now"))
                .await?
                .click()
                .await?;
            wait_for_heading(&client, "Is anyone in immediate danger?").await?;
            client.find(Locator::Id("answer-no")).await?.click().await?;
            client
                .find(Locator::Css("main button[type=submit]"))
                .await?
                .click()
                .await?;
            wait_for_heading(&client, "What are you worried about?").await?;
            client
                .find(Locator::Id("answer-provider"))
                .await?
                .click()
                .await?;
            client
                .find(Locator::Css("main button[type=submit]"))
                .await?
                .click()
                .await?;
            wait_for_heading(&client, "Check your answers").await?;
            // The page's own Back link still steps back, keeping the answer.
            client
                .find(Locator::Css("main a.back-link"))
                .await?
                .click()
                .await?;
            wait_for_heading(&client, "What are you worried about?").await?;
            check(
                client
                    .find(Locator::Id("answer-provider"))
                    .await?
                    .prop("checked")
                    .await?
                    .as_deref()
                    == Some("true"),
                "Back lost the answer",
            )?;
            let after = history_length(&client).await?;
            check(
                after == before,
                format!("history grew from {before} to {after} entries through the questions"),
            )?;

            // The button: this page and its entry are replaced by the neutral site.
            let button = client.find(Locator::Css(".exit-this-page__button")).await?;
            let words = button.text().await?;
            check(
                words.ends_with("Exit this page"),
                format!("the button reads {words:?}"),
            )?;
            let target = button.attr("href").await?.unwrap_or_default();
            check(
                target.starts_with("https://www.bbc.co.uk/"),
                format!("the button leads to {target}"),
            )?;
            button.click().await?;
            left_for(&client, &target, before).await?;

            // The shortcut, on a question page opened afresh: Shift three times.
            client.goto(&site.url("/pathways/carer")).await?;
            wait_for_heading(&client, "I look after someone").await?;
            client
                .find(Locator::LinkText("Start now"))
                .await?
                .click()
                .await?;
            let heading = client.find(Locator::Css("h1")).await?.text().await?;
            check(
                !heading.is_empty() && heading != "I look after someone",
                "Start now did not open the first question",
            )?;
            let before = history_length(&client).await?;
            let shift = Key::Shift.into();
            let mut keys = KeyActions::new("keyboard".into());
            for _ in 0..3 {
                keys = keys
                    .then(KeyAction::Down { value: shift })
                    .then(KeyAction::Up { value: shift });
            }
            client.perform_actions(keys).await?;
            left_for(&client, &target, before).await
        },
    )
    .await;
}

/// The tab shows `target` in place of the page, with no more history entries than `entries`.
/// Without a network the browser shows its error page, at the same address.
async fn left_for(client: &Client, target: &str, entries: u64) -> JourneyResult {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !client.current_url().await?.as_str().starts_with(target) {
        check(
            Instant::now() < deadline,
            format!(
                "the page did not leave for {target}: still at {}",
                client.current_url().await?
            ),
        )?;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let now = history_length(client).await?;
    check(
        now == entries,
        format!("leaving added history entries: {entries} before, {now} after"),
    )
}

#[tokio::test]
async fn adviser_mode_survives_a_reload_and_keeps_nothing_on_the_device() {
    let site = Site::start("privacy_adviser", Data::Example);
    let postcode = Source::example().home_postcode();
    Browser::journey("adviser_mode_survives_a_reload_and_keeps_nothing_on_the_device", |client| async move {
        let search = site.url(&format!("/search#postcode={}&distance=5", postcode.replace(' ', "+")));
        client.goto(&search).await?;
        // The service worker controls the page, so there is something it could cache.
        client.execute_async("const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true));", vec![]).await?;
        client.refresh().await?;
        results_shown(&client).await?;
        check(!cache_storage_keys(&client).await?.is_empty(), "nothing was cached before adviser mode, so the check below proves nothing")?;

        client.find(Locator::XPath("//button[normalize-space()='Adviser mode: off']")).await?.click().await?;
        client.find(Locator::Css(".result .button--secondary")).await?.click().await?;
        check(client.find(Locator::Css(".header__count")).await?.text().await? == "(1)", "the session's shortlist holds 1")?;
        client.refresh().await?;
        results_shown(&client).await?;
        // Still on after the reload, with the session's list, and nothing kept for the device.
        client.find(Locator::XPath("//button[normalize-space()='Adviser mode: on']")).await?;
        check(client.find(Locator::Css(".header__count")).await?.text().await? == "(1)", "the session's shortlist did not survive the reload")?;
        let local = client.execute("return Object.keys(localStorage).filter(k => k.startsWith('carefinder'));", vec![]).await?;
        check(local == json!([]), format!("adviser mode wrote to local storage: {local}"))?;
        no_caches_left(&client).await?;
        let workers = client.execute_async("const done = arguments[0]; navigator.serviceWorker.getRegistrations().then(r => done(r.length));", vec![]).await?;
        check(workers == json!(0), format!("{workers} service workers are registered in adviser mode"))?;

        client.find(Locator::XPath("//button[normalize-space()='Start a new session']")).await?.click().await?;
        wait_for_heading(&client, "Find and compare adult social care").await?;
        check(client.find(Locator::Css(".header__count")).await?.text().await? == "(0)", "the shortlist was not emptied")?;
        let left = client.execute("return [localStorage.length, Object.keys(sessionStorage)];", vec![]).await?;
        check(left == json!([0, ["carefinder.adviser.v1"]]), format!("after a new session the tab holds {left}"))?;
        no_caches_left(&client).await?;
        // The next person's session is in adviser mode too.
        client.find(Locator::XPath("//button[normalize-space()='Adviser mode: on']")).await?;
        Ok(())
    })
    .await;
}

/// Cache Storage empties (deleting caches takes a moment).
async fn no_caches_left(client: &Client) -> JourneyResult {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let keys = cache_storage_keys(client).await?;
        if keys.is_empty() {
            return Ok(());
        }
        check(
            Instant::now() < deadline,
            format!("Cache Storage still holds {keys:?}"),
        )?;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
