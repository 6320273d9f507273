//! The names a service is also found by (its provider's, its brand, "also known as"), as the
//! search index publishes them, worked out here from the source files read as plain JSON.

mod common;

use std::collections::BTreeMap;

use carefinder_data::shared_layout::{OLDHAM_LOCATIONS, OLDHAM_PROVIDERS};
use common::synthetic::{EXAMPLE_COUNT, EXAMPLE_SEED};
use common::*;
use serde_json::{json, Value};

/// Letters and digits only, lower case: enough to tell a name from the same name re-spelt.
fn squashed(name: &str) -> String {
    name.to_lowercase()
        .replace('&', "and")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The other names as the index must hold them: in the order provider, brand, also known as,
/// each once, none that is the service's own name re-spelt.
fn expected(name: &str, candidates: [(&str, Option<&str>); 3]) -> Value {
    let mut seen = vec![squashed(name)];
    let mut out = vec![];
    for (kind, other) in candidates {
        let Some(other) = other.map(str::trim).filter(|o| !o.is_empty()) else {
            continue;
        };
        if !seen.contains(&squashed(other)) {
            seen.push(squashed(other));
            out.push(json!([kind, other]));
        }
    }
    Value::Array(out)
}

/// Each summary row's id and other names (its last element).
fn published(out: &std::path::Path) -> BTreeMap<String, Value> {
    let index = read_json(&built(out).join("services.json"));
    index
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let row = row.as_array().unwrap();
            (
                row[0].as_str().unwrap().to_string(),
                row.last().unwrap().clone(),
            )
        })
        .collect()
}

#[test]
fn oldham_services_carry_their_providers_name_brand_and_other_name() {
    let Some((shared, out, _)) = real_dataset("names") else {
        return;
    };
    let providers: BTreeMap<String, String> = read_json(&OLDHAM_PROVIDERS.path(&shared))
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["providerId"].as_str().unwrap().to_string(),
                p["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let got = published(&out);
    let (mut branded, mut known_as, mut with_provider) = (0, 0, 0);
    for loc in read_json(&OLDHAM_LOCATIONS.path(&shared))
        .as_array()
        .unwrap()
    {
        if loc["type"] != "Social Care Org" || loc["registrationStatus"] != "Registered" {
            continue;
        }
        let provider = loc["providerId"]
            .as_str()
            .and_then(|id| providers.get(id))
            .map(String::as_str);
        let brand = loc["brandName"]
            .as_str()
            .map(|b| b.trim_start_matches("BRAND "));
        let aka = loc["alsoKnownAs"].as_str();
        branded += usize::from(brand.is_some());
        known_as += usize::from(aka.is_some());
        with_provider += usize::from(provider.is_some());
        let id = loc["locationId"].as_str().unwrap();
        let want = expected(
            loc["name"].as_str().unwrap(),
            [("p", provider), ("b", brand), ("a", aka)],
        );
        assert_eq!(got[id], want, "{id} {}", loc["name"]);
    }
    // Counted from the source: 23 of the 106 have a brand and 2 an "also known as"; the
    // providers file (20 providers) names the provider of 9 of them.
    assert_eq!((branded, known_as, with_provider), (23, 2, 9));
}

#[test]
fn example_services_carry_their_made_up_provider_and_brand() {
    let (out, _) = example_dataset("names-example", &[]);
    let (_, services) = carefinder_data::synthetic::example::generate(EXAMPLE_COUNT, EXAMPLE_SEED);
    let got = published(&out);
    assert_eq!(got.len(), services.len());
    let branded = services.iter().filter(|s| s.brand.is_some()).count();
    assert!(branded > 0 && branded < services.len(), "{branded} branded");
    for s in &services {
        let provider = s.provider_name.as_deref();
        assert!(
            provider.is_some_and(|p| p.starts_with("Example Care Group ")),
            "{}",
            s.id
        );
        let want = expected(
            &s.name,
            [
                ("p", provider),
                ("b", s.brand.as_deref()),
                ("a", s.also_known_as.as_deref()),
            ],
        );
        assert_eq!(got[&s.id], want, "{}", s.id);
    }
}
