//! A deploy during a visit. The visit reads every file from the build its manifest names; when
//! a file no longer matches that manifest (or its build folder has gone), the visit reads the
//! manifest once more and starts again on the build it names now. If the files of that build
//! still do not match, the data error page says so.

use carefinder_core::dataset_reader::DataError;
use leptos::prelude::*;

/// Shared by the app's frame (which loads the manifest) and every download.
#[derive(Clone, Copy)]
pub struct Deploy {
    /// Bumped to make the app read the manifest again.
    reloads: RwSignal<u32>,
    /// Set when the files still do not match after a reload: the data error page shows it.
    failed: RwSignal<Option<DataError>>,
    state: StoredValue<State>,
}

#[derive(Default)]
struct State {
    /// The build the pages read now.
    current: Option<String>,
    /// A reload has been asked for and its manifest has not arrived yet.
    pending: bool,
    /// Builds the visit has already reloaded from: a second mismatch there is final.
    reloaded_from: Vec<String>,
}

impl Deploy {
    pub fn provide() -> Deploy {
        let deploy = Deploy {
            reloads: RwSignal::new(0),
            failed: RwSignal::new(None),
            state: StoredValue::new(State::default()),
        };
        provide_context(deploy);
        deploy
    }

    pub fn get() -> Deploy {
        expect_context::<Deploy>()
    }

    /// How many reloads were asked for (tracked: a resource reading the manifest runs again on
    /// each).
    pub fn reloads(&self) -> u32 {
        self.reloads.get()
    }

    pub fn failed(&self) -> Option<DataError> {
        self.failed.get()
    }

    /// The pages now read from `build` (its manifest has loaded).
    pub fn reading(&self, build: &str) {
        self.state.update_value(|s| {
            s.current = Some(build.to_string());
            s.pending = false;
        });
    }

    /// "Try again" on the data error page: read the manifest afresh, with one reload allowed again.
    pub fn retry(&self) {
        self.state.update_value(|s| s.reloaded_from.clear());
        self.failed.set(None);
        self.reloads.update(|n| *n += 1);
    }

    /// Passes a download's result on, unless it is stale: then the first stale file of a build
    /// makes the visit reload the manifest (the page that asked is replaced, so it gets
    /// `Abandoned` and shows nothing), and a stale file after that reload fails the visit.
    pub fn watch<T>(&self, build: &str, result: Result<T, DataError>) -> Result<T, DataError> {
        match result {
            Err(error) if error.is_stale() => Err(self.stale(build, error)),
            other => other,
        }
    }

    fn stale(&self, build: &str, error: DataError) -> DataError {
        // The browser may hold the bad copy for a year (build files are immutable by name).
        super::website::fetch_past_the_http_cache();
        let mut outcome = None;
        self.state.update_value(|s| {
            // A reload is under way, or the page read an older build and is being replaced.
            if s.pending || s.current.as_deref() != Some(build) {
                return;
            }
            if s.reloaded_from.iter().any(|b| b == build) {
                outcome = Some(true);
            } else {
                s.reloaded_from.push(build.to_string());
                s.pending = true;
                outcome = Some(false);
            }
        });
        match outcome {
            Some(true) => {
                self.failed.set(Some(error.clone()));
                error
            }
            Some(false) => {
                self.reloads.update(|n| *n += 1);
                DataError::Abandoned
            }
            None => DataError::Abandoned,
        }
    }
}
