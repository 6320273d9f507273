//! CQC ratings: the four published grades, and the states a service can be in without one.

use serde::{Deserialize, Serialize};

/// One CQC rating, as published for the overall judgement or a key question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
    /// CQC looked but did not have enough evidence to give a grade.
    InsufficientEvidence,
}

impl Rating {
    /// Reads CQC's own wording (API, directory and "with filters" files all use it).
    /// Blank or "Not rated" mean no rating, which callers hold as `None`.
    pub fn from_cqc(text: &str) -> Option<Rating> {
        match text.trim().to_ascii_lowercase().as_str() {
            "outstanding" => Some(Rating::Outstanding),
            "good" => Some(Rating::Good),
            "requires improvement" => Some(Rating::RequiresImprovement),
            "inadequate" => Some(Rating::Inadequate),
            "insufficient evidence to rate" => Some(Rating::InsufficientEvidence),
            _ => None,
        }
    }

    /// The words shown to people; a rating is never shown by colour alone.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Outstanding => "Outstanding",
            Rating::Good => "Good",
            Rating::RequiresImprovement => "Requires improvement",
            Rating::Inadequate => "Inadequate",
            Rating::InsufficientEvidence => "Insufficient evidence to rate",
        }
    }

    /// The name used in addresses and the dataset, e.g. "requires_improvement".
    pub fn key(self) -> &'static str {
        match self {
            Rating::Outstanding => "outstanding",
            Rating::Good => "good",
            Rating::RequiresImprovement => "requires_improvement",
            Rating::Inadequate => "inadequate",
            Rating::InsufficientEvidence => "insufficient_evidence",
        }
    }

    /// Higher is better; used to sort and to filter by a minimum rating.
    pub fn rank(self) -> u8 {
        match self {
            Rating::Outstanding => 4,
            Rating::Good => 3,
            Rating::RequiresImprovement => 2,
            Rating::Inadequate => 1,
            Rating::InsufficientEvidence => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cqc_wording_in_any_case_and_rejects_other_text() {
        assert_eq!(
            Rating::from_cqc("Requires improvement"),
            Some(Rating::RequiresImprovement)
        );
        assert_eq!(Rating::from_cqc(" GOOD "), Some(Rating::Good));
        assert_eq!(
            Rating::from_cqc("Insufficient evidence to rate"),
            Some(Rating::InsufficientEvidence)
        );
        assert_eq!(Rating::from_cqc(""), None);
        assert_eq!(Rating::from_cqc("Not rated"), None);
    }

    #[test]
    fn labels_read_back_to_the_same_rating() {
        for r in [
            Rating::Outstanding,
            Rating::Good,
            Rating::RequiresImprovement,
            Rating::Inadequate,
            Rating::InsufficientEvidence,
        ] {
            assert_eq!(Rating::from_cqc(r.label()), Some(r));
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.key())
            );
        }
    }

    #[test]
    fn better_ratings_rank_higher() {
        assert!(Rating::Outstanding.rank() > Rating::Good.rank());
        assert!(Rating::Good.rank() > Rating::RequiresImprovement.rank());
        assert!(Rating::RequiresImprovement.rank() > Rating::Inadequate.rank());
    }
}
