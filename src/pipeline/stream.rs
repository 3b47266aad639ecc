//! The one-shot build into a disk sink, streamed: index pages first, then articles in
//! batches, each batch rendered, link-scanned, minified and written in parallel and its bytes
//! dropped, so peak memory follows the batch, not the site. The link check keeps only each
//! page's ids and the links it could not check yet ([`crate::output::links::LinkCheck`]);
//! everything goes to a [`Staging`] folder that is swapped in only when the whole site
//! (links included) is good, and is deleted otherwise.

use std::path::Path;

use rayon::prelude::*;

use super::stages::{load_and_transform, publish, Bodies, Transformed};
use super::{hold_writes, sources_of, BuildOptions, RenderedSite, StageClock};
use crate::error::{Diagnostic, Failed};
use crate::output::links::{LinkCheck, PageLinks};
use crate::output::write::{Staging, WriteStats};
use crate::output::OutputFile;
use crate::render::{language_models, pair_models, render_languages, IndexPages, ModelParts, SiteModel};

/// Articles rendered and written together: enough to keep both cores busy, few enough that
/// their pages are a small part of the memory.
const BATCH: usize = 256;

/// Render, check and write the site into `output`; the rendered site comes back without its
/// files (they are on disk), with the number of HTML pages in `pages`.
pub(super) fn build_to_disk(
    options: &BuildOptions,
    output: &Path,
) -> Result<(RenderedSite, WriteStats), Failed> {
    let mut clock = StageClock::start();
    let Transformed { site, theme, mut articles, render_options, mut warnings } =
        load_and_transform(options, Bodies::DropAndPack, &mut clock)?;
    let mut models = language_models(&site.config, &articles, &site.glossary, &site.glossaries);
    let pairing =
        site.config.is_multilingual().then(|| pair_models(&site.config, &articles, &models, &theme));
    for model in &mut models {
        model.lang.pairing = pairing.as_ref();
    }
    clock.lap("site model");
    let sources = sources_of(&articles);
    let mut check = LinkCheck::new(render_options.base_url.as_deref(), &sources);
    let staging = Staging::begin(&options.root, output)?;
    let statics = theme.static_files.clone();
    let minify = site.config.minify;

    // Static files first (a page of the same name, written later, wins), and every path the
    // pages will have, so most links are checked the moment their page is scanned.
    check.add_paths(statics.iter().map(|s| s.output_path.as_str()));
    let article_paths: Vec<String> = articles.iter().map(|a| crate::article::article_url(&a.slug)).collect();
    check.add_paths(article_paths.iter().map(String::as_str));
    drop(article_paths);
    for s in &statics {
        staging.put(&s.output_path, &s.bytes)?;
    }
    let static_pages: Vec<PageLinks> = statics
        .par_iter()
        .filter(|s| s.output_path.ends_with(".html"))
        .map(|s| check.scan_page(&s.output_path, &String::from_utf8_lossy(&s.bytes)))
        .collect();
    for page in static_pages {
        check.add(page);
    }

    // Index pages next: articles link to them (the glossary's anchors above all), so their
    // ids are known when the articles are scanned.
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut page_paths: Vec<String> = Vec::new();
    let mut emit = |files: Vec<OutputFile>, check: &mut LinkCheck| -> Result<(), Failed> {
        page_paths.extend(files.iter().map(|f| f.path.clone()));
        let shared: &LinkCheck = check;
        let done: Vec<Result<PageLinks, Diagnostic>> = files
            .into_par_iter()
            .map(|mut file| {
                let links = shared.scan_page(&file.path, &String::from_utf8_lossy(&file.bytes));
                if minify {
                    crate::output::minify_pages(std::slice::from_mut(&mut file));
                }
                staging.put(&file.path, &file.bytes)?;
                Ok(links)
            })
            .collect();
        for res in done {
            check.add(res.map_err(|d| Failed(vec![d]))?);
        }
        Ok(())
    };
    match render_languages(&models, &theme, &render_options, &[], &IndexPages::All) {
        Ok(files) => emit(files, &mut check)?,
        Err(e) => errors.extend(e),
    }
    // Each batch's article bodies are dropped once their pages are written: the models are
    // taken apart (cheaply) so the articles can change between batches.
    let shape: Vec<(String, std::ops::Range<usize>)> = models
        .iter()
        .map(|m| (m.lang.language.clone(), m.lang.offset..m.lang.offset + m.articles.len()))
        .collect();
    let mut parts: Vec<ModelParts> = models.into_iter().map(SiteModel::into_parts).collect();
    let order: Vec<usize> = (0..articles.len()).collect();
    for batch in order.chunks(BATCH) {
        if let (Some(&first), Some(&last)) = (batch.first(), batch.last()) {
            articles[first..=last].par_iter_mut().for_each(crate::article::Article::unpack_html);
        }
        let models: Vec<SiteModel> = shape
            .iter()
            .zip(parts)
            .map(|((language, range), parts)| {
                let glossary = site.glossary_for(language);
                let mut model =
                    SiteModel::from_parts(&site.config, &articles[range.clone()], glossary, parts)
                        .in_language(language, range.start);
                model.lang.pairing = pairing.as_ref();
                model
            })
            .collect();
        match render_languages(&models, &theme, &render_options, batch, &IndexPages::None) {
            Ok(files) => emit(files, &mut check)?,
            Err(e) => errors.extend(e),
        }
        parts = models.into_iter().map(SiteModel::into_parts).collect();
        for &i in batch {
            articles[i].content_html = String::new();
        }
    }
    drop(parts);
    if !errors.is_empty() {
        // One template error repeats in every batch; say it once.
        let mut unique: Vec<Diagnostic> = Vec::new();
        for d in errors {
            if !unique.iter().any(|u| u.message == d.message && u.location == d.location) {
                unique.push(d);
            }
        }
        return Err(Failed(unique));
    }
    clock.lap("render, check and write pages");

    let paths: Vec<&str> = page_paths.iter().map(String::as_str).collect();
    let generated = publish(&site, &render_options, &articles, &statics, &paths, &mut warnings);
    check.add_paths(generated.iter().map(|f| f.path.as_str()));
    generated.par_iter().try_for_each(|f| staging.put(&f.path, &f.bytes))?;
    let pages = page_paths.iter().filter(|p| p.ends_with(".html")).count();
    drop(generated);
    clock.lap("search, sitemap, feed");
    let broken = check.finish();
    if !broken.is_empty() {
        return Err(Failed(broken));
    }
    clock.lap("check links");
    if options.strict && warnings.iter().any(Diagnostic::fails_strict) {
        return Err(Failed(super::strict_failure(warnings)));
    }
    let stats = {
        let _writing = hold_writes();
        staging.finish()?
    };
    clock.lap("swap in");
    let rendered =
        RenderedSite { site, articles, files: Vec::new(), pages, statics, warnings, timings: clock.laps };
    Ok((rendered, stats))
}
