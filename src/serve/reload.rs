//! Live reload: the preview script injected into served pages (never into built ones) and the
//! Server-Sent Events hub that tells open pages to reload, swap stylesheets or show an error.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where pages listen for events.
pub const EVENTS_PATH: &str = "/__plainleaf/events";
/// Where the preview script is served.
pub const SCRIPT_PATH: &str = "/__plainleaf/preview.js";
/// Where per-page writing hints are served (`<prefix><slug>.json`).
pub const HINTS_PREFIX: &str = "/__plainleaf/hints/";

/// The tag injected before `</body>` in every served HTML page.
pub const SCRIPT_TAG: &str = "<script src=\"/__plainleaf/preview.js\" data-plainleaf-preview></script>\n";

/// How often an idle event stream sends a comment, so dead connections are noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Reload the page.
    Reload,
    /// Swap stylesheets, adding this cache-busting version.
    Css(u64),
    /// The last rebuild failed with these diagnostics.
    Error(String),
    /// The site builds again after an error.
    Ok,
    /// The site folder's absolute path, so the overlay can link an error's `file:line` to the
    /// editor (sent only when the preview is not shared on the network).
    Root(String),
}

impl Event {
    /// The event in `text/event-stream` wire format.
    pub fn to_wire(&self) -> String {
        let (name, data) = match self {
            Event::Reload => ("reload", "reload".to_string()),
            Event::Css(version) => ("css", version.to_string()),
            Event::Error(text) => ("error", text.clone()),
            Event::Ok => ("ok", "ok".to_string()),
            Event::Root(path) => ("root", path.clone()),
        };
        let mut out = format!("event: {name}\n");
        for line in data.split('\n') {
            out.push_str("data: ");
            out.push_str(line.trim_end_matches('\r'));
            out.push('\n');
        }
        out.push('\n');
        out
    }
}

#[derive(Debug, Default)]
struct HubState {
    clients: Vec<Sender<Arc<str>>>,
    error: Option<String>,
    css_version: u64,
    root: Option<String>,
}

/// Open event streams, and the current error so pages opened later show it too.
#[derive(Debug, Default)]
pub struct Hub {
    state: Mutex<HubState>,
}

impl Hub {
    /// A hub with no clients.
    pub fn new() -> Hub {
        Hub::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HubState> {
        // A panicking client thread cannot leave the list half-updated; keep serving.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A new client's event stream; it starts with the current error, if any.
    pub fn subscribe(&self) -> Receiver<Arc<str>> {
        let (tx, rx) = channel();
        let mut state = self.lock();
        if let Some(root) = &state.root {
            let _ = tx.send(Arc::from(Event::Root(root.clone()).to_wire()));
        }
        if let Some(error) = &state.error {
            let _ = tx.send(Arc::from(Event::Error(error.clone()).to_wire()));
        }
        state.clients.push(tx);
        rx
    }

    /// Tell every page opened from now on where the site folder is (for editor links).
    pub fn set_root(&self, root: &std::path::Path) {
        self.lock().root = Some(root.to_string_lossy().into_owned());
    }

    /// Number of connected clients.
    pub fn clients(&self) -> usize {
        self.lock().clients.len()
    }

    /// The current error text, if the last rebuild failed.
    pub fn current_error(&self) -> Option<String> {
        self.lock().error.clone()
    }

    /// Tell every page to reload.
    pub fn reload(&self) {
        self.broadcast(Event::Reload);
    }

    /// Tell every page to swap its stylesheets.
    pub fn css(&self) {
        let version = {
            let mut state = self.lock();
            state.css_version += 1;
            state.css_version
        };
        self.broadcast(Event::Css(version));
    }

    /// Show an error on every page (and on pages opened until it is fixed).
    pub fn error(&self, text: String) {
        self.lock().error = Some(text.clone());
        self.broadcast(Event::Error(text));
    }

    /// Clear the error; pages remove the overlay and reload.
    pub fn ok(&self) {
        self.lock().error = None;
        self.broadcast(Event::Ok);
    }

    fn broadcast(&self, event: Event) {
        let wire: Arc<str> = Arc::from(event.to_wire());
        // Clients whose page closed have dropped their receiver; forget them here.
        self.lock().clients.retain(|tx| tx.send(wire.clone()).is_ok());
    }
}

/// Write an event stream to one client until it goes away. Writes go straight to the socket
/// and are flushed per event: a buffered streaming body would hold small events back.
pub fn stream_events(mut writer: Box<dyn Write + Send>, events: Receiver<Arc<str>>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\
                Connection: close\r\nX-Accel-Buffering: no\r\n\r\nretry: 1000\n: connected\n\n";
    if writer.write_all(head.as_bytes()).and_then(|_| writer.flush()).is_err() {
        return;
    }
    loop {
        let chunk: Arc<str> = match events.recv_timeout(KEEP_ALIVE) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => Arc::from(": ping\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer.write_all(chunk.as_bytes()).and_then(|_| writer.flush()).is_err() {
            return;
        }
    }
}

/// Insert the preview script before the last `</body>` (or at the end when there is none).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = find_last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_body_close(html: &[u8]) -> Option<usize> {
    const NEEDLE: &[u8] = b"</body";
    (0..html.len().saturating_sub(NEEDLE.len() - 1))
        .rev()
        .find(|&i| html[i..i + NEEDLE.len()].eq_ignore_ascii_case(NEEDLE))
}

/// A page shown while the site has never built: the preview script shows the error and
/// reloads when the build succeeds.
pub fn waiting_page() -> Vec<u8> {
    inject(
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>plainleaf preview</title></head>\n\
<body>\n<main><h1>Waiting for the site to build</h1>\n<p>Fix the problem shown, save, and this page reloads by itself.</p></main>\n</body>\n</html>\n",
    )
}

/// The preview script: live reload, error overlay and writing hints.
pub const PREVIEW_JS: &str = include_str!("assets/preview.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_close() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>")).unwrap();
        assert_eq!(out, format!("<html><body><p>x</p>{SCRIPT_TAG}</BODY></html>"));
        let bare = String::from_utf8(inject(b"<p>x</p>")).unwrap();
        assert_eq!(bare, format!("<p>x</p>{SCRIPT_TAG}"));
    }

    #[test]
    fn multi_line_error_is_one_event() {
        let wire = Event::Error("error: site.yaml:3:1: bad\n  help: fix".into()).to_wire();
        assert_eq!(wire, "event: error\ndata: error: site.yaml:3:1: bad\ndata:   help: fix\n\n");
    }

    #[test]
    fn late_subscribers_see_the_current_error() {
        let hub = Hub::new();
        hub.error("boom".into());
        let rx = hub.subscribe();
        assert!(rx.try_recv().unwrap().contains("event: error"));
        hub.ok();
        assert!(rx.try_recv().unwrap().contains("event: ok"));
        let later = hub.subscribe();
        assert!(later.try_recv().is_err());
    }
}
