/* Page tools for the plainleaf themes: text size (A− / A+), "Print this page", read aloud,
 * and the print handout's address and date lines.
 *
 * Progressive enhancement: every control is rendered with the `hidden` attribute and is only
 * shown here, once we know it can work. Without JavaScript the page simply has none of them.
 * No dependencies, no build step, works from file://.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var STORAGE_KEY = "plainleaf-text-size";
  // Multipliers of the theme's base size; 1 is the theme's own size.
  var SIZES = [0.875, 1, 1.125, 1.25, 1.5, 1.75, 2];

  function show(el) {
    if (el) el.hidden = false;
  }

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  /* ---- Text size ---- */

  function storedScale() {
    try {
      var v = parseFloat(localStorage.getItem(STORAGE_KEY));
      return isNaN(v) ? 1 : v;
    } catch {
      return 1; // storage blocked (private mode, file:// in some browsers)
    }
  }

  function applyScale(scale) {
    root.style.setProperty("--user-scale", String(scale));
    try {
      if (scale === 1) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, String(scale));
    } catch {
      /* the size still applies to this page */
    }
    all("[data-text-size-step]").forEach(function (button) {
      var step = parseInt(button.getAttribute("data-text-size-step"), 10);
      var atEnd = step < 0 ? scale <= SIZES[0] : scale >= SIZES[SIZES.length - 1];
      // aria-disabled keeps the button focusable, so keyboard users do not lose their place.
      button.setAttribute("aria-disabled", atEnd ? "true" : "false");
    });
  }

  function nearestIndex(scale) {
    var best = 0;
    for (var i = 1; i < SIZES.length; i++) {
      if (Math.abs(SIZES[i] - scale) < Math.abs(SIZES[best] - scale)) best = i;
    }
    return best;
  }

  function setupTextSize() {
    var groups = all("[data-text-size]");
    if (!groups.length) return;
    groups.forEach(show);
    applyScale(storedScale());
    all("[data-text-size-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = parseInt(button.getAttribute("data-text-size-step"), 10);
        var i = nearestIndex(storedScaleOrCurrent());
        var next = Math.min(SIZES.length - 1, Math.max(0, i + step));
        applyScale(SIZES[next]);
      });
    });
  }

  function storedScaleOrCurrent() {
    var v = parseFloat(root.style.getPropertyValue("--user-scale"));
    return isNaN(v) ? 1 : v;
  }

  /* ---- Print ---- */

  function fillPrintLines() {
    var date = new Date();
    var text;
    try {
      text = date.toLocaleDateString(root.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
    } catch {
      text = date.toDateString();
    }
    all(".js-print-date").forEach(function (span) {
      span.textContent = text;
    });
    all("[data-print-date]").forEach(show);
    // A file:// address means nothing on paper, so only a web address is printed.
    if (/^https?:$/.test(location.protocol)) {
      all(".js-page-url").forEach(function (span) {
        span.textContent = location.href.split("#")[0];
      });
      all("[data-print-address]").forEach(show);
    }
  }

  function setupPrint() {
    window.addEventListener("beforeprint", fillPrintLines);
    if (typeof window.print !== "function") return;
    all("[data-print]").forEach(function (button) {
      show(button);
      button.addEventListener("click", function () {
        fillPrintLines();
        window.print();
      });
    });
  }

  /* ---- Read aloud ---- */

  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, figcaption, blockquote";
  var SKIP = ".term-tip, .print-only, .write-space, [hidden], [aria-hidden='true'], script, style";

  function speakableText(el) {
    var copy = el.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(SKIP), function (n) {
      n.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // Short pieces, one per heading or paragraph: long utterances get cut off in some browsers,
  // and pausing between pieces is easier to follow.
  function piecesToRead() {
    var pieces = [];
    var title = document.querySelector("main h1");
    if (title) pieces.push(speakableText(title));
    var summary = document.querySelector("main .summary");
    if (summary) pieces.push(speakableText(summary));
    var region = document.querySelector("[data-read-region]") || document.querySelector("main");
    if (!region) return pieces;
    Array.prototype.forEach.call(region.querySelectorAll(BLOCKS), function (el) {
      if (el.closest(SKIP)) return;
      if (el.querySelector(BLOCKS)) return; // read the innermost blocks only
      var text = speakableText(el);
      if (text) pieces.push(text);
    });
    return pieces;
  }

  function setupReadAloud() {
    var start = document.querySelector("[data-read-aloud]");
    var stop = document.querySelector("[data-read-stop]");
    var status = document.querySelector("[data-read-status]");
    var tools = document.querySelector("[data-page-tools]");
    /* The page's words for the spoken-status messages (the theme's i18n strings). */
    function msg(name, fallback) {
      return (tools && tools.getAttribute("data-msg-" + name)) || fallback;
    }
    if (!start || !stop) return;
    if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") return;
    var synth = window.speechSynthesis;
    var reading = false;

    function say(message) {
      if (status) status.textContent = message;
    }

    function finish(message) {
      reading = false;
      start.hidden = false;
      stop.hidden = true;
      say(message);
    }

    start.addEventListener("click", function () {
      synth.cancel();
      var pieces = piecesToRead();
      if (!pieces.length) return;
      reading = true;
      start.hidden = true;
      stop.hidden = false;
      stop.focus();
      say(msg("reading", "Reading the page aloud."));
      pieces.forEach(function (text, i) {
        var u = new SpeechSynthesisUtterance(text);
        u.lang = root.lang || "en";
        u.rate = 0.95;
        if (i === pieces.length - 1) {
          u.onend = function () {
            if (reading) finish(msg("finished", "Finished reading."));
          };
        }
        u.onerror = function () {
          if (reading) finish(msg("stopped", "Reading stopped."));
        };
        synth.speak(u);
      });
    });

    stop.addEventListener("click", function () {
      synth.cancel();
      finish(msg("stopped", "Reading stopped."));
      start.focus();
    });

    window.addEventListener("pagehide", function () {
      synth.cancel();
    });
    show(start);
  }

  function init() {
    setupTextSize();
    setupPrint();
    setupReadAloud();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
