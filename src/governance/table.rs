//! `plainleaf review` as a terminal table or as CSV (one row per page, for a spreadsheet).

use std::fmt::Write;

use super::{status_label, PageFacts, ReviewReport};

/// The columns of the table and the CSV, in order.
pub const COLUMNS: [&str; 13] = [
    "status",
    "next review",
    "days",
    "last review",
    "title",
    "path",
    "language",
    "owner",
    "reviewer",
    "grade",
    "target",
    "unfinished",
    "translations",
];

/// One page's cells, as [`COLUMNS`] names them.
pub fn cells(p: &PageFacts) -> [String; 13] {
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut unfinished: Vec<String> = p.missing_parts.iter().map(|m| format!("no {m}")).collect();
    if !p.unfilled_gaps.is_empty() {
        let n = p.unfilled_gaps.len();
        unfinished.push(format!("{n} unfilled gap{}", if n == 1 { "" } else { "s" }));
    }
    let translations: Vec<String> = p
        .translations
        .iter()
        .map(|t| {
            let what = if t.role == "source" { "translates" } else { "translation" };
            format!("{} {what}{}", t.language, if t.stale { " (stale)" } else { "" })
        })
        .collect();
    [
        status_label(p.status).to_string(),
        date(p.next_review),
        p.days_to_review.map(|d| d.to_string()).unwrap_or_default(),
        date(p.last_review),
        p.title.clone(),
        p.path.clone(),
        p.language.clone(),
        p.owner.clone().unwrap_or_default(),
        p.reviewer.clone().unwrap_or_default(),
        format!("{:.1}", p.grade),
        format!("{:.1}", p.target_grade),
        unfinished.join("; "),
        translations.join("; "),
    ]
}

/// The report as a table for a terminal: the columns people scan, then the totals.
pub fn render_table(report: &ReviewReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} pages on {}", report.site, report.date);
    let _ = writeln!(
        out,
        "{:<15} {:<10} {:>5}  {:<36} {:<26} {:<28} {:>5}  unfinished",
        "status", "next", "days", "title", "owner", "reviewer", "grade"
    );
    for p in &report.pages {
        let c = cells(p);
        let mark = if p.meets_target { " " } else { "!" };
        let mut last = c[11].clone();
        if !c[12].is_empty() {
            last = if last.is_empty() { c[12].clone() } else { format!("{last}; {}", c[12]) };
        }
        let _ = writeln!(
            out,
            "{:<15} {:<10} {:>5}  {:<36} {:<26} {:<28} {:>4}{mark}  {}",
            c[0],
            c[1],
            c[2],
            clip(&c[4], 36),
            clip(&c[7], 26),
            clip(&c[8], 28),
            c[9],
            last
        );
    }
    let n = &report.counts;
    let _ = writeln!(
        out,
        "{} pages: {} overdue, {} never reviewed, {} due soon, {} ok; {} above their reading target (!)",
        n.pages, n.overdue, n.never_reviewed, n.due_soon, n.ok, n.over_target
    );
    out
}

/// The report as CSV (RFC 4180: commas, quoted fields, CRLF line ends).
pub fn render_csv(report: &ReviewReport) -> String {
    let mut out = String::new();
    let line = |fields: &mut dyn Iterator<Item = String>| {
        let quoted: Vec<String> = fields.map(|f| csv_field(&f)).collect();
        format!("{}\r\n", quoted.join(","))
    };
    out.push_str(&line(&mut COLUMNS.iter().map(|c| c.to_string())));
    for p in &report.pages {
        out.push_str(&line(&mut cells(p).into_iter()));
    }
    out
}

/// A CSV field, quoted when it holds a comma, quote or line break. A leading `=`, `+`, `-`
/// or `@` is prefixed with `'` so a spreadsheet does not run it as a formula.
fn csv_field(field: &str) -> String {
    let field =
        if field.starts_with(['=', '+', '@']) || (field.starts_with('-') && field.parse::<f64>().is_err()) {
            format!("'{field}")
        } else {
            field.to_string()
        };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-30"), "-30");
        assert_eq!(csv_field("-cmd"), "'-cmd");
    }
}
