//! The pre-rendered pages, natively: every page the app routes to is written once, with one h1,
//! the facts from the data it was given, and links alone to follow a pathway.

use carefinder::prerender::{render_site, SiteData, StaticPage, ANY_ROUTE};
use carefinder_core::council::{Council, CouncilsFile, NationalHelp};
use carefinder_core::dataset::Manifest;
use carefinder_core::pathway::Pathway;
use carefinder_core::reference::{CostKind, Figure, Reference, SourceRef};
use carefinder_core::service::{Service, ServiceSummary, ServiceType};

/// Two made-up services in ZZ1 (one rated, 0.3 and 2.1 miles north of the centre) and one in ZZ2.
fn services() -> Vec<Service> {
    let one = |id: &str, name: &str, district: &str, lat: f64, rated: bool| {
        let rating = if rated {
            r#"{"rating": "requires_improvement", "date": "2024-03-05"}"#
        } else {
            "null"
        };
        serde_json::from_str::<Service>(&format!(
            r#"{{"id": "{id}", "name": "{name}", "provider_id": "P-1", "provider_name": "Example Group", "address": ["1 Lane"],
              "postcode": "{district} 1AA", "lat": {lat}, "lon": 1.0, "local_authority": "Example", "services": ["care_home"],
              "specialisms": ["dementia"], "other_specialisms": [], "beds": 20,
              "ratings": {{"overall": {rating}, "safe": {rating}, "effective": null, "caring": null, "responsive": null, "well_led": null}},
              "last_inspection": null, "phone": null, "website": null}}"#
        ))
        .expect("a valid provider")
    };
    vec![
        one("X-1", "Far House", "ZZ1", 52.03, true),
        one("X-2", "Near House", "ZZ1", 52.004, false),
        one("X-3", "Other House", "ZZ2", 53.0, false),
    ]
}

fn summary(p: &Service) -> ServiceSummary {
    let district = p.postcode.split(' ').next().unwrap().to_string();
    ServiceSummary {
        id: p.id.clone(),
        name: p.name.clone(),
        district,
        lat: p.lat,
        lon: p.lon,
        services: 1,
        specialisms: 1,
        beds: 20,
        overall: p.ratings.overall.clone(),
        last_inspection: None,
        other_names: vec![],
    }
}

/// A made-up council with no pack, and the real national help.
fn councils() -> CouncilsFile {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/areas/national.toml"
    ))
    .unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let national: Vec<NationalHelp> = table["national"].clone().try_into().unwrap();
    CouncilsFile {
        councils: vec![Council {
            code: "X00000001".into(),
            name: "Example County Council".into(),
            homepage: Some("https://example.org/".into()),
            centre: None,
        }],
        districts: vec![],
        packs: vec![],
        national,
        council_list_source: "made up for this test".into(),
    }
}

fn site() -> SiteData {
    let pathways: Vec<Pathway> = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/pathways"
    ))
    .unwrap()
    .map(|f| {
        toml::from_str(&std::fs::read_to_string(f.unwrap().path()).unwrap())
            .expect("an authored pathway")
    })
    .collect();
    let manifest = Manifest::from_json(
        &format!(
            r#"{{"schema_version": {}, "build": "0123456789abcdef", "generated_at": "2026-11-01", "area": {{"name": "Example", "example": true, "council": "X00000001"}}, "sources": [], "files": []}}"#,
            carefinder_core::dataset::SCHEMA_VERSION
        ),
    )
    .unwrap();
    let services = services();
    SiteData {
        manifest,
        index: services.iter().map(summary).collect(),
        services,
        reference: Reference {
            figures: vec![],
            means_tests: vec![],
        },
        pathways,
        councils: std::sync::Arc::new(councils()),
        centroids: serde_json::from_str(r#"[["ZZ1",52.0,1.0],["ZZ2",53.0,1.0]]"#).unwrap(),
        today: "2026-11-01".into(),
    }
}

fn find<'a>(pages: &'a [StaticPage], path: &str) -> &'a StaticPage {
    pages
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no page {path}"))
}

#[test]
fn every_route_is_written_once_with_one_heading_and_nothing_still_loading() {
    let site = site();
    let pages = render_site(&site).unwrap();
    let steps: usize = site
        .pathways
        .iter()
        .map(|p| 1 + p.questions.len() + p.outcomes.len())
        .sum();
    // Home, fallback, about, accessibility, pathways index, the districts index: 6 more.
    assert_eq!(pages.len(), 6 + steps + site.services.len() + 2);
    let mut paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), pages.len(), "a path written twice");
    for page in &pages {
        assert_eq!(
            page.body.matches("<h1").count(),
            1,
            "{} has not exactly one h1",
            page.path
        );
        assert!(
            !page.body.contains("Loading"),
            "{} rendered a loading state",
            page.path
        );
        assert!(
            page.body.contains("Example data: not real services"),
            "{} lacks the example-data banner",
            page.path
        );
        assert!(page.title.ends_with(" - carefinder"), "{}", page.title);
    }
    assert!(find(&pages, ANY_ROUTE)
        .body
        .contains("This page needs JavaScript"));
}

#[test]
fn a_provider_page_shows_its_councils_cost_figure_with_year_source_and_the_estimator_link() {
    let mut site = site();
    // The service's local authority names the council in the fee files (Oldham's real row).
    site.reference.figures.push(Figure {
        area: "Example".into(),
        area_code: Some("E00000001".into()),
        measure: "council_fee_rate".into(),
        care_setting: "care home - residential".into(),
        period: "2025-26".into(),
        value: 450.0,
        unit: "GBP per week".into(),
        source: SourceRef {
            publisher: "Example Council".into(),
            citation: "https://example.org/fees".into(),
            date: None,
        },
        prices: Some(ServiceType::CareHome),
        kind: Some(CostKind::CouncilRate),
        ..Figure::default()
    });
    let pages = render_site(&site).unwrap();
    let body = &find(&pages, "/provider/X-1").body;
    for want in [
        "£450 a week",
        "2025-26, 1 year old",
        "https://example.org/fees",
        "People paying for themselves are often charged more",
        "/costs#service=X-1",
    ] {
        assert!(body.contains(want), "{want} not in {body}");
    }
}

#[test]
fn a_provider_page_shows_its_ratings_with_dates_and_no_shortlist_button() {
    let pages = render_site(&site()).unwrap();
    let page = find(&pages, "/provider/X-1");
    assert!(page.body.contains("<h1>Far House</h1>"));
    assert!(
        page.body.contains("Requires improvement") && page.body.contains("5 March 2024"),
        "{}",
        page.body
    );
    // Rated 5 March 2024, built 1 November 2026: 2 whole years.
    assert!(page.body.contains("<td>2 years</td>"), "{}", page.body);
    assert!(
        !page.body.contains("Add to shortlist"),
        "a button that needs the app"
    );
}

#[test]
fn a_district_lists_its_own_services_nearest_the_centre_first() {
    let pages = render_site(&site()).unwrap();
    let zz1 = &find(&pages, "/districts/ZZ1").body;
    let (near, far) = (
        zz1.find("Near House").unwrap(),
        zz1.find("Far House").unwrap(),
    );
    assert!(near < far, "not nearest first");
    assert!(
        !zz1.contains("Other House"),
        "a service from another district"
    );
    let index = &find(&pages, "/districts").body;
    assert!(
        index.contains(r#"href="/districts/ZZ1""#) && index.contains("ZZ1 (2 services)"),
        "{index}"
    );
}

#[test]
fn every_pathway_can_be_followed_by_links_from_its_start_to_every_outcome() {
    let site = site();
    let pages = render_site(&site).unwrap();
    for route in &site.pathways {
        let link = |step: &str| format!(r#"href="/pathways/{}/{step}""#, route.id);
        assert!(
            find(&pages, &format!("/pathways/{}", route.id))
                .body
                .contains(&link(&route.start)),
            "{} start",
            route.id
        );
        for q in &route.questions {
            let body = &find(&pages, &format!("/pathways/{}/{}", route.id, q.id)).body;
            for a in &q.answers {
                assert!(
                    body.contains(&link(&a.next)),
                    "{}/{}: no link for {:?}",
                    route.id,
                    q.id,
                    a.label
                );
            }
        }
        for o in &route.outcomes {
            assert!(find(&pages, &format!("/pathways/{}/{}", route.id, o.id))
                .body
                .contains("What to do next"));
        }
    }
}

#[test]
fn each_page_carries_the_title_it_sets_itself() {
    let site = site();
    let pages = render_site(&site).unwrap();
    for (path, title) in [
        ("/", "Find and compare adult social care"),
        ("/provider/X-1", "Far House"),
        ("/districts", "Care services by postcode district"),
        ("/districts/ZZ1", "Care services in ZZ1"),
        ("/pathways", "Information and advice"),
        ("/about-data", "About the data"),
        (ANY_ROUTE, "This page needs JavaScript"),
    ] {
        assert_eq!(
            find(&pages, path).title,
            format!("{title} - carefinder"),
            "{path}"
        );
    }
    let (pathway, question) = (&site.pathways[0], &site.pathways[0].questions[0]);
    assert_eq!(
        find(&pages, &format!("/pathways/{}/{}", pathway.id, question.id)).title,
        format!("{} - carefinder", question.text)
    );
    // The title is text: what leptos_meta escapes comes back as it was written.
    let mut odd = site;
    odd.services[0].name = "Rose & Thorn <Care>".into();
    assert_eq!(
        find(&render_site(&odd).unwrap(), "/provider/X-1").title,
        "Rose & Thorn <Care> - carefinder"
    );
}

#[test]
fn a_service_in_the_index_without_its_record_stops_the_pages_being_written() {
    let mut site = site();
    site.services.retain(|s| s.id != "X-2");
    let error = render_site(&site)
        .err()
        .expect("a missing record is an error");
    assert!(error.contains("/provider/X-2"), "{error}");
}

#[test]
fn an_unsafe_district_name_is_refused_once_by_name_before_any_page_is_written() {
    for bad in ["../ZZ1", "ZZ1/x", "ZZ 1", "zz1", ""] {
        let mut site = site();
        site.index[2].district = bad.into();
        let err = render_site(&site)
            .err()
            .unwrap_or_else(|| panic!("{bad:?} was rendered"));
        assert_eq!(
            err,
            format!("service X-3 is in the district {bad:?}, which is not a postcode district like OL1, so no file or page can be named after it: rebuild the dataset")
        );
    }
}

#[test]
fn an_outcome_speaks_for_the_datasets_council_and_gives_national_help_where_it_has_no_pack() {
    let pages = render_site(&site()).unwrap();
    let page = &find(&pages, "/pathways/carer/assessment").body;
    assert!(page.contains("This advice is for Example County Council, the council for the area carefinder covers."), "{page}");
    // No pack: the council's own website, then national help for carers.
    assert!(page.contains(r#"href="https://example.org/""#), "{page}");
    assert!(
        page.contains("<h3>National help</h3>") && page.contains("Carers UK"),
        "{page}"
    );
    // `{council}` in the pathway's words is filled in.
    assert!(
        page.contains("or Example County Council, and ask for a carer"),
        "{page}"
    );
    for p in &pages {
        assert!(
            !p.body.contains("{council}"),
            "{} shows the placeholder",
            p.path
        );
        assert!(!p.body.contains("Norfolk"), "{} names Norfolk", p.path);
    }
}
