//! Right for the person's own council, in a real browser on the real (Oldham) data: a search
//! sets whose help the pathways give; a council with no pack gets its own name and website
//! and national help; and no page, pre-rendered or in the app, shows another council's contacts.
//! What each page should say is read here from the authored packs and GOV.UK's council list,
//! not from the app.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use carefinder_journeys::{
    check, shared_data, wait_for_heading, wait_for_text, Browser, Data, JourneyResult, Site,
};
use fantoccini::Client;

/// One authored pack: its council code and the words that would show it on a page.
struct Pack {
    code: String,
    /// Its council's name, every phone number it lists, and "In <place>", as its notes begin
    /// (the place alone is too common a word: "Greater Manchester" is in Oldham addresses).
    giveaways: Vec<String>,
    phones: Vec<String>,
}

fn packs() -> Vec<Pack> {
    let dir = carefinder_journeys::root().join("content/areas");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "national.toml" {
            continue;
        }
        let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = |key: &str| table[key].as_str().unwrap().to_string();
        let phones: Vec<String> = table
            .get("contacts")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("phone").and_then(|p| p.as_str()).map(str::to_string))
            .collect();
        let mut giveaways = vec![format!("In {}", text("place")), text("name")];
        giveaways.extend(phones.iter().cloned());
        out.push(Pack {
            code: text("code"),
            giveaways,
            phones,
        });
    }
    out
}

/// The council the dataset covers, from its manifest.
fn home_council(site: &Site) -> String {
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.dir.join("data/manifest.json")).unwrap(),
    )
    .unwrap();
    manifest["area"]["council"]
        .as_str()
        .expect("the real dataset names its council")
        .to_string()
}

/// GOV.UK's name and home page for a council code, read from its list.
fn govuk_council(shared: &Path, code: &str) -> (String, String) {
    let text = std::fs::read_to_string(
        shared.join("councils/govuk_local_links_manager_local_authorities_2025-11.csv"),
    )
    .unwrap();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.splitn(10, ',').collect();
        if fields[1] == code {
            return (
                fields[9].trim_matches('"').to_string(),
                fields[8].to_string(),
            );
        }
    }
    panic!("{code} is not in GOV.UK's list");
}

/// A real postcode of the dataset's postcode areas in a sector wholly inside a council that has
/// no pack: (postcode, council code), from the derived sector table and the ONS postcode file.
fn postcode_in_a_council_without_a_pack(shared: &Path, packs: &[Pack]) -> (String, String) {
    let with_pack: BTreeSet<&str> = packs.iter().map(|p| p.code.as_str()).collect();
    let sectors = std::fs::read_to_string(
        shared.join("geography/postcode_sector_to_lad_best_fit_derived.csv"),
    )
    .unwrap();
    let ipswich: Vec<(String, String)> = sectors
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].starts_with("IP") && f[6] == "1.000" && !with_pack.contains(f[4]))
                .then(|| (f[0].to_string(), f[4].to_string()))
        })
        .collect();
    let postcodes =
        std::fs::read_to_string(shared.join("postcodes/nspl_may2025_latlong_IP.csv")).unwrap();
    for line in postcodes.lines().skip(1) {
        let mut f = line.split(',');
        let (postcode, lat) = (f.next().unwrap(), f.next().unwrap_or(""));
        if lat.is_empty() || lat == "0" {
            continue;
        }
        let sector = &postcode[..postcode.len() - 2];
        if let Some((_, code)) = ipswich.iter().find(|(s, _)| s == sector) {
            return (postcode.to_string(), code.clone());
        }
    }
    panic!("no IP postcode in a council without a pack");
}

/// The page's words without cost rows that name another council as such (marked
/// `data-other-council`: "Rochdale's rate, the nearest council with one").
async fn page_text(client: &Client) -> Result<String, fantoccini::error::CmdError> {
    let script = "const body = document.body.cloneNode(true); body.querySelectorAll('[data-other-council]').forEach(e => e.remove()); return body.innerText;";
    Ok(client
        .execute(script, vec![])
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string())
}

/// Moves within the app, as a link would, so what the app holds in memory (the person's
/// council) is kept.
async fn follow_in_app(client: &Client, href: &str) -> JourneyResult {
    let script =
        "history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'));";
    client
        .execute(script, vec![serde_json::json!(href)])
        .await?;
    Ok(())
}

/// Opens a search's address ("/search#postcode=OL1%201UT&distance=5"), then a pathway outcome
/// within the app, and returns the outcome's words once its heading shows.
async fn search_then_open(
    client: &Client,
    site: &Site,
    search: &str,
    outcome: &str,
    heading: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    client.goto(&site.url(search)).await?;
    wait_for_text(client, ".results-count", |t| {
        !t.is_empty() && t != "Searching…"
    })
    .await?;
    follow_in_app(client, outcome).await?;
    wait_for_heading(client, heading).await?;
    Ok(page_text(client).await?)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().unwrap() != "data" {
                html_files(&path, out);
            }
        } else if path.extension().is_some_and(|x| x == "html") {
            out.push(path);
        }
    }
}

/// Strips every element marked `data-other-council` (table rows and spans, never nested in
/// one of their own kind) from pre-rendered markup.
fn without_other_council_marks(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(mark) = rest.find(" data-other-council") {
        let Some(open) = rest[..mark].rfind('<') else {
            break;
        };
        let tag: String = rest[open + 1..mark]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push_str(&rest[..open]);
        let close = format!("</{tag}>");
        match rest[mark..].find(&close) {
            Some(end) => rest = &rest[mark + end + close.len()..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn no_page_pre_rendered_or_in_the_app_shows_another_councils_contacts() {
    let Some(_) = shared_data() else { return };
    let site = Site::start("local_help_scan", Data::Default);
    let home = home_council(&site);
    let packs = packs();
    let mut others: Vec<String> = packs
        .iter()
        .filter(|p| p.code != home)
        .flat_map(|p| p.giveaways.clone())
        .collect();
    // The issue's own example: nothing of Norfolk's shows for a dataset that is not Norfolk's.
    if home != "E10000020" {
        others.push("Norfolk".into());
    }
    assert!(
        others
            .iter()
            .any(|g| g.as_str() == "Norfolk County Council"),
        "Norfolk's pack is among the others"
    );
    let mut pages = Vec::new();
    html_files(&site.dir, &mut pages);
    assert!(pages.len() > 50, "only {} pre-rendered pages", pages.len());
    for page in &pages {
        let html = without_other_council_marks(&std::fs::read_to_string(page).unwrap());
        for g in &others {
            assert!(!html.contains(g.as_str()), "{} shows {g:?}", page.display());
        }
    }
    // The app's own routes, each loaded afresh: every pathway outcome and the other pages.
    let mut routes: Vec<String> = [
        "/",
        "/pathways",
        "/accessibility",
        "/about-data",
        "/costs",
        "/districts",
        "/search",
    ]
    .map(String::from)
    .to_vec();
    for entry in std::fs::read_dir(carefinder_journeys::root().join("content/pathways")).unwrap() {
        let table: toml::Table =
            toml::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let id = table["id"].as_str().unwrap().to_string();
        for o in table["outcomes"].as_array().unwrap() {
            routes.push(format!("/pathways/{id}/{}", o["id"].as_str().unwrap()));
        }
    }
    Browser::journey("local_help_scan", |client| async move {
        for route in &routes {
            client.goto(&site.url(route)).await?;
            // Pathway pages show "Information and advice" until the routes load; that is /pathways' own h1.
            wait_for_text(&client, "h1", |t| {
                !t.is_empty()
                    && !t.contains("Loading")
                    && (route == "/pathways" || t != "Information and advice")
            })
            .await?;
            let text = page_text(&client).await?;
            for g in &others {
                check(!text.contains(g.as_str()), format!("{route} shows {g:?}"))?;
            }
            check(
                !text.contains("{council}"),
                format!("{route} shows the placeholder"),
            )?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_oldham_search_then_the_carers_pathway_ends_with_oldhams_help_or_national_help() {
    let Some(shared) = shared_data() else { return };
    let site = Site::start("local_help_oldham", Data::Default);
    let packs = packs();
    let oldham = packs
        .iter()
        .find(|p| p.code == "E08000004")
        .expect("Oldham's pack");
    let (name, homepage) = govuk_council(&shared, "E08000004");
    let others: Vec<String> = packs
        .iter()
        .filter(|p| p.code != "E08000004")
        .flat_map(|p| p.giveaways.clone())
        .collect();
    let oldham_phones = oldham.phones.clone();
    Browser::journey("local_help_oldham", |client| async move {
        let text = search_then_open(
            &client,
            &site,
            "/search#postcode=OL1%201UT&distance=5",
            "/pathways/carer/assessment",
            "Ask for a carer's assessment",
        )
        .await?;
        check(
            text.contains(&format!(
                "This advice is for {name}, the council for the postcode you searched."
            )),
            format!("the page does not say it is for {name} because of the search:\n{text}"),
        )?;
        // Oldham's pack has no carers' service: its council's website and national help instead.
        check(text.contains(&homepage), format!("no link to {homepage}"))?;
        check(
            text.contains("National help") && text.contains("Carers UK"),
            "no national help for carers",
        )?;
        check(
            text.contains(&format!("or {name}, and ask for a carer")),
            "the step does not name Oldham's council",
        )?;
        for g in &others {
            check(
                !text.contains(g.as_str()),
                format!("the carers' outcome shows {g:?}"),
            )?;
        }
        // Where the pack has the contact, it is Oldham's own: safeguarding.
        follow_in_app(&client, "/pathways/worried/safeguarding").await?;
        wait_for_heading(&client, "Report a concern about abuse or neglect").await?;
        let text = page_text(&client).await?;
        check(
            oldham_phones.iter().any(|p| text.contains(p.as_str())),
            format!("no Oldham number {oldham_phones:?} on the safeguarding outcome"),
        )?;
        check(
            !text.contains("National help"),
            "national help shown although Oldham's pack covers safeguarding",
        )?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_postcode_in_a_council_without_a_pack_gets_that_councils_name_and_website_and_national_help(
) {
    let Some(shared) = shared_data() else { return };
    let site = Site::start("local_help_fallback", Data::Default);
    let packs = packs();
    let (postcode, code) = postcode_in_a_council_without_a_pack(&shared, &packs);
    let (name, homepage) = govuk_council(&shared, &code);
    let every_pack: Vec<String> = packs.iter().flat_map(|p| p.giveaways.clone()).collect();
    Browser::journey("local_help_fallback", |client| async move {
        let text = search_then_open(
            &client,
            &site,
            &format!(
                "/search#postcode={}&distance=5",
                postcode.replace(' ', "%20")
            ),
            "/pathways/worried/safeguarding",
            "Report a concern about abuse or neglect",
        )
        .await?;
        check(
            text.contains(&format!(
                "This advice is for {name}, the council for the postcode you searched."
            )),
            format!("{postcode}: not said to be {name}'s:\n{text}"),
        )?;
        check(
            text.contains(&homepage),
            format!("no link to {name}'s website {homepage}"),
        )?;
        check(
            text.contains(&format!("tell {name}.")),
            "the summary does not name the council",
        )?;
        for g in &every_pack {
            check(
                !text.contains(g.as_str()),
                format!("{name}'s page shows {g:?}, from another council's pack"),
            )?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_district_split_between_councils_gets_no_councils_contacts_until_the_full_postcode() {
    let Some(shared) = shared_data() else { return };
    let site = Site::start("local_help_split", Data::Default);
    let packs = packs();
    // A district of the dataset's areas whose postcodes fall in more than one council, from the
    // derived district table: its councils, largest share first.
    let table = std::fs::read_to_string(
        shared.join("geography/postcode_district_to_lad_best_fit_derived.csv"),
    )
    .unwrap();
    let (district, first) = table
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].starts_with("OL") && f[8] != "1").then(|| (f[0].to_string(), f[5].to_string()))
        })
        .next()
        .expect("an OL district that two councils share");
    // The split message names the councils, so here only their numbers give a pack away.
    let every_phone: Vec<String> = packs.iter().flat_map(|p| p.phones.clone()).collect();
    Browser::journey("local_help_split", |client| async move {
        let text = search_then_open(
            &client,
            &site,
            &format!("/search#postcode={district}&distance=5"),
            "/pathways/worried/safeguarding",
            "Report a concern about abuse or neglect",
        )
        .await?;
        check(
            text.contains("The area you searched is split between") && text.contains(&first),
            format!("{district}: no split message naming {first}:\n{text}"),
        )?;
        // Not the dataset's own council's contacts, nor anyone else's: only national help.
        for phone in &every_phone {
            check(
                !text.contains(phone.as_str()),
                format!("{district}: the page shows a pack's number {phone:?}"),
            )?;
        }
        Ok(())
    })
    .await;
}
