//! Someone types into a pre-rendered page's form as soon as it shows, while the app is still
//! starting, and submits a moment later: what they typed must reach the answer, whether the
//! static form went to the site (GET /districts?district=..., answered 303 by carefinder-serve)
//! or the app, having taken over, handled it. Every pre-rendered page with a form field is tried
//! (found in what the pre-renderer wrote), 5 times at each of 6 delays between typing and
//! pressing Enter or clicking the button, each on a fresh page load, with the page's scripts
//! slowed down so that the app takes over during the typing.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use carefinder_journeys::{app_took_over, cdp, check, Browser, Data, JourneyResult, Session, Site};
use fantoccini::actions::{
    Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use fantoccini::Client;
use serde_json::{json, Value};

// A test target is a crate root: its submodule sits in a folder named after it.
#[path = "typing_while_starting/form_pages.rs"]
mod form_pages;
use form_pages::{pages_with_fields, what_to_type, FormPage, Typing};

/// Milliseconds between the end of the typing and the Enter key or the click.
const DELAYS_MS: [u64; 6] = [0, 50, 100, 200, 300, 500];
const TRIES: usize = 5;
/// How much slower the page's scripts run (CDP's CPU throttling; the network is not throttled):
/// enough that the app is still starting when the typing begins.
const CPU_SLOWDOWN: f64 = 6.0;
/// The WebDriver code for the Enter key.
const ENTER: char = '\u{e007}';
const BACKSPACE: char = '\u{e003}';

/// How one try went.
enum Try {
    /// The app had taken over before the typing began: no race, so the try does not count.
    NoRace,
    /// The answer came, from the site (a new page) or from the app.
    Answered { by_site: bool },
    /// What the page showed instead of the answer, which never came.
    Lost(String),
}

/// The page's state in one step (safe while the page is being swapped or replaced).
const STATE: &str = r#"
    const h = document.querySelector('h1');
    const nav = performance.getEntriesByType('navigation')[0];
    const fields = [...document.querySelectorAll('input[type=text]')].map(i => '#' + i.id + '=' + JSON.stringify(i.value));
    const error = document.querySelector('.error-summary');
    return { path: location.pathname, query: location.search, heading: h ? h.textContent.trim() : '',
             loadedAt: nav ? new URL(nav.name).pathname : '', fields: fields.join(' '),
             error: error ? error.textContent.trim() : '', prerendered: !!document.getElementById('prerendered') };
"#;

/// Run in the page: once the new page's static field is there, focuses it (as a person
/// clicking into it would) and says where `arguments[1]` is on screen; "gone" if the app has
/// already taken over; null while the previous page or a half-parsed one is still there.
const FOCUS: &str = r#"
    if (window.previousTry) return null;
    const field = document.querySelector('#prerendered [id="' + arguments[0] + '"]');
    if (!field) return document.readyState === 'loading' ? null : 'gone';
    field.focus();
    const r = document.querySelector(arguments[1]).getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2];
"#;

/// Opens `address` afresh, slowed down. With the "none" strategy this returns at once, and
/// `focus_static` waits for the new page, so typing starts as soon as its field is parsed.
async fn open(client: &Client, site: &Site, address: &str) -> JourneyResult {
    cdp(
        client,
        "Emulation.setCPUThrottlingRate",
        json!({ "rate": CPU_SLOWDOWN }),
    )
    .await?;
    let _ = client.execute("window.previousTry = true;", vec![]).await;
    client.goto(&site.url(address)).await?;
    Ok(())
}

/// Focuses the static page's field `id` as soon as it is there, returning where `target` is on
/// screen; None if the app took over first.
async fn focus_static(
    client: &Client,
    id: &str,
    target: &str,
) -> Result<Option<(f64, f64)>, Box<dyn std::error::Error>> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match client.execute(FOCUS, vec![json!(id), json!(target)]).await {
            Ok(Value::Null) | Err(_) if Instant::now() < deadline => continue,
            Ok(Value::Array(at)) => return Ok(at[0].as_f64().zip(at[1].as_f64())),
            _ => return Ok(None),
        }
    }
}

/// Key presses that type `text`.
fn keys_typing(text: &str) -> KeyActions {
    text.chars()
        .fold(KeyActions::new("keyboard".into()), |keys, c| {
            keys.then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c })
        })
}

/// A mouse click at a point on screen (after `wait` of `ticks` idle steps, to line up with keys).
fn click_at((x, y): (f64, f64), ticks: usize, wait: Duration) -> MouseActions {
    (0..ticks)
        .fold(MouseActions::new("mouse".into()), |m, _| {
            m.pause(Duration::ZERO)
        })
        .pause(wait)
        .then(PointerAction::MoveTo {
            duration: None,
            x,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        })
}

async fn one_try(
    client: &Client,
    site: &Site,
    page: &FormPage,
    typing: &[(String, Typing)],
    delay: u64,
    click: bool,
) -> Result<Try, Box<dyn std::error::Error>> {
    open(client, site, &page.address).await?;
    let pause = Duration::from_millis(delay);
    for (n, (id, typed)) in typing.iter().enumerate() {
        // The app was first (or the page never came): there was no race.
        let Some(button) = focus_static(client, id, &page.submit).await? else {
            return Ok(Try::NoRace);
        };
        // The keys go wherever focus is as they are pressed, as a keyboard's do. After the last
        // field: the pause, then Enter, or a click where the button was when the typing began.
        let keys = keys_typing(&typed.text);
        if n + 1 < typing.len() {
            client.perform_actions(keys).await?;
            continue;
        }
        let pressed = if click {
            let mouse = click_at(button, 2 * typed.text.chars().count(), pause);
            client
                .perform_actions(Actions::from(keys.pause(pause)).and(mouse))
                .await
        } else {
            client
                .perform_actions(
                    keys.pause(pause)
                        .then(KeyAction::Down { value: ENTER })
                        .then(KeyAction::Up { value: ENTER }),
                )
                .await
        };
        // A press that starts a page load can end the command early; the page it leads to is what counts.
        let _ = pressed;
    }
    let _ = client.release_actions().await;
    let (_, expected) = typing.last().expect("a field");
    Ok(match answer(client, expected).await {
        Ok(state) => Try::Answered { by_site: state["loadedAt"] == expected.path.as_str() },
        Err(last) => Try::Lost(format!(
            "{} after {delay} ms by {}: the page shows {}{} with the heading {:?}{}; its fields: {}",
            page.address,
            if click { "a click" } else { "Enter" },
            last["path"].as_str().unwrap_or("?"),
            last["query"].as_str().unwrap_or(""),
            last["heading"].as_str().unwrap_or(""),
            last["error"].as_str().filter(|e| !e.is_empty()).map(|e| format!(" and the error {e:?}")).unwrap_or_default(),
            last["fields"].as_str().unwrap_or(""),
        )),
    })
}

/// Waits up to 8 s for the page that answers `expected`, returning its state (see `STATE`),
/// or the last state seen.
async fn answer(client: &Client, expected: &Typing) -> Result<Value, Value> {
    let deadline = Instant::now() + Duration::from_secs(8);
    let mut last = Value::Null;
    while Instant::now() < deadline {
        if let Ok(state) = client.execute(STATE, vec![]).await {
            if state["path"] == expected.path.as_str()
                && state["heading"] == expected.heading.as_str()
            {
                return Ok(state);
            }
            last = state;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(last)
}

/// Types into every field of `page` at once on load and submits after each delay, `TRIES`
/// times each; adds each lost submission to `lost`.
async fn race(
    client: &Client,
    site: &Site,
    page: &FormPage,
    lost: &Mutex<Vec<String>>,
) -> JourneyResult {
    // A first visit, unslowed: the first navigation gets a new renderer, which would not keep
    // the CPU throttling, and the service worker installs.
    client.goto(&site.url(&page.address)).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let typing: Vec<(String, Typing)> = page
        .fields
        .iter()
        .map(|(id, name)| (id.clone(), what_to_type(site, name)))
        .collect();
    let (mut no_race, mut by_site, mut by_app, mut here) = (0, 0, 0, Vec::new());
    for delay in DELAYS_MS {
        for attempt in 0..TRIES {
            // Enter from the keyboard, and (every other try) a click where the button was.
            // A try where the app was first does not count: it is tried again, up to 4 times.
            for _ in 0..5 {
                match one_try(client, site, page, &typing, delay, attempt % 2 == 1).await? {
                    Try::NoRace => no_race += 1,
                    Try::Answered { by_site: true } => {
                        by_site += 1;
                        break;
                    }
                    Try::Answered { by_site: false } => {
                        by_app += 1;
                        break;
                    }
                    Try::Lost(what) => {
                        here.push(what);
                        break;
                    }
                }
            }
        }
    }
    let total = DELAYS_MS.len() * TRIES;
    let typed: Vec<String> = typing
        .iter()
        .map(|(id, t)| format!("{:?} into #{id}", t.text))
        .collect();
    let counted = here.len() + by_site + by_app;
    println!(
        "RACE {}: typed {}: {} of {counted} submissions lost, {by_site} answered by the site, {by_app} by the app; {no_race} more loads did not count (the app took over before the typing began)",
        page.address,
        typed.join(", "),
        here.len(),
    );
    for line in &here {
        println!("  lost: {line}");
    }
    lost.lock().unwrap().extend(here);
    // Without a race the journey would prove nothing: the app must mostly still be starting.
    check(
        counted == total,
        format!("only {counted} of {total} tries raced the app: slow the page more"),
    )
}

#[tokio::test]
async fn text_typed_and_submitted_while_the_app_starts_is_never_lost() {
    let site = Site::start("typing-while-starting", Data::Default);
    let pages = pages_with_fields(&site);
    let addresses: Vec<&str> = pages.iter().map(|p| p.address.as_str()).collect();
    println!("pre-rendered pages with form fields: {addresses:?}");
    // At least the fallback page's district form (shown for /search) and the district index's.
    assert!(
        addresses.contains(&"/search") && addresses.contains(&"/districts"),
        "pages with fields: {addresses:?}"
    );
    let session = Session {
        page_load: "none",
        time_limit: Duration::from_secs(420),
        ..Session::default()
    };
    let lost = Mutex::new(Vec::new());
    for page in &pages {
        let name = format!("typing_while_starting{}", page.address.replace('/', "_"));
        let (site, lost) = (&site, &lost);
        Browser::journey_with(&name, &session, |client| async move {
            race(&client, site, page, lost).await
        })
        .await;
    }
    let lost = lost.into_inner().unwrap();
    assert!(
        lost.is_empty(),
        "{} submissions lost what was typed:\n{}",
        lost.len(),
        lost.join("\n")
    );
}

/// The app's own page, rendered hidden beside the static one: its heading, once it has one.
const HIDDEN_APP_HEADING: &str = "const h = document.querySelector('body > :not(#prerendered) main h1'); return h ? h.textContent.trim() : '';";

/// Waits until the app's hidden page reads `heading` (the app is ready to take over), then a
/// little longer, so that a takeover that was going to happen has happened.
async fn app_ready_behind(client: &Client, heading: &str) -> JourneyResult {
    let deadline = Instant::now() + Duration::from_secs(15);
    while client.execute(HIDDEN_APP_HEADING, vec![]).await?.as_str() != Some(heading) {
        check(
            Instant::now() < deadline,
            format!("the app never rendered {heading:?}"),
        )?;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    Ok(())
}

/// The static page's field `id`: whether the page is still there, the field's text, and
/// whether it has focus.
async fn static_field(client: &Client, id: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let js = "const f = document.querySelector('#prerendered [id=\"' + arguments[0] + '\"]'); \
              return [!!document.getElementById('prerendered'), f ? f.value : null, !!f && document.activeElement === f];";
    Ok(client.execute(js, vec![json!(id)]).await?)
}

async fn wait_for_takeover(client: &Client) -> JourneyResult {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app_took_over(client).await {
        check(Instant::now() < deadline, "the app never took over")?;
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Ok(())
}

/// The takeover waits for someone in a static field; when they leave it, their text goes into
/// the app's copy of the field, or, where the app's page has none (the fallback page's district
/// form on /search), the static page stays with the text until they send it or empty it.
#[tokio::test]
async fn the_takeover_waits_for_someone_in_a_static_field_and_keeps_their_text() {
    let site = Site::start("typing-then-leaving", Data::Default);
    let typed = what_to_type(&site, "district");
    let session = Session {
        page_load: "none",
        ..Session::default()
    };
    Browser::journey_with(
        "the_takeover_waits_for_someone_in_a_static_field_and_keeps_their_text",
        &session,
        |client| async move {
            client.goto(&site.url("/districts")).await?;
            tokio::time::sleep(Duration::from_secs(2)).await;

            // The district index: the app's page has the same field.
            open(&client, &site, "/districts").await?;
            let heading = focus_static(&client, "district", "#prerendered h1")
                .await?
                .ok_or("the app took over before the typing began")?;
            client.perform_actions(keys_typing(&typed.text)).await?;
            app_ready_behind(&client, "Care services by postcode district").await?;
            let held = static_field(&client, "district").await?;
            check(
                held == json!([true, typed.text, true]),
                format!("while the field has focus the static page stays, text and focus: {held}"),
            )?;
            // A click on the heading leaves the field: the app takes over, the text in its own field.
            client
                .perform_actions(click_at(heading, 0, Duration::ZERO))
                .await?;
            wait_for_takeover(&client).await?;
            let carried = client
                .execute(
                    "const f = document.getElementById('district'); return f ? f.value : null;",
                    vec![],
                )
                .await?;
            check(
                carried == typed.text.as_str(),
                format!("the app's field holds {carried}, not {:?}", typed.text),
            )?;
            // And the app sends it: Enter in its field.
            client
                .execute("document.getElementById('district').focus();", vec![])
                .await?;
            client
                .perform_actions(
                    KeyActions::new("keyboard".into())
                        .then(KeyAction::Down { value: ENTER })
                        .then(KeyAction::Up { value: ENTER }),
                )
                .await?;
            let state = answer(&client, &typed)
                .await
                .map_err(|last| format!("the app's form did not lead to {}: {last}", typed.path))?;
            check(
                state["loadedAt"] == "/districts",
                format!("the app did not handle the form itself: {state}"),
            )?;

            // The fallback page on /search: the app's search page has no district field.
            open(&client, &site, "/search").await?;
            let heading = focus_static(&client, "district", "#prerendered h1")
                .await?
                .ok_or("the app took over before the typing began")?;
            client.perform_actions(keys_typing(&typed.text)).await?;
            app_ready_behind(&client, "Search for care services").await?;
            client
                .perform_actions(click_at(heading, 0, Duration::ZERO))
                .await?;
            tokio::time::sleep(Duration::from_millis(1000)).await;
            let kept = static_field(&client, "district").await?;
            check(
                kept == json!([true, typed.text, false]),
                format!("out of the field, the text stays on the static page: {kept}"),
            )?;
            // Its button still sends the form to the site.
            client
                .execute(
                    "document.querySelector('#prerendered form [type=submit]').click();",
                    vec![],
                )
                .await?;
            let state = answer(&client, &typed).await.map_err(|last| {
                format!("the static form did not lead to {}: {last}", typed.path)
            })?;
            check(
                state["loadedAt"] == typed.path.as_str(),
                format!("the static form was not sent to the site: {state}"),
            )?;

            // Emptied again, the field has nothing to lose: the app takes over.
            open(&client, &site, "/search").await?;
            let heading = focus_static(&client, "district", "#prerendered h1")
                .await?
                .ok_or("the app took over before the typing began")?;
            client.perform_actions(keys_typing(&typed.text)).await?;
            app_ready_behind(&client, "Search for care services").await?;
            let backspaces = typed
                .text
                .chars()
                .fold(KeyActions::new("keyboard".into()), |k, _| {
                    k.then(KeyAction::Down { value: BACKSPACE })
                        .then(KeyAction::Up { value: BACKSPACE })
                });
            client.perform_actions(backspaces).await?;
            client
                .perform_actions(click_at(heading, 0, Duration::ZERO))
                .await?;
            wait_for_takeover(&client).await
        },
    )
    .await;
}
