//! Handouts as PDF files, printed by a locally installed Chromium or Chrome in headless mode
//! (`--print-to-pdf`), one browser process per page, a few at a time. The build never needs
//! a browser; only `plainleaf handouts` does.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::Diagnostic;

/// Browser program names looked for on `PATH`, in order.
pub const BROWSER_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
];

/// Where Chrome and Edge install themselves outside `PATH` (macOS, Windows).
const BROWSER_PLACES: &[&str] = &[
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
];

/// How long one page may take to print before the browser is stopped.
const PRINT_TIMEOUT: Duration = Duration::from_secs(60);

/// The hint every "no browser" error ends with.
pub const INSTALL_HINT: &str = "install Chromium, e.g. apt-get install chromium, or pass --browser";

/// The browser to print with: `given` (`--browser`) when set, else the first of
/// [`BROWSER_NAMES`] on `path` (the `PATH` variable's value), else a known install place.
pub fn find_browser(given: Option<&Path>, path: Option<&std::ffi::OsStr>) -> Result<PathBuf, Diagnostic> {
    if let Some(browser) = given {
        return if browser.is_file() {
            Ok(browser.to_path_buf())
        } else {
            Err(Diagnostic::error(
                None,
                format!("--browser {}: there is no program at that path", browser.display()),
            )
            .with_hint(INSTALL_HINT))
        };
    }
    let dirs: Vec<PathBuf> = path.map(|p| std::env::split_paths(p).collect()).unwrap_or_default();
    let exe = std::env::consts::EXE_SUFFIX;
    let on_path = BROWSER_NAMES
        .iter()
        .flat_map(|name| dirs.iter().map(move |d| d.join(format!("{name}{exe}"))))
        .find(|p| p.is_file());
    on_path.or_else(|| BROWSER_PLACES.iter().map(PathBuf::from).find(|p| p.is_file())).ok_or_else(|| {
        Diagnostic::error(
            None,
            format!(
                "printing handouts needs Chromium or Chrome, and none was found (looked for {} on PATH)",
                BROWSER_NAMES.join(", ")
            ),
        )
        .with_hint(INSTALL_HINT)
    })
}

/// One page to print.
#[derive(Debug, Clone)]
pub struct PrintJob {
    /// The built page (an HTML file on disk).
    pub page: PathBuf,
    /// The PDF to write.
    pub pdf: PathBuf,
}

/// A PDF written.
#[derive(Debug, Clone)]
pub struct Printed {
    /// The PDF file.
    pub pdf: PathBuf,
    /// Its number of pages.
    pub pages: usize,
}

/// A `file://` URL of an absolute path, with everything but unreserved characters and `/`
/// percent-encoded (a site folder may have spaces or accents in its name).
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from(if text.starts_with('/') { "file://" } else { "file:///" });
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// The number of pages of a PDF as Chromium writes it (each page object is
/// `/Type /Page`, the page tree `/Type /Pages`).
pub fn pdf_page_count(pdf: &[u8]) -> usize {
    let mut count = 0;
    let mut rest = pdf;
    while let Some(at) = find(rest, b"/Type") {
        rest = &rest[at + 5..];
        let after = rest.iter().position(|b| !b.is_ascii_whitespace()).map_or(rest, |i| &rest[i..]);
        if after.starts_with(b"/Page") && !after.starts_with(b"/Pages") {
            count += 1;
        }
    }
    count
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether this process runs as root, where Chromium's sandbox refuses to start.
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Print one page with a fresh browser profile in `scratch`, waiting at most [`PRINT_TIMEOUT`].
fn print_one(browser: &Path, job: &PrintJob, scratch: &Path) -> Result<Printed, Diagnostic> {
    let failed = |why: String| {
        Diagnostic::error(None, format!("printing {} failed: {why}", job.page.display()))
            .with_hint("check that the browser starts: run it with --version; or pass another with --browser")
    };
    std::fs::create_dir_all(scratch).map_err(|e| failed(e.to_string()))?;
    // Another language's pages go in its folder (`es/terapia-genica.pdf`).
    if let Some(folder) = job.pdf.parent() {
        std::fs::create_dir_all(folder).map_err(|e| failed(e.to_string()))?;
    }
    let _ = std::fs::remove_file(&job.pdf);
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-pdf-header-footer",
        "--print-to-pdf-no-header",
    ]);
    if running_as_root() {
        command.arg("--no-sandbox");
    }
    command
        .arg(format!("--user-data-dir={}", scratch.display()))
        .arg(format!("--print-to-pdf={}", job.pdf.display()))
        .arg(file_url(&job.page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child =
        command.spawn().map_err(|e| failed(format!("{} did not start: {e}", browser.display())))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!("the browser took over {} s", PRINT_TIMEOUT.as_secs())));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(25)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    let bytes = std::fs::read(&job.pdf).map_err(|_| {
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
        }
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string();
        failed(format!(
            "the browser wrote no PDF ({status}{}{last})",
            if last.is_empty() { "" } else { ": " }
        ))
    })?;
    Ok(Printed { pdf: job.pdf.clone(), pages: pdf_page_count(&bytes) })
}

/// Print every job, up to `parallel` browsers at a time, each with its own profile folder
/// under `scratch`; results in the jobs' order. Every failure is collected.
pub fn print_all(
    browser: &Path,
    jobs: &[PrintJob],
    parallel: usize,
    scratch: &Path,
) -> Result<Vec<Printed>, Vec<Diagnostic>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<Printed, Diagnostic>>>> =
        jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for worker in 0..parallel.clamp(1, jobs.len().max(1)) {
            let (next, results) = (&next, &results);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(job) = jobs.get(i) else { break };
                let done = print_one(browser, job, &scratch.join(format!("profile-{worker}-{i}")));
                *results[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(done);
            });
        }
    });
    let mut printed = Vec::new();
    let mut errors = Vec::new();
    for slot in results {
        match slot.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(Ok(p)) => printed.push(p),
            Some(Err(d)) => errors.push(d),
            None => {}
        }
    }
    if errors.is_empty() {
        Ok(printed)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(file_url(Path::new("/tmp/my site/a/index.html")), "file:///tmp/my%20site/a/index.html");
        assert_eq!(file_url(Path::new("C:\\Sites\\a.html")), "file:///C:/Sites/a.html");
    }

    #[test]
    fn pages_are_counted_not_the_page_tree() {
        let pdf = b"1 0 obj <</Type /Pages /Count 2>> 2 0 obj <</Type /Page>> 3 0 obj <</Type/Page /X 1>>";
        assert_eq!(pdf_page_count(pdf), 2);
    }

    #[test]
    fn a_missing_browser_says_what_to_install() {
        let err = find_browser(Some(Path::new("/nonexistent/chromium")), None).unwrap_err();
        assert_eq!(err.hint.as_deref(), Some(INSTALL_HINT));
        let empty = tempfile::tempdir().unwrap();
        let found = find_browser(None, Some(empty.path().as_os_str()));
        // A machine may have Chrome in a fixed install place; otherwise the hint is given.
        if let Err(err) = found {
            assert!(err.message.contains("none was found"), "{err}");
            assert_eq!(err.hint.as_deref(), Some(INSTALL_HINT));
        }
    }
}
