//! The deployment rules (README, "Deploying"; crates/serve/src/policy.rs) as a plain HTTP client
//! and a browser meet them, on whichever server the site runs: carefinder-serve, or nginx with
//! deploy/nginx.conf (`CAREFINDER_SERVER=nginx`; scripts/test runs this file both ways).

use base64::Engine;
use bytes::Bytes;
use carefinder_journeys::{cdp, check, wait_for_heading, Browser, Data, JourneyResult, Site};
use fantoccini::{Client, Locator};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;
use serde_json::json;
use sha2::{Digest, Sha256};

/// One answer, read whole (compressed bodies stay as sent).
struct Answer {
    status: u16,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// GETs `target` without following redirects. Every answer, whatever its status, must carry
/// `Referrer-Policy: no-referrer`, so each request in this file checks that rule too.
async fn get(
    site: &Site,
    target: &str,
    headers: &[(&str, &str)],
) -> Result<Answer, Box<dyn std::error::Error>> {
    let client = HttpClient::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let mut request = http::Request::get(site.url(target));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = client.request(request.body(Empty::new())?).await?;
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    let body = response.into_body().collect().await?.to_bytes().to_vec();
    let answer = Answer {
        status,
        headers,
        body,
    };
    let referrer = answer.header("referrer-policy");
    check(
        referrer == "no-referrer",
        format!("{target} ({status}) came with Referrer-Policy {referrer:?}"),
    )?;
    Ok(answer)
}

fn read(site: &Site, path: &str) -> Vec<u8> {
    std::fs::read(site.dir.join(path)).unwrap_or_else(|e| panic!("{path} in the site: {e}"))
}

/// The first name in one of the site's folders, in sorted order (e.g. a pre-rendered provider).
fn first_in(site: &Site, folder: &str) -> String {
    let mut names: Vec<String> = std::fs::read_dir(site.dir.join(folder))
        .unwrap_or_else(|e| panic!("{folder} in the site: {e}"))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.contains('.'))
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{folder} in the site is empty"))
}

/// The one built asset whose name ends with `suffix` (Trunk's `name-<hash>_bg.wasm`, ...).
fn built(site: &Site, suffix: &str) -> String {
    let names: Vec<String> = std::fs::read_dir(&site.dir)
        .expect("the site folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("carefinder-") && n.ends_with(suffix))
        .collect();
    assert_eq!(names.len(), 1, "built files ending {suffix}: {names:?}");
    names[0].clone()
}

/// README's policy with the SHA-256 (base64) of the one inline script in Trunk's page shell,
/// worked out here from the shell itself.
fn expected_csp(site: &Site) -> String {
    let shell = String::from_utf8(read(site, "shell.html")).expect("the shell is UTF-8");
    let inline: Vec<&str> = shell
        .split("<script")
        .skip(1)
        .filter_map(|rest| rest.split_once('>'))
        .filter(|(attributes, _)| !attributes.contains("src="))
        .filter_map(|(_, body)| body.split_once("</script>").map(|(script, _)| script))
        .collect();
    assert_eq!(
        inline.len(),
        1,
        "the shell should have one inline script (Trunk's loader)"
    );
    let hash =
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(inline[0].as_bytes()));
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

#[tokio::test]
async fn pre_rendered_pages_app_routes_and_missing_files() -> JourneyResult {
    let site = Site::start("rules-routes", Data::Example);
    let provider = first_in(&site, "provider");
    let page = read(&site, &format!("provider/{provider}/index.html"));
    for target in [
        format!("/provider/{provider}"),
        format!("/provider/{provider}/"),
    ] {
        let answer = get(&site, &target, &[]).await?;
        check(
            answer.status == 200 && answer.body == page,
            format!("{target}: {} without the pre-rendered page", answer.status),
        )?;
        check(
            answer.header("content-type") == "text/html; charset=utf-8",
            format!("{target}: {}", answer.header("content-type")),
        )?;
    }
    for (target, file) in [("/", "index.html"), ("/districts", "districts/index.html")] {
        let answer = get(&site, target, &[]).await?;
        check(
            answer.status == 200 && answer.body == read(&site, file),
            format!("{target} is not {file}"),
        )?;
    }
    // Routes without a page of their own get the app's plain page, queries and all.
    let app = read(&site, "app.html");
    check(
        app != read(&site, "index.html"),
        "app.html and index.html are the same, so this cannot tell them apart",
    )?;
    for target in [
        "/search",
        "/compare",
        "/costs",
        "/search?postcode=ZZ5+1AB",
        "/no/such/page",
    ] {
        let answer = get(&site, target, &[]).await?;
        check(
            answer.status == 200 && answer.body == app,
            format!("{target}: {} without app.html", answer.status),
        )?;
    }
    for target in [
        "/missing.js",
        "/data/missing.json",
        &format!("/provider/{provider}/photo.png"),
    ] {
        let answer = get(&site, target, &[]).await?;
        check(
            answer.status == 404,
            format!("{target}: {} for a file that does not exist", answer.status),
        )?;
    }
    // A build with no pages written (and so no app.html) answers routes with Trunk's index.html.
    let bare = Site::start("rules-routes-bare", Data::Missing);
    let answer = get(&bare, "/search", &[]).await?;
    check(
        answer.status == 200 && answer.body == read(&bare, "index.html"),
        format!("/search without app.html: {}", answer.status),
    )
}

#[tokio::test]
async fn compressed_copies_long_lived_assets_and_revalidation() -> JourneyResult {
    let site = Site::start("rules-assets", Data::Example);
    let wasm = built(&site, "_bg.wasm");
    let (plain, br, gz) = (
        read(&site, &wasm),
        read(&site, &format!("{wasm}.br")),
        read(&site, &format!("{wasm}.gz")),
    );
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", "br", &br),
        ("br;q=0, gzip", "gzip", &gz),
        ("gzip", "gzip", &gz),
        ("", "", &plain),
    ] {
        let headers: &[(&str, &str)] = if accept.is_empty() {
            &[]
        } else {
            &[("accept-encoding", accept)]
        };
        let answer = get(&site, &format!("/{wasm}"), headers).await?;
        let sent = (
            answer.status,
            answer.header("content-type"),
            answer.header("content-encoding"),
            answer.body.len(),
        );
        check(
            sent == (200, "application/wasm", encoding, body.len()) && &answer.body == body,
            format!("Accept-Encoding {accept:?}: {sent:?}"),
        )?;
        check(
            answer
                .header("vary")
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            format!("{wasm} has Vary {:?}", answer.header("vary")),
        )?;
    }
    // Hashed names never change their content; everything else is checked again each time.
    let script = built(&site, ".js");
    let provider = first_in(&site, "provider");
    let year = "public, max-age=31536000, immutable";
    let rules = [
        (format!("/{wasm}"), year),
        (format!("/{script}"), year),
        ("/".into(), "no-cache"),
        ("/search".into(), "no-cache"),
    ];
    let more = [
        (format!("/provider/{provider}"), "no-cache"),
        ("/data/manifest.json".into(), "no-cache"),
        ("/sw.js".into(), "no-cache"),
    ];
    for (target, cache) in rules.into_iter().chain(more) {
        let answer = get(&site, &target, &[]).await?;
        check(
            answer.status == 200 && answer.header("cache-control") == cache,
            format!(
                "{target}: Cache-Control {:?}",
                answer.header("cache-control")
            ),
        )?;
        // Every file comes with an ETag, and a second visit with it downloads nothing.
        let etag = answer.header("etag").to_string();
        check(!etag.is_empty(), format!("{target} has no ETag"))?;
        let again = get(&site, &target, &[("if-none-match", &etag)]).await?;
        check(
            again.status == 304 && again.body.is_empty(),
            format!("{target} with its ETag: {}", again.status),
        )?;
    }
    Ok(())
}

#[tokio::test]
async fn pages_carry_the_policy_made_at_build_time_and_other_files_none() -> JourneyResult {
    let site = Site::start("rules-csp", Data::Example);
    let csp = expected_csp(&site);
    // A script that found its way into a page is not allowed by the page's own policy.
    let shell = String::from_utf8(read(&site, "shell.html"))?;
    std::fs::create_dir_all(site.dir.join("planted"))?;
    std::fs::write(
        site.dir.join("planted/index.html"),
        shell.replace(
            "</body>",
            "<script>document.title = 'planted'</script></body>",
        ),
    )?;
    let provider = first_in(&site, "provider");
    for target in [
        "/",
        "/search",
        &format!("/provider/{provider}"),
        "/districts",
        "/pathways",
        "/planted",
    ] {
        let answer = get(&site, target, &[]).await?;
        let sent = answer.header("content-security-policy");
        check(
            answer.status == 200 && sent == csp,
            format!(
                "{target}: {} with the policy {sent:?}, expected {csp:?}",
                answer.status
            ),
        )?;
    }
    for target in [
        format!("/{}", built(&site, "_bg.wasm")),
        format!("/{}", built(&site, ".js")),
        "/data/manifest.json".into(),
    ] {
        let answer = get(&site, &target, &[]).await?;
        check(
            answer.status == 200 && !answer.headers.contains_key("content-security-policy"),
            format!("{target} has a policy"),
        )?;
    }
    Ok(())
}

/// What someone types in the district form, as the browser sends it, and where the answer
/// leads, worked out from the postcode rules (crates/core/src/postcode.rs) by hand. The example
/// dataset has pages for districts ZZ1 to ZZ9 only.
const DISTRICT_FORM: [(&str, &str); 29] = [
    ("district=zz5", "/districts/ZZ5"),
    ("district=zZ9", "/districts/ZZ9"),
    ("district=ZZ5+1AB", "/districts/ZZ5"),
    ("district=zz51ab", "/districts/ZZ5"),
    ("district=+zz5%20%201ab+", "/districts/ZZ5"),
    ("district=zz5-1ab.", "/districts/ZZ5"),
    // A sector: squashed, "ZZ5 1" would read as the district ZZ51, and "ZZ1 0" as ZZ10.
    ("district=ZZ5+1", "/districts/ZZ5"),
    ("district=zz5+1a", "/districts/ZZ5"),
    ("district=ZZ1%200", "/districts/ZZ1"),
    ("district=ZZ1%200AB", "/districts/ZZ1"),
    // Real district shapes with no page here lead to the list.
    ("district=ZZ51", "/districts"),
    ("district=zz10", "/districts"),
    ("district=GIR+0AA", "/districts"),
    // Nothing usable typed.
    ("district=", "/districts"),
    ("district", "/districts"),
    ("district=+++", "/districts"),
    ("district=%3Cscript%3E", "/districts"),
    ("district=hello", "/districts"),
    ("district=zz5+1abc", "/districts"),
    ("district=ZZ5+1+2", "/districts"),
    // A letter or digit outside ASCII spoils it, though dropping it would leave ZZ5: Ñ, the
    // circled digit one, the circled letter A (a symbol that Unicode counts as alphabetic).
    ("district=ZZ%C3%915", "/districts"),
    ("district=ZZ%E2%91%A05", "/districts"),
    ("district=ZZ%E2%92%B65", "/districts"),
    // Other characters only separate: a no-break space, a byte that is not UTF-8, a broken escape.
    ("district=ZZ5%C2%A01AB", "/districts/ZZ5"),
    ("district=ZZ5%FF", "/districts/ZZ5"),
    ("district=%zz5", "/districts/ZZ5"),
    // The first district sent counts, wherever it is, its name decoded like its value.
    ("district=zz3&district=zz5", "/districts/ZZ3"),
    ("x=1&district=zz5", "/districts/ZZ5"),
    ("%64istrict=zz5", "/districts/ZZ5"),
];

#[tokio::test]
async fn the_district_form_leads_to_the_district_typed() -> JourneyResult {
    let site = Site::start("rules-districts", Data::Example);
    for (query, expected) in DISTRICT_FORM {
        let answer = get(&site, &format!("/districts?{query}"), &[]).await?;
        let sent = (answer.status, answer.header("location"));
        check(
            sent == (303, expected),
            format!("/districts?{query}: {sent:?}, expected (303, {expected:?})"),
        )?;
    }
    // Without a district in the query, the list of districts is the answer.
    let answer = get(&site, "/districts?x=1", &[]).await?;
    check(
        answer.status == 200 && answer.body == read(&site, "districts/index.html"),
        format!("/districts?x=1: {}", answer.status),
    )?;
    // What was typed is not kept: a server's log (carefinder-serve keeps none) has paths only.
    if let Some(log) = site.access_log() {
        let asked = |text: &str| {
            text.lines()
                .filter(|line| line.contains(" \"/districts\" "))
                .count()
        };
        // A request is logged just after its answer is sent.
        let mut text = std::fs::read_to_string(&log)?;
        for _ in 0..20 {
            if asked(&text) > DISTRICT_FORM.len() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            text = std::fs::read_to_string(&log)?;
        }
        let kept: Vec<&str> = text
            .lines()
            .filter(|line| line.contains('?') || line.to_ascii_lowercase().contains("zz"))
            .collect();
        check(
            kept.is_empty(),
            format!("{} keeps what was typed: {kept:?}", log.display()),
        )?;
        check(
            asked(&text) == DISTRICT_FORM.len() + 1,
            format!(
                "{} logs {} requests for /districts",
                log.display(),
                asked(&text)
            ),
        )?;
    }
    Ok(())
}

async fn scripts_off(client: &Client, off: bool) -> JourneyResult {
    cdp(
        client,
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": off }),
    )
    .await?;
    Ok(())
}

async fn h1(client: &Client) -> Result<String, Box<dyn std::error::Error>> {
    let text = client
        .execute(
            "const h = document.querySelector('h1'); return h ? h.textContent.trim() : '';",
            vec![],
        )
        .await?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn a_browser_gets_the_pages_the_app_and_the_district_form_as_deployed() {
    let site = Site::start("rules-browser", Data::Example);
    let provider = first_in(&site, "provider");
    let csp = expected_csp(&site);
    let wasm = built(&site, "_bg.wasm");
    let sizes = [
        read(&site, &format!("{wasm}.br")).len(),
        read(&site, &format!("{wasm}.gz")).len(),
        read(&site, &wasm).len(),
    ];
    Browser::journey("a_browser_gets_the_pages_the_app_and_the_district_form_as_deployed", |client| async move {
        cdp(&client, "Page.enable", json!({})).await?;
        cdp(&client, "Page.addScriptToEvaluateOnNewDocument", json!({"source":
            "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"})).await?;
        // Without JavaScript: the provider's pre-rendered page, and the district form answered
        // by the server with the district's page.
        scripts_off(&client, true).await?;
        client.goto(&site.url(&format!("/provider/{provider}"))).await?;
        let name = h1(&client).await?;
        check(!name.is_empty() && client.find(Locator::Css("#prerendered")).await.is_ok(), format!("no pre-rendered page: h1 {name:?}"))?;
        // The page preloads the wasm, which came as its brotli copy (Chromium asks for br even
        // over plain HTTP to this computer). Later pages get it from caches, so look here.
        let wasm_entry = format!("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/{wasm}')).map(e => [e.encodedBodySize, e.decodedBodySize]);");
        let got = client.execute(&wasm_entry, vec![]).await?;
        check(got == json!([[sizes[0], sizes[2]]]), format!("the wasm came as {got} (encoded, decoded bytes); brotli, gzip, plain: {sizes:?}"))?;
        client.goto(&site.url("/districts")).await?;
        client.find(Locator::Id("district")).await?.send_keys("zz5 1ab").await?;
        client.find(Locator::Css("form.district-form button")).await?.click().await?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while client.current_url().await?.path() != "/districts/ZZ5" || h1(&client).await? != "Care services in ZZ5" {
            check(std::time::Instant::now() < deadline, format!("the form led to {} ({:?})", client.current_url().await?, h1(&client).await?))?;
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // With JavaScript: the app takes the same page over, and answers a route with no page.
        scripts_off(&client, false).await?;
        client.goto(&site.url(&format!("/provider/{provider}"))).await?;
        wait_for_heading(&client, &name).await?;
        client.goto(&site.url("/compare")).await?;
        wait_for_heading(&client, "Your shortlist").await?;
        let headers = client
            .execute_async("const done = arguments[0]; fetch('/compare').then(r => done([r.headers.get('content-security-policy'), r.headers.get('referrer-policy')]));", vec![])
            .await?;
        check(headers == json!([csp, "no-referrer"]), format!("the page's headers: {headers}"))?;
        let violations = client.execute("return window.__violations;", vec![]).await?;
        check(violations == json!([]), format!("CSP violations: {violations}"))
    })
    .await;
}
