//! One request's answer: the district redirect, or the file `policy::resolve` names, streamed by
//! tower-http (with its pre-compressed copy when the browser takes one, ETag and Last-Modified
//! with 304 answers, and ranges), with the headers the policy gives it.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http::header::{self, HeaderName, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{combinators::UnsyncBoxBody, BodyExt, Empty, Full};
use tower_http::services::ServeFile;

use crate::compress::fresh_copy;
use crate::connection::CHUNK_BYTES;
use crate::policy;

/// What every connection serves.
pub struct Site {
    pub root: PathBuf,
    /// The Content-Security-Policy header value, read from the build's csp.txt.
    pub csp: String,
    pub offline: Arc<AtomicBool>,
}

impl Site {
    pub fn is_offline(&self) -> bool {
        self.offline.load(Ordering::Relaxed)
    }
}

pub type Body = UnsyncBoxBody<Bytes, io::Error>;

/// Returned instead of an answer while offline: hyper then closes the connection unanswered.
#[derive(Debug)]
pub struct Offline;

impl std::fmt::Display for Offline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("offline")
    }
}

impl std::error::Error for Offline {}

pub async fn answer<B>(site: Arc<Site>, request: Request<B>) -> Result<Response<Body>, Offline> {
    if site.is_offline() {
        return Err(Offline);
    }
    let mut response = respond(&site, request).await;
    for (name, value) in policy::EVERY_RESPONSE {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    Ok(response)
}

async fn respond<B>(site: &Arc<Site>, request: Request<B>) -> Response<Body> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut refused = text(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed\n");
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return refused;
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    // Looking at the folder may wait on the disk: done off the threads that serve connections.
    let found = {
        let site = site.clone();
        tokio::task::spawn_blocking(move || find(&site.root, &target)).await
    };
    let file = match found {
        Ok(Found::Redirect(location)) => return redirect(&location),
        Ok(Found::File(file)) => file,
        Ok(Found::Nothing) => return text(StatusCode::NOT_FOUND, "Not found\n"),
        Err(_) => return busy(),
    };
    let mut files = ServeFile::new(&file.path).with_buf_chunk_size(CHUNK_BYTES);
    if file.fresh_br {
        files = files.precompressed_br();
    }
    if file.fresh_gzip {
        files = files.precompressed_gzip();
    }
    // The request's body (a GET has none worth reading) is never read.
    let (head, _) = request.into_parts();
    match files
        .try_call(Request::from_parts(head, Empty::<Bytes>::new()))
        .await
    {
        Ok(response) => with_policy(site, &file.path, response.map(BodyExt::boxed_unsync)),
        Err(_) => busy(),
    }
}

enum Found {
    Redirect(String),
    File(FileToSend),
    Nothing,
}

struct FileToSend {
    path: PathBuf,
    fresh_br: bool,
    fresh_gzip: bool,
}

fn find(root: &Path, target: &str) -> Found {
    if let Some(location) = policy::district_location(root, target) {
        return Found::Redirect(location);
    }
    match policy::resolve(root, target) {
        Some(path) => Found::File(FileToSend {
            fresh_br: fresh_copy(&path, "br"),
            fresh_gzip: fresh_copy(&path, "gz"),
            path,
        }),
        None => Found::Nothing,
    }
}

fn with_policy(site: &Site, path: &Path, mut response: Response<Body>) -> Response<Body> {
    let has_body = matches!(
        response.status(),
        StatusCode::OK | StatusCode::PARTIAL_CONTENT
    );
    let headers = response.headers_mut();
    if has_body {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(policy::content_type(path)),
        );
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(policy::cache_control(path)),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if policy::is_page(path) {
        // Checked when csp.txt was read; a bad one would have stopped the server starting.
        if let Ok(csp) = HeaderValue::from_str(&site.csp) {
            headers.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
    }
    response
}

fn redirect(location: &str) -> Response<Body> {
    let mut response = empty(StatusCode::SEE_OTHER);
    // A location is "/districts/" and a district's letters and digits, always a valid value.
    let location =
        HeaderValue::from_str(location).unwrap_or(HeaderValue::from_static("/districts"));
    response.headers_mut().insert(header::LOCATION, location);
    response
}

/// Too many files open, or no thread to read one: the browser may try again.
fn busy() -> Response<Body> {
    let mut response = text(
        StatusCode::SERVICE_UNAVAILABLE,
        "Busy: try again in a moment\n",
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

fn text(status: StatusCode, message: &'static str) -> Response<Body> {
    let mut response = Response::new(
        Full::new(Bytes::from_static(message.as_bytes()))
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

fn empty(status: StatusCode) -> Response<Body> {
    let mut response = Response::new(Empty::new().map_err(|never| match never {}).boxed_unsync());
    *response.status_mut() = status;
    response
}
