//! CQC location ids as carefinder publishes them: `1-` then digits ("1-1000587219"). They name
//! a service's page (`/provider/<id>`) and its files, so the builder admits no other shape and
//! the app and the pre-renderer can trust them as plain path parts.

/// True for `1-` followed by one or more ASCII digits, and nothing else (no spaces, no signs).
pub fn is_location_id(id: &str) -> bool {
    id.strip_prefix("1-")
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// The rejection reason for an id that fails `is_location_id`, worded for the build report.
pub const NOT_A_LOCATION_ID: &str = "the CQC location id is not 1- followed by digits";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_1_dash_digits_is_a_location_id() {
        for good in ["1-1", "1-1000587219", "1-20633135045"] {
            assert!(is_location_id(good), "{good}");
        }
        // NHS locations have other CQC ids ("RM301"); carefinder lists adult social care only.
        for bad in [
            "", "1-", "1-2 3", " 1-23", "1-23 ", "1--23", "1-+23", "1-2a", "2-123", "1_123",
            "RM301", "1-../x", "1-１２", "X-000001",
        ] {
            assert!(!is_location_id(bad), "{bad:?}");
        }
    }
}
