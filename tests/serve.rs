//! `plainleaf serve` end to end: the real binary on a copy of the bundled site, spoken to with a
//! tiny HTTP client over `TcpStream`.

mod common;

use common::edit;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);

/// A running `plainleaf serve` on a temporary copy of the bundled site.
struct Served {
    dir: tempfile::TempDir,
    child: Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap();
        return;
    }
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn serve() -> Served {
    serve_site(|_| {})
}

/// Serve a copy of the bundled site after `prepare` changed it.
fn serve_site(prepare: impl FnOnce(&Path)) -> Served {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in ["site.yaml", "content", "seeds", "themes", "templates"] {
        if src.join(entry).exists() {
            copy_tree(&src.join(entry), &dir.path().join(entry));
        }
    }
    prepare(dir.path());
    let mut child = common::command()
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let port = loop {
        let line =
            rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("server started");
        if let Some(rest) = line.strip_prefix("Serving ") {
            let after = rest.split("http://127.0.0.1:").nth(1).expect("url in the Serving line");
            break after.split('/').next().unwrap().parse().unwrap();
        }
    };
    Served { dir, child, port }
}

impl Served {
    fn root(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Send a raw request; return status, head and body.
    fn request(&self, method: &str, target: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(stream, "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head, raw[split + 4..].to_vec())
    }

    fn get(&self, target: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", target);
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        write!(stream, "GET /__plainleaf/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut events = Events { stream, buffer: String::new() };
        // Subscribed once the stream says so; edits after this are seen.
        assert!(events.read_until(|b| b.contains(": connected\n\n")), "event stream opened");
        events.buffer.clear();
        events
    }
}

struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    /// Wait for an `error` event whose text contains `says` (a save seen half-written may
    /// show another error first); its text.
    fn error_saying(&mut self, says: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let error = self.next("error");
            if error.contains(says) {
                return error;
            }
            assert!(Instant::now() < deadline, "no error saying {says:?}; last: {error}");
        }
    }

    fn read_until(&mut self, done: impl Fn(&str) -> bool) -> bool {
        let deadline = Instant::now() + WAIT;
        let mut chunk = [0u8; 4096];
        while Instant::now() < deadline {
            if done(&self.buffer) {
                return true;
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return done(&self.buffer),
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(_) => {}
            }
        }
        done(&self.buffer)
    }

    /// Wait for the next event called `name`; its data lines, joined.
    fn next(&mut self, name: &str) -> String {
        let marker = format!("event: {name}\n");
        let found = self.read_until(|b| b.find(&marker).is_some_and(|at| b[at..].contains("\n\n")));
        assert!(found, "no `{name}` event within {WAIT:?}; got {:?}", self.buffer);
        let at = self.buffer.find(&marker).unwrap();
        let end = at + self.buffer[at..].find("\n\n").unwrap();
        let data = self.buffer[at..end]
            .lines()
            .filter_map(|l| l.strip_prefix("data: ").or(l.strip_prefix("data:")))
            .collect::<Vec<_>>()
            .join("\n");
        self.buffer.drain(..end + 2);
        data
    }
}

const PAGE: &str = "content/gene-therapy-basics.md";

#[test]
fn serves_pages_safely() {
    let s = serve();
    let (status, home) = s.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Gene Therapy Explained"));
    assert!(home.contains("/__plainleaf/preview.js"), "live-reload script injected");
    let (status, page) = s.get("/gene-therapy-basics/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>"));
    let (status, _, body) = s.request("GET", "/css/style.css");
    assert_eq!(status, 200);
    assert!(!String::from_utf8_lossy(&body).contains("preview.js"));

    let (status, head, body) = s.request("HEAD", "/");
    assert_eq!(status, 200);
    assert!(head.to_lowercase().contains("content-type: text/html"), "{head}");
    assert!(body.is_empty(), "HEAD has no body");

    let (status, missing) = s.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(missing.contains("<html"), "the site's 404 page");

    for bad in [
        "/../site.yaml",
        "/../../etc/passwd",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/css%2fstyle.css",
        "/css\\style.css",
        "/css%5cstyle.css",
        "//etc/passwd",
        "/site.yaml",
        "/content/gene-therapy-basics.md",
        "/index.html%00",
        "/gene-therapy-basics/../../site.yaml",
    ] {
        let (status, body) = s.get(bad);
        assert_eq!(status, 404, "{bad}");
        assert!(!body.contains("reading_grade:"), "{bad} leaked site.yaml");
    }
    assert_eq!(s.request("POST", "/").0, 405);
    assert_eq!(s.request("DELETE", "/index.html").0, 405);
    let long = format!("/{}", "a".repeat(9000));
    assert_eq!(s.get(&long).0, 414);
    let (status, hints) = s.get("/__plainleaf/hints/gene-therapy-basics.json");
    assert_eq!(status, 200);
    assert!(hints.contains("\"hard_words\""), "{hints}");
}

#[test]
fn pages_reload_after_edits_and_stylesheets_swap() {
    let s = serve();
    let root = s.root();
    let mut events = s.events();

    edit(&root, PAGE, "summary: Gene therapy changes", "summary: Gene therapy can change");
    events.next("reload");
    assert!(s.get("/gene-therapy-basics/").1.contains("Gene therapy can change"), "never stale");

    edit(
        &root,
        "themes/clinic/templates/article.html",
        "<h1>{{ page.title }}</h1>",
        "<h1 class=\"x\">{{ page.title }}</h1>",
    );
    events.next("reload");
    assert!(s.get("/gene-therapy-basics/").1.contains("<h1 class=\"x\">"));

    // Atomic save: write a temporary file, then rename it over the page.
    let text = std::fs::read_to_string(root.join(PAGE)).unwrap();
    let tmp = root.join("content/.gene-therapy-basics.md.tmp");
    std::fs::write(&tmp, text.replace("Gene therapy can change", "Gene therapy may change")).unwrap();
    std::fs::rename(&tmp, root.join(PAGE)).unwrap();
    events.next("reload");
    assert!(s.get("/gene-therapy-basics/").1.contains("Gene therapy may change"));

    edit(&root, "themes/clinic/static/css/style.css", "{", "{ ");
    let version = events.next("css");
    assert!(version.parse::<u64>().is_ok(), "{version}");
}

#[test]
fn build_errors_reach_the_browser_and_clear_when_fixed() {
    let s = serve();
    let root = s.root();
    let mut events = s.events();
    edit(&root, "site.yaml", "title: Gene Therapy Explained", "title: [Gene Therapy Explained");
    let error = events.next("error");
    assert!(error.contains("site.yaml:"), "names the file: {error}");
    assert!(
        error.split("site.yaml:").nth(1).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())),
        "and the line: {error}"
    );
    // The last good site stays up.
    let (status, home) = s.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Gene Therapy Explained"));
    // A page opened now hears about the error at once.
    let mut late = s.events_after_error();
    // First where the site folder is, for the overlay's editor links (a loopback preview).
    let said = late.next("root");
    assert_eq!(std::path::PathBuf::from(&said), std::fs::canonicalize(&root).unwrap(), "{said}");
    assert!(late.next("error").contains("site.yaml:"));

    edit(&root, "site.yaml", "title: [Gene Therapy Explained", "title: Gene Therapy Explained");
    events.next("ok");
}

/// Pages `plainleaf build` refuses, each with what its error says.
const REJECTED: [(&str, &str); 3] = [
    ("See [x](../nowhere/index.html).", "broken link \"../nowhere/index.html\""),
    ("See [x](#no-such-place).", "has no element with id=\"no-such-place\""),
    ("See [x](@/missing.md).", "the link @/missing.md names no page in content/"),
];

/// `plainleaf build` on a copy of the served site (into a folder of its own): its error text.
fn build_error(root: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let output = common::command()
        .args(["build", "--allow-stale", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    assert!(!output.status.success(), "build accepted the page");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_preview_flags_every_page_the_build_rejects() {
    let s = serve();
    let root = s.root();
    let mut events = s.events();
    let original = std::fs::read_to_string(root.join(PAGE)).unwrap();
    for (line, says) in REJECTED {
        std::fs::write(root.join(PAGE), format!("{original}\n{line}\n")).unwrap();
        let error = events.error_saying(says);
        assert!(error.contains("gene-therapy-basics.md"), "and names the file: {error}");
        let built = build_error(&root);
        assert!(built.contains(says), "build rejects {line:?} with the same words: {built}");
        std::fs::write(root.join(PAGE), &original).unwrap();
        events.next("ok");
    }
}

#[test]
fn a_site_broken_from_the_start_shows_its_broken_link() {
    let (line, says) = REJECTED[0];
    let s = serve_site(|root| {
        let text = std::fs::read_to_string(root.join(PAGE)).unwrap();
        std::fs::write(root.join(PAGE), format!("{text}\n{line}\n")).unwrap();
    });
    let mut late = s.events_after_error();
    late.error_saying(says);
    // The page is still served, so the writer can see what the link is on.
    let (status, page) = s.get("/gene-therapy-basics/");
    assert_eq!(status, 200);
    assert!(page.contains("nowhere/index.html"), "the broken page is served");
    assert!(build_error(&s.root()).contains(says));

    let text = std::fs::read_to_string(s.root().join(PAGE)).unwrap();
    std::fs::write(s.root().join(PAGE), text.replace(line, "")).unwrap();
    late.next("ok");
}

impl Served {
    fn events_after_error(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        write!(stream, "GET /__plainleaf/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        Events { stream, buffer: String::new() }
    }
}

/// The body of a chunked response, or None when a chunk is cut short (a partial response).
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        if raw.len() < size + 2 {
            return None;
        }
        body.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

/// Read one HTTP response from a fresh connection: (status, whether the body is complete).
fn fetch_complete(port: u16, target: &str) -> Result<(u16, bool), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(WAIT)).map_err(|e| e.to_string())?;
    write!(stream, "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("no response head")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or("no status")?;
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(&raw[split + 4..]).ok_or("a broken chunked body")?
    } else {
        raw[split + 4..].to_vec()
    };
    let body = &body[..];
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let text = String::from_utf8_lossy(body);
    let complete = match length {
        Some(n) => n == body.len(),
        None => true,
    } && (!target.ends_with('/') || text.trim_end().ends_with("</html>"));
    Ok((status, complete))
}

/// A few thousand concurrent requests while pages are rebuilt, with slow clients that never
/// finish their request and an oversized header: every response is a complete page, and the
/// server keeps answering. Bounded in count and time, on loopback only.
#[test]
fn serves_complete_pages_under_load_while_rebuilding() {
    const CLIENTS: usize = 16;
    const REQUESTS_PER_CLIENT: usize = 250;
    const SLOW_CLIENTS: usize = 20;
    let s = serve();
    let port = s.port;

    // Slow clients: half a request line, then nothing, held open for the whole test.
    let slow: Vec<TcpStream> = (0..SLOW_CLIENTS)
        .map(|_| {
            let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
            c.write_all(b"GET /index.html HT").unwrap();
            c
        })
        .collect();
    // An oversized header: refused or cut off, never a crash.
    {
        let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.set_read_timeout(Some(WAIT)).unwrap();
        let huge = "x".repeat(64 * 1024);
        let _ = write!(c, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Huge: {huge}\r\n\r\n");
        let mut sink = Vec::new();
        let _ = c.read_to_end(&mut sink);
    }

    // Rebuilds while the load runs: a page is edited back and forth.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let page = s.root().join(PAGE);
    let original = std::fs::read_to_string(&page).unwrap();
    let editor = {
        let stop = stop.clone();
        let page = page.clone();
        let original = original.clone();
        std::thread::spawn(move || {
            let mut edits = 0;
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && Instant::now() < deadline {
                let text = format!("{original}\nEdit number {edits} under load.\n");
                std::fs::write(&page, text).unwrap();
                edits += 1;
                std::thread::sleep(Duration::from_millis(25));
            }
            edits
        })
    };

    let started = Instant::now();
    let targets = ["/", "/gene-therapy-basics/", "/glossary/", "/topics/gene-therapy/", "/css/style.css"];
    let workers: Vec<_> = (0..CLIENTS)
        .map(|w| {
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..REQUESTS_PER_CLIENT {
                    let target = targets[(w + i) % targets.len()];
                    match fetch_complete(port, target) {
                        Ok((200, true)) => {}
                        other => failures.push(format!("{target}: {other:?}")),
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    let elapsed = started.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let edits = editor.join().unwrap();
    drop(slow);
    println!(
        "load: {} requests from {CLIENTS} concurrent clients in {:.2} s ({:.0} requests/s), \
         {SLOW_CLIENTS} slow clients held open, {edits} rebuilding edits, {} failed",
        CLIENTS * REQUESTS_PER_CLIENT,
        elapsed.as_secs_f64(),
        (CLIENTS * REQUESTS_PER_CLIENT) as f64 / elapsed.as_secs_f64(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failed or partial responses: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(edits > 0, "pages were rebuilt during the load");
    // Still answering afterwards.
    assert_eq!(s.get("/").0, 200);
}
