//! The preview's HTTP server: serves only files of the in-memory site, by exact name. Any URL
//! that does not name one of them (traversal, encoded slashes, backslashes, NUL bytes, ...)
//! gets the site's 404 page; nothing is ever read from disk here.

use std::collections::HashMap;
use std::io::{Cursor, Write};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::reload::{self, Hub};

/// Longest request target accepted, in bytes.
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// One consistent version of the site, as served.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    /// Every servable file (pages and statics) by output path, before script injection.
    pub files: HashMap<String, Arc<[u8]>>,
    /// Writing-hint JSON by article slug.
    pub hints: HashMap<String, Arc<str>>,
    /// False until the site has built once.
    pub built: bool,
}

/// What the request handlers share with the rebuild loop.
#[derive(Debug, Default)]
pub struct State {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Live-reload clients and the current error.
    pub hub: Hub,
}

impl State {
    /// A state with nothing built yet.
    pub fn new() -> State {
        State::default()
    }

    /// Serve this version of the site from now on.
    pub fn publish(&self, snapshot: Snapshot) {
        let mut slot = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        *slot = Arc::new(snapshot);
    }

    /// Change the served version in place: without a copy when no request is reading it (a
    /// copy of 10,000 entries per save would cost more than the rebuild itself).
    pub fn update(&self, change: impl FnOnce(&mut Snapshot)) {
        let mut slot = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        change(Arc::make_mut(&mut slot));
    }

    /// The version of the site being served.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, by output path.
    File(String),
    /// A folder named without its trailing slash: send the browser to this URL.
    Redirect(String),
    /// Nothing of the site.
    NotFound,
}

/// Map a request target to a site file. Every segment is percent-decoded on its own, and any
/// segment that decodes to something other than a plain file or folder name is refused.
pub fn resolve(target: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix('/') else { return Resolved::NotFound };
    if rest.contains('\\') || rest.contains('\0') {
        return Resolved::NotFound;
    }
    let raw: Vec<&str> = rest.split('/').collect();
    let last = raw.len() - 1;
    let mut segments = Vec::with_capacity(raw.len());
    for (i, segment) in raw.iter().enumerate() {
        if segment.is_empty() {
            // Only the final segment may be empty (a folder URL); `//` is refused.
            if i == last {
                continue;
            }
            return Resolved::NotFound;
        }
        let Some(decoded) = percent_decode(segment) else { return Resolved::NotFound };
        if decoded == "."
            || decoded == ".."
            || decoded.contains(['/', '\\', '\0', ':'])
            || decoded.chars().any(char::is_control)
        {
            return Resolved::NotFound;
        }
        segments.push(decoded);
    }
    let joined = segments.join("/");
    let folder = rest.is_empty() || rest.ends_with('/');
    if folder {
        let index = if joined.is_empty() { "index.html".to_string() } else { format!("{joined}/index.html") };
        return if exists(&index) { Resolved::File(index) } else { Resolved::NotFound };
    }
    if exists(&joined) {
        return Resolved::File(joined);
    }
    if exists(&format!("{joined}/index.html")) {
        return Resolved::Redirect(format!("/{}/", raw.join("/")));
    }
    Resolved::NotFound
}

/// Decode `%XX` escapes; None for malformed escapes or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type for a file name.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn bytes_response(status: u16, content_type: &str, body: Arc<[u8]>) -> Response<Cursor<Arc<[u8]>>> {
    let len = body.len();
    let headers = [
        header("Content-Type", content_type),
        // The preview changes under the browser's feet; never let it cache.
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ]
    .into_iter()
    .flatten()
    .collect();
    Response::new(StatusCode(status), headers, Cursor::new(body), Some(len), None)
}

/// Write a response and close the connection. tiny_http 0.12 sometimes never delivers the
/// next request of a kept-alive connection when a browser loads a page's assets over several
/// connections at once (reproduced with `curl --parallel`: a few requests hang until the
/// client gives up), so every response says `Connection: close` and the browser opens a new
/// connection per request, which on loopback costs nothing that matters.
fn send(request: Request, response: Response<Cursor<Arc<[u8]>>>) {
    let head_only = *request.method() == Method::Head;
    let status = response.status_code();
    let mut head = format!("HTTP/1.1 {} {}\r\n", status.0, status.default_reason_phrase());
    for h in response.headers() {
        head.push_str(&format!("{}: {}\r\n", h.field, h.value));
    }
    let body = response.into_reader().into_inner();
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    let mut writer = request.into_writer();
    let _ = writer.write_all(head.as_bytes());
    if !head_only {
        let _ = writer.write_all(&body);
    }
    let _ = writer.flush();
}

fn text_response(status: u16, text: &str) -> Response<Cursor<Arc<[u8]>>> {
    bytes_response(status, "text/plain; charset=utf-8", Arc::from(text.as_bytes()))
}

/// Start `workers` threads answering requests; one slow client ties up one worker at most,
/// and event streams get a thread of their own.
pub fn spawn_workers(
    server: Arc<tiny_http::Server>,
    state: Arc<State>,
    workers: usize,
) -> Vec<JoinHandle<()>> {
    (0..workers.max(1))
        .map(|_| {
            let server = server.clone();
            let state = state.clone();
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(&state, request);
                }
            })
        })
        .collect()
}

/// Answer one request.
pub fn handle(state: &State, request: Request) {
    let url = request.url().to_string();
    if url.len() > MAX_URL_BYTES {
        send(request, text_response(414, "URI too long\n"));
        return;
    }
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        let mut response = text_response(405, "Only GET and HEAD are supported\n");
        if let Some(allow) = header("Allow", "GET, HEAD") {
            response.add_header(allow);
        }
        send(request, response);
        return;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == reload::EVENTS_PATH && method == Method::Get {
        let events = state.hub.subscribe();
        let writer = request.into_writer();
        std::thread::spawn(move || reload::stream_events(writer, events));
        return;
    }
    if path == reload::SCRIPT_PATH {
        let body: Arc<[u8]> = Arc::from(reload::PREVIEW_JS.as_bytes());
        send(request, bytes_response(200, content_type(path), body));
        return;
    }
    let snapshot = state.snapshot();
    if let Some(name) = path.strip_prefix(reload::HINTS_PREFIX) {
        let hints =
            name.strip_suffix(".json").and_then(percent_decode).and_then(|slug| snapshot.hints.get(&slug));
        let response = match hints {
            Some(json) => bytes_response(200, "application/json", Arc::from(json.as_bytes())),
            None => text_response(404, "No hints for this page\n"),
        };
        send(request, response);
        return;
    }
    if !snapshot.built {
        send(request, bytes_response(503, content_type("x.html"), Arc::from(reload::waiting_page())));
        return;
    }
    let response = match resolve(&url, |p| snapshot.files.contains_key(p)) {
        Resolved::File(file) => match snapshot.files.get(&file) {
            Some(bytes) => page_response(200, &file, bytes),
            None => not_found(&snapshot),
        },
        Resolved::Redirect(to) => {
            let mut response = text_response(301, "Moved\n");
            if let Some(location) = header("Location", &to) {
                response.add_header(location);
            }
            response
        }
        Resolved::NotFound => not_found(&snapshot),
    };
    send(request, response);
}

fn page_response(status: u16, path: &str, bytes: &Arc<[u8]>) -> Response<Cursor<Arc<[u8]>>> {
    if path.ends_with(".html") {
        bytes_response(status, content_type(path), Arc::from(reload::inject(bytes)))
    } else {
        bytes_response(status, content_type(path), bytes.clone())
    }
}

fn not_found(snapshot: &Snapshot) -> Response<Cursor<Arc<[u8]>>> {
    match snapshot.files.get("404.html") {
        Some(page) => page_response(404, "404.html", page),
        None => text_response(404, "Not found\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(p: &str) -> bool {
        ["index.html", "a/index.html", "css/style.css", "topics/x/index.html"].contains(&p)
    }

    #[test]
    fn resolves_files_and_folders() {
        assert_eq!(resolve("/", site), Resolved::File("index.html".into()));
        assert_eq!(resolve("/a/", site), Resolved::File("a/index.html".into()));
        assert_eq!(resolve("/a/index.html?x=1#y", site), Resolved::File("a/index.html".into()));
        assert_eq!(resolve("/css/style.css?v=3", site), Resolved::File("css/style.css".into()));
        assert_eq!(resolve("/%63ss/style.css", site), Resolved::File("css/style.css".into()));
        assert_eq!(resolve("/a", site), Resolved::Redirect("/a/".into()));
        assert_eq!(resolve("/topics/x", site), Resolved::Redirect("/topics/x/".into()));
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "/../etc/passwd",
            "/a/../index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/css%2fstyle.css",
            "/css%2Fstyle.css",
            "/css\\style.css",
            "/css%5cstyle.css",
            "//etc/passwd",
            "/etc/passwd",
            "index.html",
            "http://example.org/index.html",
            "/index.html%00",
            "/a/./index.html",
            "/%zz",
            "/%c0%ae%c0%ae/x",
            "/C:/Windows",
        ] {
            assert_eq!(resolve(bad, site), Resolved::NotFound, "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.WOFF2"), "font/woff2");
        assert_eq!(content_type("feed.xml"), "application/xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
