//! `plainleaf serve`: build the site in memory, serve it, and rebuild what changed on every save.
//! Open pages reload by themselves, show build errors in place, and offer writing hints.
//! Nothing is written to the output folder.

pub mod hints;
pub mod reload;
pub mod server;

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::build::BuildOptions;
use crate::error::{Diagnostic, Failed};
use crate::live::rebuild::{self, Change, LiveSite, Outcome};
use crate::live::watch;
use server::{Snapshot, State};

/// How many extra ports to try when the asked-for one is taken.
pub const PORT_TRIES: u16 = 10;
/// Request-handling threads.
const WORKERS: usize = 4;

/// What `plainleaf serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The port to listen on (0: any free port).
    pub port: u16,
    /// The address to listen on.
    pub bind: String,
    /// Open the preview in the browser.
    pub open: bool,
    /// Include draft pages.
    pub drafts: bool,
    /// Use this theme instead of the one in `site.yaml`.
    pub theme: Option<String>,
}

/// The build options the preview uses.
pub fn build_options(options: &ServeOptions) -> BuildOptions {
    BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: None,
        drafts: options.drafts,
        theme: options.theme.clone(),
        preview: true,
        // A preview should show an overdue page, not refuse to start.
        allow_stale: true,
        strict: false,
        prose_checks: false,
    }
}

/// The served version of a built preview.
pub fn snapshot_of(preview: &LiveSite) -> Snapshot {
    let mut files = preview.statics().clone();
    // Pages win over static files of the same name, as in a written build.
    files.extend(preview.files().iter().map(|(k, v)| (k.clone(), v.clone())));
    Snapshot { files, hints: preview.hints().clone(), built: true }
}

/// Bring a served version up to date with a partial rebuild: only the files it changed.
fn apply_to_snapshot(snapshot: &mut Snapshot, preview: &LiveSite, applied: &rebuild::Applied) {
    for path in &applied.changed {
        // Pages win over static files of the same name, as in `snapshot_of`.
        if let Some(bytes) = preview.files().get(path).or_else(|| preview.statics().get(path)) {
            snapshot.files.insert(path.clone(), bytes.clone());
        }
    }
    for path in &applied.removed {
        snapshot.files.remove(path);
    }
    for slug in &applied.edited {
        if let Some(hints) = preview.hints().get(slug) {
            snapshot.hints.insert(slug.clone(), hints.clone());
        }
    }
}

fn print_all(list: &[Diagnostic]) {
    for d in list {
        eprintln!("{d}");
    }
}

fn error_text(list: &[Diagnostic]) -> String {
    list.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

/// A preview server running in the background.
#[derive(Debug)]
pub struct Running {
    /// The port it listens on.
    pub port: u16,
    /// The address to open.
    pub url: String,
    /// The site's title (or "the site" when it has not built yet).
    pub title: String,
    /// The rebuild loop; it ends when the watcher stops.
    pub rebuilds: std::thread::JoinHandle<()>,
}

/// Run the preview server until Ctrl-C.
pub fn run(options: &ServeOptions) -> Result<(), Failed> {
    let running = start(options)?;
    println!("Serving {} at {} (Ctrl-C to stop)", running.title, running.url);
    // Ctrl-C: nothing to clean up (nothing is written), so leave at once and say so.
    let _ = ctrlc::set_handler(|| {
        eprintln!("\nstopped");
        std::process::exit(0);
    });
    if options.open {
        open_browser(&running.url);
    }
    let _ = running.rebuilds.join();
    Ok(())
}

/// Build, listen and watch; requests and rebuilds run on background threads.
pub fn start(options: &ServeOptions) -> Result<Running, Failed> {
    if !options.root.join(crate::load::SITE_FILE).is_file() {
        return Err(crate::build::not_a_site(&options.root).into());
    }
    let ip = parse_bind(&options.bind)?;
    let build = build_options(options);

    // Watch before the first build, so a save during it is not lost.
    let watching = watch::start(watch::WatchOptions {
        root: options.root.clone(),
        ignored: vec![build.output_dir(), options.root.join("target")],
        quiet: watch::QUIET,
    })?;

    let state = Arc::new(State::new());
    let started = Instant::now();
    let preview = match LiveSite::build(&build) {
        Ok(preview) => {
            print_all(preview.warnings());
            println!(
                "built {} pages ({} articles) in memory in {} ms",
                preview.files().keys().filter(|p| p.ends_with(".html")).count(),
                preview.articles().len(),
                started.elapsed().as_millis()
            );
            state.publish(snapshot_of(&preview));
            Some(preview)
        }
        Err(Failed(list)) => {
            print_all(&list);
            eprintln!("the site does not build yet; the preview shows the error until you fix it");
            state.hub.error(error_text(&list));
            None
        }
    };

    let (server, port) = bind(ip, options.port)?;
    let server = Arc::new(server);
    if !ip.is_loopback() {
        eprintln!(
            "warning: --bind {ip} lets other computers on the network see this preview, drafts included\n  \
             help: use the default (127.0.0.1) unless you mean to share it"
        );
    }
    let shown_ip = if ip.is_unspecified() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { ip };
    let url = format!("http://{}/", SocketAddr::new(shown_ip, port));
    let title = preview.as_ref().map(|p| p.site().config.title.clone()).unwrap_or_else(|| "the site".into());
    let _workers = server::spawn_workers(server, state.clone(), WORKERS);
    let rebuilds = std::thread::spawn(move || rebuild_loop(watching, preview, build, state));
    Ok(Running { port, url, title, rebuilds })
}

/// Rebuild on every batch of changes and tell the open pages.
fn rebuild_loop(
    watching: watch::Watching,
    mut preview: Option<LiveSite>,
    build: BuildOptions,
    state: Arc<State>,
) {
    let mut pending: BTreeSet<Change> = BTreeSet::new();
    for batch in watching.changes.iter() {
        let started = Instant::now();
        pending.extend(batch.iter().filter_map(|rel| rebuild::classify(rel)));
        if pending.is_empty() {
            continue;
        }
        let changes: Vec<Change> = pending.iter().cloned().collect();
        let result = match preview.as_mut() {
            Some(p) => p.apply(&changes),
            None => LiveSite::build(&build).map(|p| {
                let warnings = p.warnings().to_vec();
                preview = Some(p);
                rebuild::Applied {
                    outcome: Outcome::Reload,
                    warnings,
                    full: true,
                    processed: 0,
                    rendered: 0,
                    changed: Vec::new(),
                    removed: Vec::new(),
                    edited: Vec::new(),
                    previous: std::collections::HashMap::new(),
                }
            }),
        };
        let what = batch.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        match result {
            Ok(applied) => {
                let Some(p) = preview.as_ref() else { continue };
                pending.clear();
                if applied.full && !applied.warnings.is_empty() {
                    // The full list was printed at start; repeating it on every save buries the news.
                    eprintln!("{} warnings (run `plainleaf build` to list them)", applied.warnings.len());
                } else {
                    print_all(&applied.warnings);
                }
                if applied.full {
                    state.publish(snapshot_of(p));
                } else {
                    state.update(|snapshot| apply_to_snapshot(snapshot, p, &applied));
                }
                let millis = started.elapsed().as_millis();
                if applied.full {
                    println!("changed {what}: rebuilt the site in {millis} ms");
                } else {
                    println!(
                        "changed {what}: {} page{} processed, {} rendered in {millis} ms",
                        applied.processed,
                        if applied.processed == 1 { "" } else { "s" },
                        applied.rendered
                    );
                }
                if state.hub.current_error().is_some() {
                    state.hub.ok();
                } else {
                    match applied.outcome {
                        Outcome::Reload => state.hub.reload(),
                        Outcome::Css => state.hub.css(),
                        Outcome::Unchanged => {}
                    }
                }
            }
            Err(Failed(list)) => {
                print_all(&list);
                eprintln!(
                    "changed {what}: the site does not build; the preview keeps the last version that did"
                );
                state.hub.error(error_text(&list));
            }
        }
    }
}

/// The address to listen on; `localhost` means the IPv4 loopback.
fn parse_bind(bind: &str) -> Result<IpAddr, Failed> {
    if bind.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    bind.trim_start_matches('[').trim_end_matches(']').parse().map_err(|_| {
        Diagnostic::error(None, format!("--bind {bind:?} is not an IP address"))
            .with_hint("use 127.0.0.1 (this computer only) or 0.0.0.0 (every network)")
            .into()
    })
}

/// Listen on `port`, or the next free one of the following [`PORT_TRIES`].
fn bind(ip: IpAddr, port: u16) -> Result<(tiny_http::Server, u16), Failed> {
    let last = if port == 0 { 0 } else { port.saturating_add(PORT_TRIES) };
    let mut tried = port;
    loop {
        match tiny_http::Server::http(SocketAddr::new(ip, tried)) {
            Ok(server) => {
                let actual = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(tried);
                if tried != port {
                    eprintln!("port {port} is in use; using port {actual}");
                }
                return Ok((server, actual));
            }
            Err(e) => {
                let in_use = e
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse);
                if !in_use || tried >= last {
                    let what = if in_use {
                        format!("ports {port} to {last} are all in use")
                    } else {
                        format!("cannot listen on {}: {e}", SocketAddr::new(ip, tried))
                    };
                    return Err(Diagnostic::error(None, what)
                        .with_hint("pass another port with --port, or stop the other server")
                        .into());
                }
                tried += 1;
            }
        }
    }
}

/// Open the preview in the default browser; a failure only means the writer opens it by hand.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let _ = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
