//! Which pre-rendered pages have form fields (read from what the pre-renderer wrote), and what
//! a person would type into each.

use std::path::Path;

use carefinder_journeys::Site;
use serde_json::Value;

/// A pre-rendered page with form fields.
#[derive(Debug)]
pub struct FormPage {
    /// Where it is opened: its own path, or /search for the fallback page (which stands for
    /// every route that is not pre-rendered).
    pub address: String,
    /// (id, name) of each field, in the page's order.
    pub fields: Vec<(String, String)>,
    /// The form's submit button.
    pub submit: String,
}

/// Every kind of pre-rendered page that has a form field: pages alike in their place in the
/// site and their fields (the hundreds of provider pages, say) are tried once, by their first.
pub fn pages_with_fields(site: &Site) -> Vec<FormPage> {
    let mut files = Vec::new();
    html_files(&site.dir, &mut files);
    files.sort();
    let mut kinds: Vec<(String, FormPage)> = Vec::new();
    for file in files {
        let html = std::fs::read_to_string(&file).expect("a pre-rendered page");
        let Some(path) = attribute(&html, "<div id=\"prerendered\"", "data-path") else {
            continue;
        };
        let fields: Vec<(String, String)> = tags(&html, &["<input", "<select", "<textarea"])
            .into_iter()
            .filter(|tag| {
                !matches!(
                    attr(tag, "type").as_deref(),
                    Some("hidden" | "submit" | "button" | "reset")
                )
            })
            .map(|tag| {
                (
                    attr(&tag, "id").unwrap_or_default(),
                    attr(&tag, "name").unwrap_or_default(),
                )
            })
            .collect();
        if fields.is_empty() {
            continue;
        }
        assert!(
            html.matches("<form").count() == 1,
            "{path}: more than one form; teach this journey which to submit"
        );
        let address = if path == "*" {
            "/search".to_string()
        } else {
            path.clone()
        };
        let segments: Vec<&str> = address.split('/').filter(|s| !s.is_empty()).collect();
        let kind = format!(
            "{}/{}/{:?}",
            segments.first().unwrap_or(&""),
            segments.len(),
            fields
        );
        if !kinds.iter().any(|(k, _)| *k == kind) {
            kinds.push((
                kind,
                FormPage {
                    address,
                    fields,
                    submit: "#prerendered form [type=submit]".into(),
                },
            ));
        }
    }
    kinds.into_iter().map(|(_, page)| page).collect()
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("site folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "html") {
            out.push(path);
        }
    }
}

/// The opening tags that start with any of `starts`.
fn tags(html: &str, starts: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for start in starts {
        let mut rest = html;
        while let Some(at) = rest.find(start) {
            let tag = &rest[at..];
            let end = tag.find('>').unwrap_or(tag.len());
            found.push((at + html.len() - rest.len(), tag[..end].to_string()));
            rest = &tag[end..];
        }
    }
    found.sort();
    found.into_iter().map(|(_, tag)| tag).collect()
}

/// One attribute of an opening tag (the pre-renderer writes them as name="value").
fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

fn attribute(html: &str, tag_start: &str, name: &str) -> Option<String> {
    tags(html, &[tag_start])
        .first()
        .and_then(|tag| attr(tag, name))
}

/// What to type into a field, and the page that should answer.
pub struct Typing {
    pub text: String,
    pub path: String,
    pub heading: String,
}

/// A district form: a full postcode as people type one (small letters, no space) in a
/// district that has a page; its district's page should answer.
pub fn what_to_type(site: &Site, name: &str) -> Typing {
    assert_eq!(
        name, "district",
        "this journey does not know what to type into a field named {name:?}: teach it"
    );
    let mut districts: Vec<String> = std::fs::read_dir(site.dir.join("districts"))
        .expect("the pre-rendered district pages")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    districts.sort();
    for district in districts {
        let area: String = district
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        let Ok(text) = std::fs::read_to_string(site.data_file(&format!("postcodes/{area}.json")))
        else {
            continue;
        };
        let file: Value = serde_json::from_str(&text).expect("an area's postcodes");
        let Some(units) = file["districts"]
            .as_array()
            .expect("districts")
            .iter()
            .find(|d| d["district"] == district.as_str())
        else {
            continue;
        };
        // Inward codes run together, three characters each.
        let codes = units["inward"].as_str().expect("inward codes");
        let middle = codes.len() / 3 / 2 * 3;
        if let Some(unit) = codes.get(middle..middle + 3) {
            return Typing {
                text: format!("{district}{unit}").to_lowercase(),
                path: format!("/districts/{district}"),
                heading: format!("Care services in {district}"),
            };
        }
    }
    panic!("no district with a page has postcodes");
}
