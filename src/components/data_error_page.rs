use leptos::prelude::*;
use leptos_meta::Title;

use crate::data::DataError;

/// Shown instead of the app when the dataset is missing, unreachable or damaged: says what
/// went wrong, offers a retry, and points to CQC's own search meanwhile.
#[component]
pub fn DataErrorPage(error: DataError, retry: Callback<()>) -> impl IntoView {
    view! {
        <Title text="Sorry, there is a problem with the service" />
        <div class="page-width">
            <main id="main-content" class="main" tabindex="-1">
                <h1>"Sorry, there is a problem with the service"</h1>
                <p>"carefinder could not load its care services data, so it cannot search right now."</p>
                <p class="data-error__detail">{error.to_string()}</p>
                <button type="button" class="button" on:click=move |_| retry.run(())>
                    "Try again"
                </button>
                <p>
                    "You can also search for care services on the "
                    <a href="https://www.cqc.org.uk/search/services" rel="noopener noreferrer">
                        "Care Quality Commission's website"
                    </a>"."
                </p>
            </main>
        </div>
    }
}
