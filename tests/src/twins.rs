//! Real data or example data: where the real data is, whether this run is CI's (where nothing
//! may be skipped), and journeys declared once and run on both datasets.

use std::future::Future;
use std::path::PathBuf;

use fantoccini::Client;

use crate::{reference, root, Browser, JourneyResult, Site};

/// Where the real data lives: ../shared/data beside the repository, unless
/// CAREFINDER_SHARED_DATA names another folder (a folder that does not exist simulates a
/// machine without the data, e.g. `CAREFINDER_SHARED_DATA=/nonexistent`).
pub fn shared_data_dir() -> PathBuf {
    std::env::var_os("CAREFINDER_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/data"))
}

/// Whether this run is CI's (CI=true, as CI services set it): there nothing may be skipped.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// The real data, when this machine has it. Without it a real-data journey says SKIPPED and
/// passes (its twin on the example data still runs), except under CI=true, where the data must
/// be there: a missing folder there fails the journey rather than passing it unchecked.
pub fn shared_data() -> Option<PathBuf> {
    let dir = shared_data_dir();
    if dir
        .join("cqc/oldham_cqc_api_locations_2025-03.json")
        .is_file()
    {
        return Some(dir);
    }
    assert!(
        !on_ci(),
        "CI=true, but the real data is not at {}: the real-data journeys cannot check anything. \
         Put the shared data there (or name its folder in CAREFINDER_SHARED_DATA).",
        dir.display()
    );
    eprintln!("SKIPPED: the real data is not at {}, so this real-data journey did not run (its example-data twin does)", dir.display());
    None
}

/// Starts a site serving one source's dataset and walks one journey on it; the site and the
/// evidence folder are named after the journey and the source ("<journey>_on_example_data").
/// `steps` gets the site and returns the journey's steps.
pub async fn journey_on<F, Fut>(
    source: &reference::Source,
    journey: &str,
    steps: impl FnOnce(Site) -> F,
) where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = JourneyResult>,
{
    let name = format!("{journey}_on_{}_data", source.label());
    let site = Site::start(&name, source.data());
    Browser::journey(&name, steps(site)).await;
}

/// Declares one journey twice, as two tests running the same `async fn(Source)`: on the real
/// data (see `Source::real`: skipped without it, failed under CI=true) and on the example data,
/// so a machine without the real data still walks the same steps.
#[macro_export]
macro_rules! twins {
    ($real:ident, $example:ident => $journey:path) => {
        #[tokio::test]
        async fn $real() {
            if let Some(source) = $crate::reference::Source::real() {
                $journey(source).await
            }
        }

        #[tokio::test]
        async fn $example() {
            $journey($crate::reference::Source::example()).await
        }
    };
}
