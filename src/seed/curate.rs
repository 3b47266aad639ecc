//! Page curation: a page's `fill:` answers the seed's gaps, its `edits:` reword seed text.

use std::collections::{BTreeMap, BTreeSet};

use super::text::{collapse_whitespace, find_loose, loose_key, split_last_sentence};
use super::{BlockKind, Edit, Fill, NormalizedSeed, SeedBlock};

/// Blocks after curation, with what the build should report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curated {
    /// The curated blocks, ready for [`super::to_markdown`].
    pub blocks: Vec<SeedBlock>,
    /// Gaps left open, edits that found nothing, fills that matched no gap.
    pub problems: Vec<CurateProblem>,
}

/// Something a page's curation left unresolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurateProblem {
    /// A gap no fill answered; the line stays as a paragraph (a warning).
    #[error("seed line {line}: \"{text}\" promises a list the seed does not have; add `fill:` for it")]
    UnfilledGap {
        /// 1-based seed line.
        line: usize,
        /// The gap's text (the fill key to use).
        text: String,
    },
    /// An edit whose `find` text is not in the seed (an error).
    #[error("edit {} (`find: \"{find}\"`) matches no text in the seed", index + 1)]
    EditNotFound {
        /// 0-based position in the page's `edits:` list.
        index: usize,
        /// The text that was looked for.
        find: String,
    },
    /// A fill key that matches no gap (a warning: the seed changed or the key has a typo).
    #[error("`fill:` key \"{key}\" matches no gap in the seed")]
    FillUnused {
        /// The key as written in the page.
        key: String,
    },
}

/// Applies a page's fills and edits to normalized blocks.
///
/// Fill keys match a gap's text ignoring a trailing colon, curly versus straight quotes and
/// whitespace runs; a gap line of several sentences ("…proteins. It can:") also answers to its
/// last sentence. `Items` become a bullet list (plain text, escaped when rendered), `Text` is Markdown
/// added as written, `Keep(false)` drops the gap line and `Keep(true)` keeps it as a plain
/// paragraph without a warning. Edits run in order, each on the text the previous ones left,
/// replacing the first match in one block (heading, paragraph or list item; not fills' Markdown).
pub fn curate(seed: &NormalizedSeed, fills: &BTreeMap<String, Fill>, edits: &[Edit]) -> Curated {
    let fill_keys: Vec<(String, &String, &Fill)> = fills.iter().map(|(k, f)| (fill_key(k), k, f)).collect();
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    let mut blocks: Vec<SeedBlock> = Vec::with_capacity(seed.blocks.len());
    for block in &seed.blocks {
        let BlockKind::Gap(gap) = &block.kind else {
            blocks.push(block.clone());
            continue;
        };
        // A gap is its whole line; the key may also be just its last sentence ("It can:").
        let last_sentence = fill_key(split_last_sentence(gap).1);
        let gap_key = fill_key(gap);
        let found = fill_keys.iter().find(|(key, _, _)| *key == gap_key || *key == last_sentence);
        let Some((_, original_key, fill)) = found else {
            problems.push(CurateProblem::UnfilledGap { line: block.line, text: gap.clone() });
            blocks.push(block.clone());
            continue;
        };
        used.insert(*original_key);
        // A fill the skeleton left empty (`- ""`) answers nothing yet: the gap is still open.
        let empty = match fill {
            Fill::Items(items) => items.iter().all(|it| it.trim().is_empty()),
            Fill::Text(markdown) => markdown.trim().is_empty(),
            Fill::Keep(_) => false,
        };
        if empty {
            problems.push(CurateProblem::UnfilledGap { line: block.line, text: gap.clone() });
            blocks.push(block.clone());
            continue;
        }
        let paragraph = SeedBlock { line: block.line, kind: BlockKind::Paragraph(gap.clone()) };
        match fill {
            Fill::Items(items) => {
                let items =
                    items.iter().map(|it| collapse_whitespace(it)).filter(|it| !it.is_empty()).collect();
                blocks.push(paragraph);
                blocks.push(SeedBlock { line: block.line, kind: BlockKind::List { ordered: false, items } });
            }
            Fill::Text(markdown) => {
                blocks.push(paragraph);
                blocks.push(SeedBlock { line: block.line, kind: BlockKind::Markdown(markdown.clone()) });
            }
            Fill::Keep(true) => blocks.push(paragraph),
            Fill::Keep(false) => {}
        }
    }
    for (_, key, _) in &fill_keys {
        if !used.contains(key) {
            problems.push(CurateProblem::FillUnused { key: (*key).clone() });
        }
    }
    for (index, edit) in edits.iter().enumerate() {
        if !apply_edit(&mut blocks, edit) {
            problems.push(CurateProblem::EditNotFound { index, find: edit.find.clone() });
        }
    }
    Curated { blocks, problems }
}

/// The form fill keys and gap texts are compared in.
fn fill_key(text: &str) -> String {
    let key = loose_key(text);
    key.trim_end_matches(':').trim_end().to_string()
}

/// Replaces the first match of `edit.find` in the first block that has one; false if none does.
///
/// A blank line in `edit.replace` splits a paragraph there: a seed's paragraph is one block,
/// and an editor told "this paragraph has 8 sentences" needs a way to make it two. In a
/// heading or a list item the break is a space.
fn apply_edit(blocks: &mut Vec<SeedBlock>, edit: &Edit) -> bool {
    let parts = paragraphs(&edit.replace);
    for at in 0..blocks.len() {
        let line = blocks[at].line;
        let texts: Vec<&mut String> = match &mut blocks[at].kind {
            BlockKind::Heading(t) | BlockKind::Gap(t) => vec![t],
            BlockKind::Paragraph(t) if parts.len() < 2 => vec![t],
            BlockKind::Paragraph(t) => {
                let Some(range) = find_loose(t, &edit.find) else { continue };
                // The paragraph's text before the match joins the first part, after it the last.
                let mut texts = parts.clone();
                texts[0] = format!("{}{}", &t[..range.start], texts[0]);
                let last = texts.len() - 1;
                texts[last] = format!("{}{}", texts[last], &t[range.end..]);
                let split = texts
                    .into_iter()
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .map(|t| SeedBlock { line, kind: BlockKind::Paragraph(t) })
                    .collect::<Vec<_>>();
                blocks.splice(at..=at, split);
                return true;
            }
            BlockKind::List { items, .. } => items.iter_mut().collect(),
            BlockKind::Markdown(_) => Vec::new(),
        };
        for text in texts {
            if let Some(range) = find_loose(text, &edit.find) {
                text.replace_range(range, &parts.join(" "));
                return true;
            }
        }
    }
    false
}

/// A replacement's paragraphs: split at blank lines, each with its whitespace collapsed.
fn paragraphs(replace: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    for line in replace.lines() {
        if line.trim().is_empty() {
            if !parts.last().is_some_and(String::is_empty) {
                parts.push(String::new());
            }
        } else if let Some(last) = parts.last_mut() {
            last.push(' ');
            last.push_str(line);
        }
    }
    let parts: Vec<String> = parts.iter().map(|p| collapse_whitespace(p)).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        vec![String::new()]
    } else {
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(blocks: Vec<(usize, BlockKind)>) -> NormalizedSeed {
        let blocks = blocks.into_iter().map(|(line, kind)| SeedBlock { line, kind }).collect();
        NormalizedSeed { blocks, ..Default::default() }
    }

    fn edit(find: &str, replace: &str) -> Edit {
        Edit { find: find.into(), replace: replace.into() }
    }

    fn texts(blocks: &[SeedBlock]) -> Vec<String> {
        blocks.iter().map(|b| format!("{:?}", b.kind)).collect()
    }

    #[test]
    fn edits_apply_in_order_to_headings_paragraphs_and_items() {
        let s = seed(vec![
            (1, BlockKind::Heading("Stem Cell Therapy".into())),
            (2, BlockKind::Paragraph("The body\u{2019}s  cells mend.".into())),
            (3, BlockKind::List { ordered: false, items: vec!["Modulate immune responses".into()] }),
        ]);
        let edits = [
            edit("Stem Cell", "Stem cell"),
            edit("body's cells", "body's own cells"),
            edit("own cells mend", "own cells heal"),
            edit("Modulate", "Calm"),
            edit("nowhere", "x"),
        ];
        let c = curate(&s, &BTreeMap::new(), &edits);
        assert_eq!(c.blocks[0].kind, BlockKind::Heading("Stem cell Therapy".into()));
        assert_eq!(c.blocks[1].kind, BlockKind::Paragraph("The body's own cells heal.".into()));
        assert_eq!(
            c.blocks[2].kind,
            BlockKind::List { ordered: false, items: vec!["Calm immune responses".into()] }
        );
        assert_eq!(c.problems, vec![CurateProblem::EditNotFound { index: 4, find: "nowhere".into() }]);
    }

    #[test]
    fn a_blank_line_in_a_replacement_splits_the_paragraph() {
        let s = seed(vec![
            (4, BlockKind::Paragraph("Before. One two three. After.".into())),
            (5, BlockKind::List { ordered: false, items: vec!["One two".into()] }),
        ]);
        let c = curate(
            &s,
            &BTreeMap::new(),
            &[edit("One two three.", "One.\n\n  \nTwo\nthree."), edit("One two", "A\n\nB")],
        );
        assert_eq!(
            c.blocks,
            vec![
                SeedBlock { line: 4, kind: BlockKind::Paragraph("Before. One.".into()) },
                SeedBlock { line: 4, kind: BlockKind::Paragraph("Two three. After.".into()) },
                // A list item cannot hold two paragraphs: the break is a space.
                SeedBlock { line: 5, kind: BlockKind::List { ordered: false, items: vec!["A B".into()] } },
            ]
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
    }

    #[test]
    fn only_the_first_occurrence_is_replaced() {
        let s = seed(vec![
            (1, BlockKind::Paragraph("gene gene".into())),
            (2, BlockKind::Paragraph("gene".into())),
        ]);
        let c = curate(&s, &BTreeMap::new(), &[edit("gene", "DNA")]);
        assert_eq!(
            texts(&c.blocks),
            texts(
                &seed(vec![
                    (1, BlockKind::Paragraph("DNA gene".into())),
                    (2, BlockKind::Paragraph("gene".into())),
                ])
                .blocks
            )
        );
    }

    #[test]
    fn fills_match_loosely_and_report_leftovers() {
        let s = seed(vec![
            (3, BlockKind::Gap("Cells change. It can:".into())),
            (7, BlockKind::Gap("Patients\u{2019} benefits include:".into())),
            (9, BlockKind::Gap("Gone:".into())),
            (10, BlockKind::Gap("Risks may include:".into())),
        ]);
        let fills = BTreeMap::from([
            ("It  can:".to_string(), Fill::Items(vec!["Fix genes".into()])),
            ("Patients' benefits include".to_string(), Fill::Text("More *time*.".into())),
            ("Gone:".to_string(), Fill::Keep(false)),
            ("Typo:".to_string(), Fill::Keep(false)),
        ]);
        let c = curate(&s, &fills, &[]);
        let kinds: Vec<&BlockKind> = c.blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                &BlockKind::Paragraph("Cells change. It can:".into()),
                &BlockKind::List { ordered: false, items: vec!["Fix genes".into()] },
                &BlockKind::Paragraph("Patients\u{2019} benefits include:".into()),
                &BlockKind::Markdown("More *time*.".into()),
                &BlockKind::Gap("Risks may include:".into()),
            ]
        );
        assert_eq!(
            c.problems,
            vec![
                CurateProblem::UnfilledGap { line: 10, text: "Risks may include:".into() },
                CurateProblem::FillUnused { key: "Typo:".into() },
            ]
        );
    }

    #[test]
    fn an_empty_fill_still_reports_its_gap() {
        let s = seed(vec![(4, BlockKind::Gap("Symptoms include:".into()))]);
        for fill in [Fill::Items(vec!["".into(), "  ".into()]), Fill::Text(" ".into())] {
            let fills = BTreeMap::from([("Symptoms include:".to_string(), fill)]);
            let c = curate(&s, &fills, &[]);
            assert_eq!(
                c.problems,
                vec![CurateProblem::UnfilledGap { line: 4, text: "Symptoms include:".into() }]
            );
            assert_eq!(c.blocks[0].kind, BlockKind::Gap("Symptoms include:".into()));
        }
    }

    #[test]
    fn problems_read_well() {
        let p = CurateProblem::EditNotFound { index: 0, find: "x".into() };
        assert_eq!(p.to_string(), "edit 1 (`find: \"x\"`) matches no text in the seed");
    }
}
