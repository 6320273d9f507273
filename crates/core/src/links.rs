//! One policy for every link carefinder makes from data. The builder applies it when it reads a
//! source or checks authored content, and the pages apply it again when they render, so neither
//! a source file nor a damaged dataset can put another scheme (`javascript:`, `data:`) or
//! another site's path into a page.

/// A web address carefinder will link to: `http://` or `https://` (in any case; it comes back in
/// lower case), a host, and no spaces, double quotes or angle brackets. `None` for anything else.
pub fn web_address(raw: &str) -> Option<String> {
    let w = raw.trim();
    let lower = w.to_ascii_lowercase();
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| lower.starts_with(s))?;
    let rest = &w[scheme.len()..];
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let safe = |c: char| {
        !c.is_whitespace() && !c.is_control() && !matches!(c, '"' | '<' | '>' | '\\' | '`')
    };
    (!host.is_empty() && !host.starts_with('.') && rest.chars().all(safe))
        .then(|| format!("{scheme}{rest}"))
}

/// As `web_address`, and a bare domain as CQC writes some ("www.example.org") becomes https.
pub fn web_address_or_domain(raw: &str) -> Option<String> {
    let w = raw.trim();
    if w.contains("://") {
        return web_address(w);
    }
    // No scheme: a domain has a dot and no colon (which would be some other scheme, "mailto:").
    if w.contains('.') && !w.contains(':') {
        return web_address(&format!("https://{w}"));
    }
    None
}

/// A page of this site: a path from its root ("/costs"). "//host/x" also starts with "/" but
/// leaves the site, and browsers read a backslash as a slash.
pub fn is_site_path(href: &str) -> bool {
    href.starts_with('/')
        && !href.starts_with("//")
        && !href.contains('\\')
        && !href.chars().any(char::is_whitespace)
}

/// The `tel:` link for a phone number as people write it ("0344 800 8020").
pub fn phone_href(number: &str) -> String {
    let dialled: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{dialled}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_addresses_with_a_host_are_links() {
        assert_eq!(
            web_address("https://www.cqc.org.uk/x?y=1").as_deref(),
            Some("https://www.cqc.org.uk/x?y=1")
        );
        assert_eq!(
            web_address(" HTTP://Example.org ").as_deref(),
            Some("http://Example.org")
        );
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "https://",
            "https:///path",
            "https://a b.org",
            "https://x.org/\"onmouseover",
            "ftp://x.org",
            "//x.org",
            "https://.org",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }

    #[test]
    fn bare_domains_get_https_and_other_schemes_are_dropped() {
        assert_eq!(
            web_address_or_domain("www.rosehouse.co.uk").as_deref(),
            Some("https://www.rosehouse.co.uk")
        );
        assert_eq!(
            web_address_or_domain("Https://rose.org").as_deref(),
            Some("https://rose.org")
        );
        for bad in [
            "NA",
            "",
            "mailto:a@b.org",
            "rose house.org",
            "javascript://x.org",
        ] {
            assert_eq!(web_address_or_domain(bad), None, "{bad}");
        }
    }

    #[test]
    fn site_paths_stay_on_this_site() {
        assert!(is_site_path("/costs") && is_site_path("/search?type=care_home"));
        for bad in [
            "//evil.example/costs",
            "https://example.org",
            "/\\evil.example",
            "costs",
            "/a b",
        ] {
            assert!(!is_site_path(bad), "{bad}");
        }
    }

    #[test]
    fn phone_links_keep_only_what_is_dialled() {
        assert_eq!(phone_href("0344 800 8020"), "tel:03448008020");
        assert_eq!(phone_href("+44 161 770 7777"), "tel:+441617707777");
    }
}
