//! One static page: the app's header and layout around a page's content, rendered natively
//! with the contexts the app would provide, in `RenderMode::Static`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, ServerMetaContext};
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;

use carefinder_core::dataset::Manifest;

use super::ANY_ROUTE;
use crate::app::{Layout, PageTitle};
use crate::components::{Header, SkipLink};
use crate::data::SharedManifest;
use crate::render_mode::RenderMode;

/// One page: where it is served, its document title (the one the page itself sets), and the
/// markup for inside `<body>`.
pub struct StaticPage {
    pub path: String,
    pub title: String,
    pub body: String,
}

/// `built_on` is the day the pages are built (YYYY-MM-DD): ratings' ages count from it.
pub fn render(
    manifest: &Manifest,
    built_on: &str,
    path: &str,
    content: impl FnOnce() -> AnyView + Send + 'static,
) -> StaticPage {
    let manifest: SharedManifest = Arc::new(manifest.clone());
    let example = manifest.area.example;
    let built_on = built_on.to_string();
    // The fallback stands for routes like /search: an address no navigation link points at, so
    // none is marked as the current page.
    let url = if path == ANY_ROUTE {
        "/app".to_string()
    } else {
        path.to_string()
    };
    let owner = Owner::new();
    let (meta, title) = ServerMetaContext::new();
    let body = owner.with(|| {
        provide_context(meta);
        provide_meta_context();
        provide_context(manifest);
        provide_context(RenderMode::Static { built_on });
        provide_context(RequestUrl::new(&url));
        view! {
            <PageTitle />
            <Router>
                <SkipLink />
                <Header />
                <Layout example>
                    <WithoutJavaScript />
                    {content()}
                </Layout>
            </Router>
        }
        .to_html()
    });
    owner.unset();
    StaticPage {
        path: path.to_string(),
        title: page_title(title),
        body,
    }
}

/// The title the page set with `<Title>`, as leptos_meta writes it into a document's head.
fn page_title(meta: leptos_meta::ServerMetaContextOutput) -> String {
    // Set once for the process; later calls find it set, which is fine.
    let _ = any_spawner::Executor::init_futures_executor();
    let head = futures::executor::block_on(async {
        use futures::StreamExt;
        let stream = meta
            .inject_meta_context(
                futures::stream::once(async { "<head></head>".to_string() }).boxed(),
            )
            .await;
        stream.collect::<String>().await
    });
    head.split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(t, _)| unescape(t))
        .unwrap_or_default()
}

/// leptos_meta escapes the title as HTML text; the shell escapes it again when filling it in.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// What works here without JavaScript, and what does not. The app removes it when it takes over.
#[component]
fn WithoutJavaScript() -> impl IntoView {
    view! {
        <div class="notice without-js" role="note" aria-label="Without JavaScript">
            <p>
                "Searching near a postcode, the shortlist and the cost estimator need JavaScript, which is off or still loading. "
                "Without it you can still "<a href="/districts">"browse services by postcode district"</a>", read every service's page, "
                "follow the "<a href="/pathways">"information and advice"</a>", or use the "
                <a href="https://www.cqc.org.uk/search/services">"Care Quality Commission's search"</a>". "
                "Without JavaScript, a postcode district you enter is sent to this website to find its page."
            </p>
        </div>
    }
}
