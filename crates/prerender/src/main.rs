//! carefinder-prerender: writes the app's pages as static HTML beside the built app, so they
//! work without JavaScript. Run after Trunk has built `dist/` and the dataset is in place.
//! `carefinder-prerender --help` gives the usage.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use carefinder::prerender::{load_site, render_site, StaticPage, ANY_ROUTE};
use clap::Parser;

/// Trunk's page with nothing rendered in it; kept so a second run starts from it again.
const SHELL: &str = "shell.html";
/// Every route that is not pre-rendered (search, compare, costs...) is answered with this page.
const FALLBACK: &str = "app.html";

/// Writes the app's pages as static HTML into the built app.
#[derive(Parser)]
#[command(name = "carefinder-prerender", version, about)]
struct Cli {
    /// The built app (Trunk's output); pages are written into it.
    #[arg(long, value_name = "DIR")]
    dist: PathBuf,
    /// The dataset folder [default: DIST/data].
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.dist, cli.data.unwrap_or_else(|| cli.dist.join("data"))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("carefinder-prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dist: &Path, data: PathBuf) -> Result<(), String> {
    let started = Instant::now();
    let shell = shell(dist)?;
    let site = futures::executor::block_on(load_site(data, today()))?;
    let pages = render_site(&site)?;
    let (mut bytes, mut largest) = (0, 0);
    for page in &pages {
        let html = fill(&shell, page)?;
        bytes += html.len();
        largest = largest.max(html.len());
        let target = target(dist, &page.path)?;
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
        }
        std::fs::write(&target, html)
            .map_err(|e| format!("could not write {}: {e}", target.display()))?;
        // Compressed copies of an earlier page (or of Trunk's shell) would be served instead.
        for suffix in ["br", "gz"] {
            let _ = std::fs::remove_file(format!("{}.{suffix}", target.display()));
        }
    }
    println!(
        "Pre-rendered {} pages ({} KB, largest {} KB) into {} in {} ms.",
        pages.len(),
        bytes / 1024,
        largest / 1024,
        dist.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// The page Trunk wrote, before any pre-rendering (index.html is replaced by the home page).
fn shell(dist: &Path) -> Result<String, String> {
    let index = dist.join("index.html");
    let text = std::fs::read_to_string(&index).map_err(|e| {
        format!(
            "{}: cannot be read ({e}); build the app first",
            index.display()
        )
    })?;
    if !text.contains("id=\"prerendered\"") {
        std::fs::write(dist.join(SHELL), &text)
            .map_err(|e| format!("could not write {SHELL}: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(dist.join(SHELL)).map_err(|e| {
        format!(
            "{} is already pre-rendered and {SHELL} cannot be read ({e}): rebuild the app",
            index.display()
        )
    })
}

/// Where a page is served from: `/provider/1-123` is `provider/1-123/index.html`. Paths come
/// from the data (CQC ids, districts), so each part must be a plain name that stays in `dist`.
fn target(dist: &Path, path: &str) -> Result<PathBuf, String> {
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    match path {
        ANY_ROUTE => Ok(dist.join(FALLBACK)),
        "/" => Ok(dist.join("index.html")),
        p if p.starts_with('/') && p[1..].split('/').all(plain) => {
            Ok(dist.join(&p[1..]).join("index.html"))
        }
        p => Err(format!(
            "the page {p:?} has an address that is not a plain path; check the ids in the dataset"
        )),
    }
}

/// The shell with this page's title, and its markup in place of the empty body.
fn fill(shell: &str, page: &StaticPage) -> Result<String, String> {
    const TITLE: &str = "<title>carefinder</title>";
    let (Some(start), Some(end), true) = (
        shell.find("<body>"),
        shell.rfind("</body>"),
        shell.contains(TITLE),
    ) else {
        return Err(format!("the app's index.html lacks {TITLE}, <body> or </body>, so pages cannot be written into it"));
    };
    let body = format!(
        "<body class=\"has-prerendered\">\n<div id=\"prerendered\" data-path=\"{}\">{}</div>\n</body>",
        escape(&page.path),
        page.body
    );
    let filled = format!(
        "{}{body}{}",
        &shell[..start],
        &shell[end + "</body>".len()..]
    );
    Ok(filled.replacen(TITLE, &format!("<title>{}</title>", escape(&page.title)), 1))
}

/// Today (UTC) as YYYY-MM-DD, from the system clock: the day civil dates count from 1970-01-01.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// Days since 1970-01-01 as a proleptic Gregorian date (the well-known era-based conversion).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL_HTML: &str = "<html><head><title>carefinder</title><script>x</script></head>\n<body>\n  <noscript>old</noscript>\n</body>\n</html>";

    #[test]
    fn a_page_replaces_the_body_and_title_with_its_own_escaped() {
        let page = StaticPage {
            path: "/provider/1-2".into(),
            title: "Rose & <Thorn> - carefinder".into(),
            body: "<h1>Rose</h1>".into(),
        };
        let html = fill(SHELL_HTML, &page).unwrap();
        assert!(
            html.contains("<title>Rose &amp; &lt;Thorn&gt; - carefinder</title>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<div id=\"prerendered\" data-path=\"/provider/1-2\"><h1>Rose</h1></div>"
            ),
            "{html}"
        );
        assert!(
            !html.contains("noscript")
                && html.contains("<script>x</script>")
                && html.ends_with("</html>"),
            "{html}"
        );
        let err = fill("<html><body class=x></body></html>", &page).unwrap_err();
        assert!(err.contains("lacks"), "{err}");
    }

    #[test]
    fn pages_stay_inside_the_folder() {
        let dist = Path::new("/site");
        assert_eq!(
            target(dist, "/provider/1-123").unwrap(),
            Path::new("/site/provider/1-123/index.html")
        );
        assert_eq!(target(dist, "/").unwrap(), Path::new("/site/index.html"));
        assert_eq!(
            target(dist, ANY_ROUTE).unwrap(),
            Path::new("/site/app.html")
        );
        for bad in [
            "/provider/../../etc",
            "/provider/a?b",
            "/provider/",
            "provider/1",
            "/provider/a.b",
        ] {
            assert!(target(dist, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_since_1970_become_calendar_dates() {
        // Checked against a calendar: day 0, the 2000 leap day, and 2026-11-24 (20,781 days).
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_781), "2026-11-24");
        assert_eq!(civil_date(-1), "1969-12-31");
    }

    use carefinder_core::date::{days_in_month, Date};
    use proptest::prelude::*;

    proptest! {
        // Cases per property; the closing note of issue 13 reports them.
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// From 0001-01-01 to 9999-12-30: every day is a real date and the next is the day after it.
        #[test]
        fn each_day_is_a_real_date_and_the_next_follows_it(days in -719_162i64..2_932_895) {
            let (today, next) = (Date::parse(&civil_date(days)), Date::parse(&civil_date(days + 1)));
            let (Some(t), Some(n)) = (today, next) else { return Err(TestCaseError::fail(format!("day {days}: {}", civil_date(days)))) };
            let expected = if t.day < days_in_month(t.year, t.month) {
                Date { day: t.day + 1, ..t }
            } else if t.month < 12 {
                Date { month: t.month + 1, day: 1, ..t }
            } else {
                Date { year: t.year + 1, month: 1, day: 1 }
            };
            prop_assert_eq!(n, expected);
        }
    }
}
