//! The service worker (public/sw.js) lets a second visit work offline by keeping the app and the
//! dataset files looked at. Adviser mode must keep nothing, so while it is on the worker is told
//! to stop caching, unregistered, and every cache is deleted; it is registered again when
//! adviser mode turns off.

use leptos::prelude::window;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where service workers are unavailable (old browsers, private modes, insecure origins) the
/// app simply needs the network.
fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = window().navigator();
    // Absent outside secure contexts; calling it there would throw.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

pub fn register() {
    if let Some(workers) = container() {
        let _ = workers.register("/sw.js");
    }
}

/// Stops the worker from writing anything more, removes it, and deletes what it kept.
pub fn stop_and_forget() {
    if let Some(workers) = container() {
        if let Some(worker) = workers.controller() {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"carefinder".into(), &"stop-caching".into());
            let _ = worker.post_message(&message);
        }
        leptos::task::spawn_local(async move {
            if let Ok(list) = JsFuture::from(workers.get_registrations()).await {
                for registration in js_sys::Array::from(&list).iter() {
                    if let Ok(r) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() {
                        if let Ok(done) = r.unregister() {
                            let _ = JsFuture::from(done).await;
                        }
                    }
                }
            }
        });
    }
    delete_every_cache();
}

/// Deletes every Cache Storage cache of this site (the worker's names may change with its
/// version, so all of them).
pub fn delete_every_cache() {
    // Absent outside secure contexts, where calling it would throw.
    if !js_sys::Reflect::has(&window(), &"caches".into()).unwrap_or(false) {
        return;
    }
    let Ok(caches) = window().caches() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(names) = JsFuture::from(caches.keys()).await else {
            return;
        };
        for name in js_sys::Array::from(&names).iter() {
            if let Some(name) = name.as_string() {
                let _ = JsFuture::from(caches.delete(&name)).await;
            }
        }
    });
}
