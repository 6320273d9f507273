//! One way for every page to wait for its data. While anything is loading the page's `<main>`
//! is `aria-busy` (assistive technology waits, and the takeover of a pre-rendered page waits on
//! exactly this, never on a message's wording); a failure is said in plain words.

use carefinder_core::dataset_reader::DataError;
use leptos::prelude::*;
use leptos_meta::Title;

/// How many parts of the page are waiting for data.
#[derive(Clone, Copy)]
pub struct Busy(RwSignal<u32>);

impl Busy {
    /// Provided by the layout around each page.
    pub fn provide() -> Busy {
        let busy = Busy(RwSignal::new(0));
        provide_context(busy);
        busy
    }

    pub fn is_busy(self) -> bool {
        self.0.get() > 0
    }
}

/// Marks the page busy for as long as it is shown; shows nothing itself.
#[component]
pub fn BusyMark() -> impl IntoView {
    if let Some(Busy(count)) = use_context::<Busy>() {
        count.update(|n| *n += 1);
        on_cleanup(move || {
            count.try_update(|n| *n = n.saturating_sub(1));
        });
    }
}

/// A status line ("Loading…") that marks the page busy for as long as it shows.
#[component]
pub fn Pending(#[prop(into)] message: String) -> impl IntoView {
    view! { <BusyMark /><p class="pending" role="status">{message}</p> }
}

/// What a page says while it waits and if it fails, and whether "Try again" can help.
#[derive(Clone, Copy, Default)]
pub struct Waiting {
    /// The status while loading (default "Loading…").
    pub loading: Option<&'static str>,
    /// The sentence before the reason, if it fails.
    pub failed: Option<&'static str>,
    pub retry: Option<Callback<()>>,
}

impl Waiting {
    pub fn failed(sentence: &'static str) -> Waiting {
        Waiting {
            failed: Some(sentence),
            ..Waiting::default()
        }
    }
}

/// What went wrong (the page's own sentence, then the reason), and "Try again" when that can help.
#[component]
pub fn LoadFailed(error: DataError, #[prop(optional)] waiting: Waiting) -> impl IntoView {
    if error == DataError::Abandoned {
        return ().into_any();
    }
    let retry = waiting.retry.map(|r| view! { <button type="button" class="button" on:click=move |_| r.run(())>"Try again"</button> });
    view! {
        <div class="notice" role="alert">
            {waiting.failed.map(|sentence| view! { <p>{sentence}</p> })}
            <p class="notice__detail">{error.to_string()}</p>
            {retry}
        </div>
    }
    .into_any()
}

/// The one match every page makes on its data: waiting, failed, or ready.
pub fn when_loaded<T>(
    state: Option<Result<T, DataError>>,
    waiting: Waiting,
    ready: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match state {
        Some(Ok(value)) => ready(value),
        Some(Err(error)) => view! { <LoadFailed error waiting /> }.into_any(),
        None => view! { <Pending message=waiting.loading.unwrap_or("Loading…") /> }.into_any(),
    }
}

/// For a page whose heading depends on the data: its stand-in heading, then as `when_loaded`.
pub fn with_heading<T>(
    heading: &str,
    state: Option<Result<T, DataError>>,
    waiting: Waiting,
    ready: impl FnOnce(T) -> AnyView,
) -> AnyView {
    let heading = heading.to_string();
    match state {
        Some(Ok(value)) => ready(value),
        other => {
            let waiting = when_loaded(other, waiting, |_| ().into_any());
            view! { <Title text=heading.clone() /><h1>{heading}</h1>{waiting} }.into_any()
        }
    }
}
