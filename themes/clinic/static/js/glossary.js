/* Glossary toggletips for plainleaf pages.
 *
 * Progressive enhancement: without this script every term is a plain link to its entry on
 * the glossary page, and its bubble (span.term-tip) stays `hidden` (and empty: the definition
 * is on the page once, in "Words to know", which the bubble names in `data-def`). With it:
 *   - hovering a term with a mouse, or focusing it with the keyboard, opens its bubble;
 *   - on touch screens the first tap opens the bubble and a second tap on the same (open)
 *     term follows the link to the glossary;
 *   - Esc closes the open bubble and leaves focus where it is;
 *   - a tap or click outside the term and its bubble, opening another term, or moving
 *     keyboard focus to another element closes it. It never closes on a timer, nor when the
 *     pointer merely leaves the term (so the pointer can move onto the bubble to read it).
 * One bubble is open at a time. No dependencies, no build step, works from file://.
 * The DOM contract is described in docs/glossary.md.
 */
(function () {
  "use strict";

  var EDGE = 8; // px kept free between the bubble and the viewport's sides
  var GAP = 6; // px between the term and the bubble (bridged in CSS for the pointer)

  var openTerm = null;
  var openTip = null;
  var tapStartedOpen = false; // was the tapped term's bubble open before this tap?
  var lastPointerType = "mouse";
  var frameRequested = false;

  function tipFor(term) {
    var id = term.getAttribute("aria-describedby");
    var tip = id ? document.getElementById(id) : null;
    if (!tip) {
      var next = term.nextElementSibling;
      tip = next && next.classList.contains("term-tip") ? next : null;
    }
    // The page holds each definition once, in "Words to know" (the bubble's data-def names
    // it); an empty bubble gets its text from there. No definition found: no bubble.
    if (tip && !tip.textContent.trim()) {
      var def = document.getElementById(tip.getAttribute("data-def") || "");
      if (!def || !def.textContent.trim()) return null;
      tip.textContent = def.textContent.trim();
    }
    return tip;
  }

  function place(term, tip) {
    var viewWidth = document.documentElement.clientWidth || window.innerWidth;
    var viewHeight = document.documentElement.clientHeight || window.innerHeight;
    // A term that wraps onto two lines: anchor below its last line, or above its first.
    var rects = term.getClientRects();
    var first = rects.length ? rects[0] : term.getBoundingClientRect();
    var last = rects.length ? rects[rects.length - 1] : first;
    tip.style.maxWidth = Math.max(0, viewWidth - 2 * EDGE) + "px";
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;

    var below = last.bottom + GAP;
    var above = first.top - GAP - height;
    var fitsBelow = below + height <= viewHeight - EDGE;
    var useAbove = !fitsBelow && above >= EDGE;
    var anchor = useAbove ? first : last;

    var left = anchor.left + anchor.width / 2 - width / 2;
    left = Math.min(left, viewWidth - EDGE - width);
    left = Math.max(left, EDGE);

    tip.setAttribute("data-placement", useAbove ? "above" : "below");
    tip.style.left = Math.round(left) + "px";
    tip.style.top = Math.round(useAbove ? above : below) + "px";
    // Where the little pointer sits, so it stays over the term even when the bubble is clamped.
    var arrow = anchor.left + anchor.width / 2 - left;
    tip.style.setProperty("--term-tip-arrow", Math.round(Math.max(12, Math.min(width - 12, arrow))) + "px");
  }

  function open(term) {
    if (openTerm === term) return;
    close();
    var tip = tipFor(term);
    if (!tip) return;
    tip.hidden = false;
    tip.classList.add("is-open");
    term.setAttribute("aria-expanded", "true");
    openTerm = term;
    openTip = tip;
    place(term, tip);
  }

  function close() {
    if (!openTerm) return;
    openTip.hidden = true;
    openTip.classList.remove("is-open");
    openTerm.setAttribute("aria-expanded", "false");
    openTerm = null;
    openTip = null;
  }

  function within(node, element) {
    return !!(element && node && (node === element || element.contains(node)));
  }

  function reposition() {
    if (frameRequested) return;
    frameRequested = true;
    window.requestAnimationFrame(function () {
      frameRequested = false;
      if (openTerm) place(openTerm, openTip);
    });
  }

  function enhance(term) {
    if (!tipFor(term)) return;
    term.setAttribute("aria-expanded", "false");

    term.addEventListener("pointerenter", function (event) {
      if (event.pointerType === "mouse") open(term);
    });
    term.addEventListener("pointerdown", function (event) {
      lastPointerType = event.pointerType || "mouse";
      tapStartedOpen = openTerm === term;
    });
    term.addEventListener("focus", function () {
      open(term);
    });
    term.addEventListener("blur", function (event) {
      // Only when focus really moves to another element (not the window losing focus).
      var to = event.relatedTarget;
      if (openTerm === term && to && !within(to, openTip)) close();
    });
    term.addEventListener("click", function (event) {
      // A first tap shows the bubble; a tap on an already open term follows the link.
      // (`detail` is 0 for a click made with the keyboard: Enter always follows the link.)
      if (event.detail !== 0 && lastPointerType !== "mouse" && !tapStartedOpen) {
        event.preventDefault();
        open(term);
      }
      lastPointerType = "mouse";
      tapStartedOpen = false;
    });
  }

  function init() {
    var terms = document.querySelectorAll("a.term");
    for (var i = 0; i < terms.length; i++) enhance(terms[i]);
    if (!terms.length) return;

    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && openTerm) {
        close(); // focus stays where it is
      }
    });
    document.addEventListener(
      "pointerdown",
      function (event) {
        if (openTerm && !within(event.target, openTerm) && !within(event.target, openTip)) close();
      },
      true
    );
    window.addEventListener("scroll", reposition, { passive: true, capture: true });
    window.addEventListener("resize", reposition);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
