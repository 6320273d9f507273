use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::data::SharedManifest;

#[component]
pub fn Home() -> impl IntoView {
    let area = expect_context::<SharedManifest>().area.name.clone();
    view! {
        <Title text="Find and compare adult social care" />
        <h1>"Find and compare adult social care"</h1>
        <p class="lead">
            {format!("Care homes, nursing homes, home care and supported living in {area}: ")}
            "how good they are, what they cost, and what help there is before and beside paid care."
        </p>
        <A href="/search" attr:class="button button--start">"Search near a postcode"</A>
        <h2>"You can"</h2>
        <ul class="list list--bullet">
            <li>"find care services near a postcode and see their Care Quality Commission (CQC) ratings"</li>
            <li>"compare services side by side, with their fees where known"</li>
            <li><A href="/pathways">"get information and advice"</A>" about carers' support, paying for care and leaving hospital"</li>
            <li><A href="/districts">"browse services by postcode district"</A></li>
        </ul>
        <p>"Searches run on your device: the postcode you enter is not sent anywhere. To find it, carefinder downloads the postcodes of its whole area (the letters it starts with, like NR), so the site can tell at most that area."</p>
    }
}
