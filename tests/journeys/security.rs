//! Privacy and security in a real browser: a strict Content-Security-Policy that the app runs
//! under without a single violation, and no request ever leaves the site.

use carefinder_journeys::{cdp, check, wait_for_heading, wait_for_text, Browser, Data, Site};
use fantoccini::Locator;
use serde_json::json;

#[tokio::test]
async fn the_app_runs_under_a_strict_csp_and_never_requests_another_origin() {
    let site = Site::start("security", Data::Example);
    Browser::journey("the_app_runs_under_a_strict_csp_and_never_requests_another_origin", |client| async move {
        // Record any CSP violation from the very start of every page.
        cdp(&client, "Page.enable", json!({})).await?;
        cdp(&client, "Page.addScriptToEvaluateOnNewDocument", json!({"source":
            "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"})).await?;
        client.goto(&site.url("/")).await?;
        wait_for_heading(&client, "Find and compare adult social care").await?;
        let csp = client.execute_async("const done = arguments[0]; fetch('/').then(r => done(r.headers.get('content-security-policy') || ''));", vec![]).await?;
        let csp = csp.as_str().unwrap_or_default().to_string();
        check(csp.contains("default-src 'self'") && csp.contains("'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"), format!("CSP: {csp}"))?;
        // Walk the app by its own links (one document, so every request is in one list).
        client.find(Locator::Css("nav a[href='/search']")).await?.click().await?;
        wait_for_heading(&client, "Search for care services").await?;
        client.find(Locator::Id("postcode")).await?.send_keys("ZZ5").await?;
        client.find(Locator::Css("form.search-form button[type=submit]")).await?.click().await?;
        wait_for_text(&client, ".results-count", |t| t.contains("within")).await?;
        client.find(Locator::Css(".result .button--secondary")).await?.click().await?;
        client.find(Locator::Css(".result__name a")).await?.click().await?;
        wait_for_text(&client, "h1", |t| t.starts_with("Example: ")).await?;
        client.find(Locator::Css("nav a[href='/compare']")).await?.click().await?;
        wait_for_heading(&client, "Your shortlist").await?;
        client.find(Locator::Css("nav a[href='/pathways']")).await?.click().await?;
        wait_for_heading(&client, "Information and advice").await?;
        client.find(Locator::Css("nav a[href='/about-data']")).await?.click().await?;
        wait_for_heading(&client, "About the data").await?;
        let origin = site.url("");
        let requests = client.execute("return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name));", vec![]).await?;
        let requests: Vec<String> = requests.as_array().unwrap().iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
        check(requests.len() > 8, format!("too few requests recorded to mean anything: {requests:?}"))?;
        let elsewhere: Vec<&String> = requests.iter().filter(|u| !u.starts_with(&origin)).collect();
        check(elsewhere.is_empty(), format!("requests left the site: {elsewhere:?}"))?;
        let violations = client.execute("return window.__violations;", vec![]).await?;
        check(violations == json!([]), format!("CSP violations: {violations}"))?;
        // The policy really is enforced, and the listener really hears it: a planted request
        // to another site is blocked and reported.
        client.execute_async("const done = arguments[0]; fetch('https://example.org/tracker').catch(() => done(null));", vec![]).await?;
        let planted = client.execute("return window.__violations;", vec![]).await?;
        check(planted == json!(["connect-src https://example.org/tracker"]), format!("planted request: {planted}"))
    })
    .await;
}
