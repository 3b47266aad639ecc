//! `plainleaf review --html FILE`: the review dashboard as one self-contained HTML file
//! (styles and script inline, nothing fetched), so it opens from `file://`, can be mailed to
//! a content lead, and never needs the site to be published. The table is plain HTML, so it
//! reads without JavaScript; the script adds sorting by any column and filtering.

use std::fmt::Write;

use super::table::cells;
use super::{status_label, PageFacts, ReviewReport};
use crate::output::sitemap::xml_escape as esc;

/// The dashboard page.
pub fn render_html(report: &ReviewReport) -> String {
    let mut html = String::new();
    let title = format!("Review dashboard: {}", report.site);
    let n = &report.counts;
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>{title}</h1>\n\
         <p>Review status on <strong>{date}</strong>: {pages} pages, {overdue} overdue, {never} never reviewed, \
         {soon} due soon, {ok} in date; {over} read above their target.</p>\n",
        title = esc(&title),
        date = report.date,
        pages = n.pages,
        overdue = n.overdue,
        never = n.never_reviewed,
        soon = n.due_soon,
        ok = n.ok,
        over = n.over_target,
    );
    html.push_str(FILTERS);
    html.push_str(
        "<div class=\"scroll\" role=\"region\" aria-labelledby=\"pages-caption\" tabindex=\"0\">\n<table id=\"pages\">\n\
         <caption id=\"pages-caption\">Pages, most urgent first. Choose a column heading to sort by it.</caption>\n<thead><tr>",
    );
    for (i, name) in HEADINGS.iter().enumerate() {
        let _ = write!(
            html,
            "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" data-col=\"{i}\">{name}</button></th>"
        );
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for page in &report.pages {
        row(&mut html, page);
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html.push_str(
        "<p class=\"note\">Days: until the next review (negative: days overdue). Grade: Flesch-Kincaid \
         reading grade of the page as published, against its target. Made by <code>plainleaf review</code>; \
         this file is not part of the published site.</p>\n</main>\n",
    );
    let _ = write!(html, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    html
}

const HEADINGS: [&str; 9] = [
    "Status",
    "Next review",
    "Days",
    "Page",
    "Owner",
    "Signed off by",
    "Grade",
    "Unfinished",
    "Translations",
];

fn row(html: &mut String, p: &PageFacts) {
    let c = cells(p);
    let rank = match p.status {
        "overdue" => 0,
        "never_reviewed" => 1,
        "due_soon" => 2,
        _ => 3,
    };
    let _ = write!(
        html,
        "<tr data-status=\"{}\" data-over=\"{}\">",
        esc(p.status),
        if p.meets_target { "no" } else { "yes" }
    );
    let _ = write!(
        html,
        "<td data-sort=\"{rank}\"><span class=\"status s-{}\">{}</span></td>",
        esc(p.status),
        status_label(p.status)
    );
    let _ = write!(html, "<td data-sort=\"{}\">{}</td>", esc(&c[1]), esc(&c[1]));
    let days = p.days_to_review.map_or(String::new(), |d| d.to_string());
    let _ = write!(html, "<td data-sort=\"{}\" class=\"num\">{}</td>", esc(&days), esc(&days));
    let last = p
        .last_review
        .map(|d| format!("<br><span class=\"small\">last reviewed {d}</span>"))
        .unwrap_or_default();
    let _ = write!(
        html,
        "<td data-sort=\"{}\"><strong>{}</strong><br><span class=\"small\">{} ({})</span>{last}</td>",
        esc(&p.title.to_lowercase()),
        esc(&p.title),
        esc(&p.path),
        esc(&p.language)
    );
    let owner = p.owner.as_deref().map(esc).unwrap_or_else(|| "<em>none</em>".into());
    let _ = write!(html, "<td data-sort=\"{}\">{owner}</td>", esc(&c[7].to_lowercase()));
    let note = p
        .sign_off_note
        .as_deref()
        .map(|n| format!("<br><span class=\"small\">{}</span>", esc(n)))
        .unwrap_or_default();
    let reviewer = p.reviewer.as_deref().map(esc).unwrap_or_else(|| "<em>none</em>".into());
    let _ = write!(html, "<td data-sort=\"{}\">{reviewer}{note}</td>", esc(&c[8].to_lowercase()));
    let mark = if p.meets_target { "" } else { " <span class=\"over\">above target</span>" };
    let _ = write!(
        html,
        "<td data-sort=\"{:.1}\" class=\"num\">{:.1} / {:.1}{mark}</td>",
        p.grade, p.grade, p.target_grade
    );
    let mut unfinished: Vec<String> =
        p.missing_parts.iter().map(|m| format!("<li>no {}</li>", esc(m))).collect();
    unfinished.extend(p.unfilled_gaps.iter().map(|g| format!("<li>gap: {}</li>", esc(g))));
    let count = unfinished.len();
    let list =
        if unfinished.is_empty() { String::new() } else { format!("<ul>{}</ul>", unfinished.concat()) };
    let _ = write!(html, "<td data-sort=\"{count}\">{list}</td>");
    let _ = writeln!(html, "<td data-sort=\"{}\">{}</td></tr>", esc(&c[12]), esc(&c[12]));
}

const FILTERS: &str = r#"<form id="filters" class="filters" hidden>
<div><label for="filter-text">Search title, path, owner or reviewer</label>
<input id="filter-text" type="search"></div>
<div><label for="filter-status">Status</label>
<select id="filter-status"><option value="">All</option><option value="overdue">Overdue</option>
<option value="never_reviewed">Never reviewed</option><option value="due_soon">Due soon</option><option value="ok">Ok</option></select></div>
<div class="check"><input id="filter-over" type="checkbox"><label for="filter-over">Only pages above their reading target</label></div>
</form>
<p id="shown" role="status"></p>
"#;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.4}\
main{padding:1rem 1.5rem;max-width:110rem}h1{font-size:1.6rem;margin:.5rem 0}\
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:1rem 0}.filters label{display:block;font-weight:600}\
.filters .check{display:flex;gap:.4rem;align-items:center}.filters .check label{font-weight:400}\
input,select{font:inherit;padding:.3rem;border:1px solid #555;border-radius:3px}\
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}caption{text-align:left;padding:.4rem 0;color:#333}\
th,td{border:1px solid #bbb;padding:.35rem .5rem;vertical-align:top;text-align:left}th{background:#eef1f5}\
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer;color:#0b3d91;text-decoration:underline}\
th[aria-sort=ascending] button::after{content:\" \\2191\"}th[aria-sort=descending] button::after{content:\" \\2193\"}\
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}td ul{margin:0;padding-left:1.1rem}\
.num{text-align:right;white-space:nowrap}.small{font-size:.85rem;color:#444}\
.status{display:inline-block;padding:.1rem .4rem;border-radius:3px;font-weight:700;white-space:nowrap}\
.s-overdue{background:#8b0000;color:#fff}.s-never_reviewed{background:#4a4a4a;color:#fff}\
.s-due_soon{background:#ffd966;color:#1a1a1a}.s-ok{background:#d9ead3;color:#1a1a1a}\
.over{color:#8b0000;font-weight:700}.note{color:#333;font-size:.9rem}\
@media print{.filters{display:none}}";

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var table = document.getElementById("pages");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var form = document.getElementById("filters");
  var text = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  var over = document.getElementById("filter-over");
  var shown = document.getElementById("shown");
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  function key(row, col) {
    return row.cells[col].getAttribute("data-sort") || "";
  }
  function compare(a, b) {
    var number = /^-?\d+(\.\d+)?$/;
    if (number.test(a) && number.test(b)) {
      return parseFloat(a) - parseFloat(b);
    }
    if (a === "" && b !== "") { return 1; }
    if (b === "" && a !== "") { return -1; }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(col, th) {
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var order = rows.map(function (row, i) { return { row: row, i: i }; });
    order.sort(function (p, q) {
      var c = compare(key(p.row, col), key(q.row, col));
      return (descending ? -c : c) || p.i - q.i;
    });
    order.forEach(function (o) { body.appendChild(o.row); });
  }
  Array.prototype.forEach.call(table.tHead.querySelectorAll("button"), function (button) {
    button.addEventListener("click", function () {
      sortBy(Number(button.getAttribute("data-col")), button.parentNode);
    });
  });

  function filter() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var haystack = row.textContent.toLowerCase();
      var visible = (!status.value || row.getAttribute("data-status") === status.value) &&
        (!over.checked || row.getAttribute("data-over") === "yes") &&
        words.every(function (w) { return haystack.indexOf(w) !== -1; });
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = "Showing " + count + " of " + rows.length + " pages.";
  }
  text.addEventListener("input", filter);
  status.addEventListener("change", filter);
  over.addEventListener("change", filter);
  filter();
}());
"#;
