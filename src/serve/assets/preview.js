(function () {
  "use strict";
  if (window.__plainleafPreview) return;
  window.__plainleafPreview = true;
  var scrollKey = "plainleaf-scroll:" + location.pathname;

  // Keep the reader's place across reloads.
  function restoreScroll() {
    var saved = sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      sessionStorage.removeItem(scrollKey);
      window.scrollTo(0, parseInt(saved, 10) || 0);
    }
  }
  if (document.readyState === "complete") restoreScroll();
  else window.addEventListener("load", restoreScroll);
  function reloadKeepingScroll() {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    location.reload();
  }

  var style = document.createElement("style");
  style.textContent =
    "#pl-overlay{position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483646;" +
    "background:#2b0b0b;color:#fff;border:3px solid #ff6b6b;border-radius:8px;padding:1rem 1.25rem;" +
    "box-shadow:0 4px 24px rgba(0,0,0,.4)}" +
    "#pl-overlay pre{font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;margin:.5rem 0 0}" +
    "#pl-overlay a.pl-editor-link{color:#ffd8a8;text-decoration:underline}" +
    "#pl-overlay h2{font:bold 16px system-ui,sans-serif;margin:0;color:#fff}" +
    "#pl-overlay button{position:absolute;top:.5rem;right:.5rem;font:14px system-ui,sans-serif;padding:.25rem .6rem;cursor:pointer}" +
    "#pl-hints-toggle{position:fixed;right:1rem;bottom:1rem;z-index:2147483645;font:14px system-ui,sans-serif;" +
    "padding:.5rem .8rem;border-radius:6px;border:2px solid #1a4d8f;background:#fff;color:#1a4d8f;cursor:pointer}" +
    "#pl-hints-toggle[aria-pressed=true]{background:#1a4d8f;color:#fff}" +
    "#pl-hints-panel{position:fixed;right:1rem;bottom:3.75rem;z-index:2147483645;background:#fff;color:#111;" +
    "border:2px solid #1a4d8f;border-radius:6px;padding:.5rem .8rem;font:14px/1.4 system-ui,sans-serif;max-width:20rem}" +
    "mark.pl-hint-long{background:#fff3b0;color:inherit}" +
    "mark.pl-hint-hard{background:#ffd1dc;color:inherit;text-decoration:underline dotted}" +
    "mark.pl-hint-abbr{background:#cfe8ff;color:inherit;outline:1px dashed #1a4d8f}";
  document.head.appendChild(style);

  // Errors: a panel on every page until the build works again.
  function showError(text) {
    var box = document.getElementById("pl-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "pl-overlay";
      box.setAttribute("role", "alert");
      var title = document.createElement("h2");
      title.textContent = "The site did not build. The preview shows the last version that worked.";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Dismiss";
      close.setAttribute("aria-label", "Dismiss the build error");
      close.addEventListener("click", function () { box.remove(); });
      box.appendChild(title);
      box.appendChild(close);
      box.appendChild(document.createElement("pre"));
      document.body.appendChild(box);
    }
    // Text nodes and links built by hand, never innerHTML: the message quotes the writer's files.
    var pre = box.querySelector("pre");
    pre.textContent = "";
    text.split("\n").forEach(function (line, i) {
      if (i > 0) pre.appendChild(document.createTextNode("\n"));
      appendWithEditorLink(pre, line);
    });
  }
  // "error: content/a.md:3:9: ..." gets its "content/a.md:3:9" as a link that opens the file at
  // that line in VS Code (vscode://file/ABSOLUTE:LINE:COLUMN), when the server said where the
  // site folder is (it does only for a preview on this machine).
  var siteRoot = null;
  function appendWithEditorLink(parent, line) {
    var m = /^((?:error|warning): )(.+?):(\d+)(?::(\d+))?(: .*)$/.exec(line);
    if (!m || !siteRoot) {
      parent.appendChild(document.createTextNode(line));
      return;
    }
    var file = m[2].charAt(0) === "/" || /^[A-Za-z]:[\\/]/.test(m[2]) ? m[2] : siteRoot.replace(/[\\/]$/, "") + "/" + m[2];
    var where = m[3] + ":" + (m[4] || "1");
    var link = document.createElement("a");
    link.href = "vscode://file" + (file.charAt(0) === "/" ? "" : "/") + encodeURI(file.replace(/\\/g, "/")) + ":" + where;
    link.className = "pl-editor-link";
    link.title = "Open " + m[2] + " at line " + m[3] + " in VS Code";
    link.textContent = m[2] + ":" + m[3] + (m[4] ? ":" + m[4] : "");
    parent.appendChild(document.createTextNode(m[1]));
    parent.appendChild(link);
    parent.appendChild(document.createTextNode(m[5]));
  }
  function clearError() {
    var box = document.getElementById("pl-overlay");
    if (box) box.remove();
  }

  var events = new EventSource("/__plainleaf/events");
  events.addEventListener("reload", reloadKeepingScroll);
  events.addEventListener("ok", function () { clearError(); reloadKeepingScroll(); });
  events.addEventListener("root", function (e) { if (typeof e.data === "string") siteRoot = e.data; });
  events.addEventListener("error", function (e) { if (typeof e.data === "string") showError(e.data); });
  events.addEventListener("css", function (e) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var base = (links[i].getAttribute("href") || "").replace(/[?&]v=\d+$/, "");
      links[i].setAttribute("href", base + (base.indexOf("?") < 0 ? "?" : "&") + "v=" + e.data);
    }
  });

  // Writing hints: long sentences, hard words and unexplained abbreviations, marked in place.
  var hintsOn = false;
  var button = document.createElement("button");
  button.type = "button";
  button.id = "pl-hints-toggle";
  button.textContent = "Show writing hints";
  button.setAttribute("aria-pressed", "false");
  document.body.appendChild(button);

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function slugOfPage() {
    var parts = location.pathname.split("/").filter(function (p) { return p && p !== "index.html"; });
    return parts.length === 1 ? decodeURIComponent(parts[0]) : null;
  }
  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement && n.parentElement.closest("script,style,#pl-overlay,#pl-hints-panel")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], n;
    while ((n = walker.nextNode())) nodes.push(n);
    return nodes;
  }
  function highlight(root, hints) {
    var nodes = textNodes(root), whole = "", starts = [];
    nodes.forEach(function (n) { starts.push(whole.length); whole += n.data; });
    var ranges = [];
    function add(re, cls) {
      var m;
      while ((m = re.exec(whole)) !== null) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        ranges.push({ start: m.index, end: m.index + m[0].length, cls: cls });
      }
    }
    (hints.long_sentences || []).forEach(function (s) {
      var words = s.split(/\s+/).filter(Boolean).map(escapeRegExp);
      if (words.length) add(new RegExp(words.join("\\s+"), "g"), "pl-hint-long");
    });
    var hard = (hints.hard_words || []).map(escapeRegExp);
    if (hard.length) add(new RegExp("(?<![\\w-])(?:" + hard.join("|") + ")(?![\\w-])", "gi"), "pl-hint-hard");
    nodes.forEach(function (n, i) {
      if (n.parentElement.closest("a.term, abbr[title]")) return;
      var re = /\b[A-Z][A-Z0-9]{1,}s?\b/g, m;
      while ((m = re.exec(n.data)) !== null) {
        ranges.push({ start: starts[i] + m.index, end: starts[i] + m.index + m[0].length, cls: "pl-hint-abbr" });
      }
    });
    var count = 0;
    nodes.forEach(function (n, i) {
      var from = starts[i], to = from + n.data.length;
      var mine = ranges.filter(function (r) { return r.start < to && r.end > from; });
      if (!mine.length) return;
      var cuts = [from, to];
      mine.forEach(function (r) { cuts.push(Math.max(r.start, from), Math.min(r.end, to)); });
      cuts = cuts.sort(function (a, b) { return a - b; }).filter(function (c, k, all) { return k === 0 || c !== all[k - 1]; });
      var frag = document.createDocumentFragment();
      for (var k = 0; k + 1 < cuts.length; k++) {
        var a = cuts[k], b = cuts[k + 1], piece = n.data.slice(a - from, b - from);
        var classes = mine.filter(function (r) { return r.start <= a && r.end >= b; })
          .map(function (r) { return r.cls; })
          .filter(function (c, j, all) { return all.indexOf(c) === j; });
        if (classes.length) {
          var mark = document.createElement("mark");
          mark.className = classes.join(" ");
          mark.setAttribute("data-plainleaf-hint", "");
          mark.textContent = piece;
          frag.appendChild(mark);
          count++;
        } else {
          frag.appendChild(document.createTextNode(piece));
        }
      }
      n.parentNode.replaceChild(frag, n);
    });
    return count;
  }
  function unhighlight() {
    var marks = document.querySelectorAll("mark[data-plainleaf-hint]");
    var parents = [];
    marks.forEach(function (m) {
      parents.push(m.parentNode);
      m.replaceWith(document.createTextNode(m.textContent));
    });
    parents.forEach(function (p) { if (p && p.normalize) p.normalize(); });
    var panel = document.getElementById("pl-hints-panel");
    if (panel) panel.remove();
  }
  function showPanel(hints) {
    var panel = document.createElement("div");
    panel.id = "pl-hints-panel";
    panel.setAttribute("role", "status");
    var lines = [];
    // A Spanish page is measured with INFLESZ (higher is easier) and Spanish syllables.
    var spanish = typeof hints.inflesz === "number";
    if (spanish) {
      lines.push("INFLESZ: " + hints.inflesz.toFixed(1) + " (target " + hints.inflesz_target + " or more)");
    } else if (typeof hints.grade === "number") {
      lines.push("Reading grade: " + hints.grade.toFixed(1) + " (target " + hints.target + ")");
    }
    lines.push((hints.long_sentences || []).length + " long sentences (over 25 words)");
    lines.push((hints.hard_words || []).length + " hard words (" + (spanish ? "4" : "3") + "+ syllables)");
    lines.push("Blue: abbreviations with no explanation");
    lines.forEach(function (l) { var p = document.createElement("div"); p.textContent = l; panel.appendChild(p); });
    document.body.appendChild(panel);
  }
  button.addEventListener("click", function () {
    if (hintsOn) {
      unhighlight();
      hintsOn = false;
      button.textContent = "Show writing hints";
      button.setAttribute("aria-pressed", "false");
      return;
    }
    hintsOn = true;
    button.textContent = "Hide writing hints";
    button.setAttribute("aria-pressed", "true");
    var root = document.querySelector(".content") || document.querySelector("main") || document.body;
    var slug = slugOfPage();
    var ready = slug
      ? fetch("/__plainleaf/hints/" + encodeURIComponent(slug) + ".json").then(function (r) { return r.ok ? r.json() : {}; })
      : Promise.resolve({});
    ready.catch(function () { return {}; }).then(function (hints) {
      if (!hintsOn) return;
      highlight(root, hints);
      showPanel(hints);
    });
  });
})();
