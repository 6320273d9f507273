use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The accessibility statement public sector websites publish: what works, what does not yet,
/// how it was checked, and where to go if something is wrong.
#[component]
pub fn Accessibility() -> impl IntoView {
    view! {
        <Title text="Accessibility statement" />
        <h1>"Accessibility statement"</h1>
        <p class="lead">"carefinder should be usable by as many people as possible, including people who use a screen reader, a keyboard, speech recognition or screen magnification."</p>
        <h2>"What you can do"</h2>
        <ul class="list list--bullet">
            <li>"zoom in up to 400% without the text spilling off the screen"</li>
            <li>"use every page with a keyboard alone"</li>
            <li>"use a screen reader: every page has one main heading, results counts are read out, and errors are listed at the top of the page with links to the answer to fix"</li>
            <li>"see ratings as words, never colour alone"</li>
            <li>"turn on adviser mode for larger text on a shared screen"</li>
        </ul>
        <h2>"How we check"</h2>
        <p>"Every change is tested automatically in a real browser: each page and state is checked against the Web Content Accessibility Guidelines (WCAG) 2.2 level AA rules that the axe-core tool can test, every advice route is completed with a keyboard alone, and key pages are checked at 400% zoom. Automated checks find only some problems, so we also review pages by hand."</p>
        <h2>"What does not work yet"</h2>
        <ul class="list list--bullet">
            <li>"Without JavaScript, service pages, advice and browsing by postcode district still work, but searching near a postcode, the shortlist, the comparison and the cost estimator do not."</li>
            <li>"The map on the search page is a picture of the list beside it. It has no information the list does not have."</li>
            <li>"The first visit downloads about a third of a megabyte, which can be slow on a weak mobile signal. Later visits use what your browser kept."</li>
        </ul>
        <h2>"Tell us about a problem"</h2>
        <p>"If something does not work for you, tell the council that publishes this copy of carefinder, saying which page and what happened. Its contact details are on its website."</p>
        <h2>"Enforcement"</h2>
        <p>"The Equality and Human Rights Commission enforces the accessibility regulations for public sector websites. If you are not happy with how your complaint is handled, contact the Equality Advisory and Support Service."</p>
        <p class="hint">"This statement was prepared on 23 November 2026."</p>
        <p><A href="/">"Back to the home page"</A></p>
    }
}
