//! `plainleaf serve`: build the site in memory, serve it, and rebuild what changed on every save.
//! Open pages reload by themselves, show build errors (broken links included) in place, and
//! offer writing hints. Nothing is written to the output folder. The rebuilds are the live
//! pipeline's ([`crate::pipeline::live`]) with a memory sink; this module only turns each run
//! into what the browser sees.

pub mod reload;
pub mod server;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{Diagnostic, Failed};
use crate::pipeline::incremental::{Applied, LiveSite, Outcome};
use crate::pipeline::live::{rebuild_on_changes, Live, Report};
use crate::pipeline::{merge, watch, BuildOptions, Sink};
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
    let files: HashMap<String, Arc<[u8]>> = merge(preview.statics().iter(), preview.files().iter())
        .into_iter()
        .map(|(path, bytes)| (path.clone(), bytes.clone()))
        .collect();
    Snapshot { files, hints: preview.hints().clone(), built: true }
}

/// Bring a served version up to date with a partial rebuild: only the files it changed.
fn apply_to_snapshot(snapshot: &mut Snapshot, preview: &LiveSite, applied: &Applied) {
    for path in &applied.changed {
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

/// The text the browser's overlay shows for a list of problems.
pub fn error_text(list: &[Diagnostic]) -> String {
    list.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

/// Show one run of the pipeline in the browser: the new files, then reload, swap the
/// stylesheets, or show (or clear) the error overlay. A run whose links are broken is
/// served as built and shown with its errors, as `build` would refuse it.
pub fn show(state: &State, live: &Live, report: &Report) {
    let step = match &report.result {
        Ok(step) => step,
        Err(Failed(list)) => return state.hub.error(error_text(list)),
    };
    let Some(site) = live.site() else { return };
    if step.whole {
        state.publish(snapshot_of(site));
    } else {
        state.update(|snapshot| apply_to_snapshot(snapshot, site, &step.applied));
    }
    if !step.broken.is_empty() {
        state.hub.error(error_text(&step.broken));
    } else if state.hub.current_error().is_some() {
        state.hub.ok();
    } else if report.trigger.is_some() {
        match step.applied.outcome {
            Outcome::Reload => state.hub.reload(),
            Outcome::Css => state.hub.css(),
            Outcome::Unchanged => {}
        }
    }
}

/// A preview server running in the background.
#[derive(Debug)]
pub struct Running {
    /// The port it listens on (another than the one asked for when that was taken).
    pub port: u16,
    /// The address to open.
    pub url: String,
    /// The site's title (or "the site" when it has not built yet).
    pub title: String,
    /// Whether other computers on the network can see the preview (not bound to loopback).
    pub shared: bool,
    /// The rebuild loop; it ends when the watcher stops.
    pub rebuilds: std::thread::JoinHandle<()>,
}

/// Build, listen and watch; requests and rebuilds run on background threads. `report` hears
/// about the first build (before this returns) and every rebuild after it.
pub fn start(
    options: &ServeOptions,
    mut report: impl FnMut(&Report) + Send + 'static,
) -> Result<Running, Failed> {
    if !options.root.join(crate::load::SITE_FILE).is_file() {
        return Err(crate::pipeline::stages::not_a_site(&options.root).into());
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
    // Editor links open files on this machine: a preview shared on the network gets none.
    if ip.is_loopback() {
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        state.hub.set_root(&root);
    }
    let mut live = Live::new(build, Sink::Memory);
    let first = Report { trigger: None, result: live.build_all() };
    show(&state, &live, &first);
    report(&first);

    let (server, port) = bind(ip, options.port)?;
    let server = Arc::new(server);
    let shown_ip = if ip.is_unspecified() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { ip };
    let url = format!("http://{}/", SocketAddr::new(shown_ip, port));
    let title = live.site().map(|p| p.site().config.title.clone()).unwrap_or_else(|| "the site".into());
    let _workers = server::spawn_workers(server, state.clone(), WORKERS);
    let rebuilds = std::thread::spawn(move || {
        rebuild_on_changes(&mut live, &watching, |live, run| {
            show(&state, live, run);
            report(run);
        })
    });
    Ok(Running { port, url, title, shared: !ip.is_loopback(), rebuilds })
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
