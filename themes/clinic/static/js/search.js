/* plainleaf site search: no dependencies, works from file:// as well as over HTTP.
 * The index is made of scripts because browsers block fetch() of JSON from file://:
 * search/index.js sets window.PLAINLEAF_SEARCH (the documents and the list of shards), and
 * each shard search/KEY.js calls window.PLAINLEAF_SEARCH_SHARD with the postings of the stems
 * whose first two letters are KEY. Nothing is loaded until the reader uses the search box,
 * then only the shards the typed words need. The folding, stemming and shard keys below must
 * match src/output/search.rs (TextRules: fold, stem, stop words; shard_key) and
 * src/output/stem_es.rs (the Spanish stemmer) or words will not be found. index.js names
 * its language, and the query is folded and stemmed by that language's rules. */
(function () {
  "use strict";

  /* The text rules, shared by the index (src/output/search.rs) and the query. */
  var STOP = {};
  ("a an and are as at be by can for from has have in is it its of on or that the this to " +
    "was were will with you your").split(" ").forEach(function (w) { STOP[w] = true; });

  function isAsciiAlnum(ch) { return /^[a-z0-9]$/.test(ch); }

  /* Which shard holds a stem (src/output/search.rs shard_key). */
  function shardKey(stem) {
    var c = Array.from(stem);
    if (!c.length) return "_";
    if (isAsciiAlnum(c[0])) return c[0] + (c.length > 1 && isAsciiAlnum(c[1]) ? c[1] : "_");
    return "u" + c[0].codePointAt(0).toString(16);
  }

  /* Latin letters with accents and their plain letters (src/output/search.rs fold). Only
   * these: a letter outside the list is indexed as it is, so it must be searched as it is. */
  var FOLDS = {};
  [["àáâãäåāăą", "a"], ["æ", "ae"], ["çčćĉċ", "c"], ["ďđ", "d"], ["èéêëēęěė", "e"], ["ìíîïīį", "i"],
    ["łľĺ", "l"], ["ñńň", "n"], ["òóôõöøōő", "o"], ["œ", "oe"], ["řŕ", "r"], ["ß", "ss"], ["šśş", "s"],
    ["ťţ", "t"], ["ùúûüūůűų", "u"], ["ýÿ", "y"], ["žźż", "z"]].forEach(function (pair) {
    Array.from(pair[0]).forEach(function (ch) { FOLDS[ch] = pair[1]; });
  });

  /* Lower case letter by letter (the first letter of each lower-case form, as Rust's
   * char::to_lowercase), then fold the accents above. */
  function fold(text) {
    return Array.from(text).map(function (ch) {
      var lower = Array.from(ch.toLowerCase())[0];
      return FOLDS[lower] || lower;
    }).join("");
  }

  /* What separates words: anything that is not a letter, a combining letter sign or a digit
   * (Rust's !char::is_alphanumeric). */
  var NOT_WORD = /[^\p{Alphabetic}\p{N}]+/u;
  var NOT_WORD_ALL = /[^\p{Alphabetic}\p{N}]+/gu;

  function stem(word) {
    var c = Array.from(word);
    var n = c.length;
    if (n <= 3) return word;
    function ends(s) { return word.slice(-s.length) === s; }
    function cut(k) { return c.slice(0, n - k).join(""); }
    function undouble(s) {
      var d = Array.from(s);
      var m = d.length;
      if (m >= 4 && d[m - 1] === d[m - 2] && "aeiouls".indexOf(d[m - 1]) < 0) return d.slice(0, m - 1).join("");
      return s;
    }
    if (ends("ies") && n > 4) return cut(3) + "y";
    if (ends("sses")) return cut(2);
    if (ends("ing") && n - 3 >= 3) return undouble(cut(3));
    if (ends("ed") && n - 2 >= 3) return undouble(cut(2));
    if (ends("es") && /(s|x|z|ch|sh)$/.test(word.slice(0, -2))) return cut(2);
    if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return cut(1);
    return word;
  }

  /* Spanish: fold keeps ñ ("año" is not "ano"; src/output/search.rs fold_es). */
  function foldEs(text) {
    return Array.from(text).map(function (ch) {
      var lower = Array.from(ch.toLowerCase())[0];
      return lower === "ñ" ? lower : FOLDS[lower] || lower;
    }).join("");
  }

  var STOP_ES = {};
  ("a al ante como con contra cual cuando de del desde donde e el ella ellas ellos en entre es esa " +
    "esas ese eso esos esta estan estas este esto estos fue ha han hay hasta la las le les lo los mas " +
    "me mi mis muy ni no nos o para pero por porque que se si sin sobre son su sus te tambien tu tus u " +
    "un una unas uno unos usted ustedes y ya yo").split(" ").forEach(function (w) { STOP_ES[w] = true; });

  /* The Spanish stemmer on folded words: Snowball's Spanish steps without its accented endings
   * (src/output/stem_es.rs says why). */
  var ES = {
    pronouns: ["selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo"],
    hosts: ["iendo", "ando", "ar", "er", "ir"],
    r2: ["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles", "ista",
      "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"],
    ic: ["adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"],
    others: ["logia", "logias", "ucion", "uciones", "encia", "encias", "amente", "mente", "idad", "idades", "iva",
      "ivo", "ivas", "ivos"],
    yVerb: ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos"],
    verbGu: ["en", "es", "emos"],
    verb: ["aba", "ada", "ida", "ara", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "aran",
      "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ar", "er", "ir", "as", "abas",
      "adas", "idas", "aras", "ieras", "ases", "ieses", "abais", "arais", "ierais", "aseis", "ieseis", "asteis",
      "isteis", "ados", "idos", "amos", "imos", "aremos", "eremos", "iremos"]
  };

  function isVowelEs(ch) { return "aeiou".indexOf(ch) >= 0; }

  function stemEs(word) {
    var w = Array.from(word);
    var n = w.length;
    function past(from, vowel) {
      for (var i = from; i < n; i++) if (isVowelEs(w[i]) === vowel) return i + 1;
      return -1;
    }
    var rv = -1;
    if (n >= 2 && !isVowelEs(w[1])) rv = past(2, true);
    else if (n >= 2 && isVowelEs(w[0])) rv = past(2, false);
    else if (n >= 3) rv = 3;
    if (rv < 0) rv = n;
    function region(from) {
      var v = past(from, true);
      var end = v < 0 ? -1 : past(v, false);
      return end < 0 ? n : end;
    }
    var r1 = region(0);
    var r2 = region(r1);
    /* Where `suffix` starts if the letters before `end` end with it, else -1. */
    function before(end, suffix) {
      var k = suffix.length;
      return k <= end && w.slice(end - k, end).join("") === suffix ? end - k : -1;
    }
    function longest(list) {
      var best = null;
      list.forEach(function (s) {
        if (before(w.length, s) >= 0 && (!best || s.length > best.length)) best = s;
      });
      return best === null ? null : { suffix: best, at: w.length - best.length };
    }
    function cut(at) { w = w.slice(0, at); }
    function replace(at, text) { w = w.slice(0, at).concat(Array.from(text)); }
    function also(at, suffix) {
      var start = before(at, suffix);
      if (start >= 0 && start >= r2) { cut(start); return start; }
      return -1;
    }
    function has(list, s) { return list.indexOf(s) >= 0; }

    // Step 0: a pronoun after a gerund or infinitive in RV.
    var p = longest(ES.pronouns);
    if (p) {
      var host = -1;
      ES.hosts.forEach(function (h) {
        var start = before(p.at, h);
        if (start >= 0 && (host < 0 || start < host)) host = start;
      });
      var hosted;
      if (host >= 0) hosted = host >= rv;
      else {
        var y = before(p.at, "yendo");
        hosted = y >= 0 && y >= rv && before(y, "u") >= 0;
      }
      if (hosted) cut(p.at);
    }

    // Step 1: noun and adjective suffixes.
    function standard() {
      var m = longest(ES.r2.concat(ES.ic, ES.others));
      if (!m) return false;
      var s = m.suffix, at = m.at, inR2 = at >= r2;
      if (has(ES.r2, s) && inR2) cut(at);
      else if (has(ES.ic, s) && inR2) { cut(at); also(at, "ic"); }
      else if ((s === "logia" || s === "logias") && inR2) replace(at, "log");
      else if ((s === "ucion" || s === "uciones") && inR2) replace(at, "u");
      else if ((s === "encia" || s === "encias") && inR2) replace(at, "ente");
      else if (s === "amente" && at >= r1) {
        cut(at);
        var iv = also(at, "iv");
        if (iv >= 0) also(iv, "at");
        else if (also(at, "os") < 0 && also(at, "ic") < 0) also(at, "ad");
      } else if (s === "mente" && inR2) {
        cut(at);
        if (also(at, "ante") < 0 && also(at, "able") < 0) also(at, "ible");
      } else if ((s === "idad" || s === "idades") && inR2) {
        cut(at);
        if (also(at, "abil") < 0 && also(at, "ic") < 0) also(at, "iv");
      } else if (has(["iva", "ivo", "ivas", "ivos"], s) && inR2) { cut(at); also(at, "at"); }
      else return false;
      return true;
    }
    // Step 2a: verb endings starting with y, after u.
    function yVerb() {
      var m = longest(ES.yVerb);
      if (m && m.at >= rv && before(m.at, "u") >= 0) { cut(m.at); return true; }
      return false;
    }
    // Step 2b: the other verb endings, the longest that lies in RV.
    function verb() {
      var m = longest(ES.verbGu.concat(ES.verb).filter(function (s) {
        return before(w.length, s) >= 0 && w.length - s.length >= rv;
      }));
      if (!m) return;
      var u = before(m.at, "u");
      if (has(ES.verbGu, m.suffix) && u >= 0 && before(u, "g") >= 0) cut(u); else cut(m.at);
    }
    if (!standard() && !yVerb()) verb();

    // Step 3: a final vowel (or os) in RV; a u before e goes too after g.
    var r = longest(["os", "a", "o", "e"]);
    if (r && r.at >= rv) {
      cut(r.at);
      if (r.suffix === "e") {
        var u = before(r.at, "u");
        if (u >= 0 && u >= rv && before(u, "g") >= 0) cut(u);
      }
    }
    return w.join("");
  }

  /* The rules of an index's language (src/output/search.rs TextRules::for_language):
   * Spanish for es and es-*, else English. */
  function rulesFor(lang) {
    var primary = String(lang || "").split(/[-_]/)[0].toLowerCase();
    if (primary === "es") {
      return { fold: foldEs, stem: stemEs, isStopWord: function (w) { return STOP_ES[w] === true; } };
    }
    return { fold: fold, stem: stem, isStopWord: function (w) { return STOP[w] === true; } };
  }

  /* The folded words of a text, split at anything not a letter or digit. */
  function wordsOf(text, rules) {
    return (rules || rulesFor("en")).fold(text).split(NOT_WORD).filter(Boolean);
  }

  // Node.js loads this file to check these rules against the Rust ones
  // (tests/search_rules.rs); in a browser `module` does not exist.
  if (typeof module === "object" && module && module.exports) {
    module.exports = {
      fold: fold,
      stem: stem,
      words: wordsOf,
      shardKey: shardKey,
      isStopWord: function (w) { return STOP[w] === true; },
      rulesFor: rulesFor
    };
    return;
  }

  var form = document.querySelector('form.search-form[role="search"]');
  if (!form) return;
  var input = form.querySelector('input[type="search"]');
  var status = form.querySelector('[role="status"]');
  var list = form.querySelector(".search-results");
  /* The page's words for the messages (the theme's i18n strings), English when missing. */
  function msg(name, fallback, count) {
    var text = form.getAttribute("data-msg-" + name) || fallback;
    return count === undefined ? text : text.replace("{count}", String(count));
  }
  if (!input || !status || !list) return;

  var rootMeta = document.querySelector('meta[name="plainleaf-root"]');
  /* The site's root, then the folder of this language's index inside it (data-search-root,
   * e.g. "es/" on Spanish pages; empty for the default language). Documents' URLs are
   * relative to that folder. */
  var root = (rootMeta ? rootMeta.getAttribute("content") || "" : "") + (form.getAttribute("data-search-root") || "");
  var MAX_SHOWN = 10;
  var DEBOUNCE_MS = 150;
  var VERSION = 3;
  /* The index as loaded so far: documents, shard list, and the postings of loaded shards. */
  var data = null;
  var index = {};
  var keys = [];
  var loaded = {};
  var failed = false;

  window.PLAINLEAF_SEARCH_SHARD = function (key, postings) {
    Object.keys(postings).forEach(function (stem) { index[stem] = postings[stem]; });
    keys = Object.keys(index).sort();
    loaded[key] = true;
  };

  /* Load scripts (paths inside the site), then call done: a missing file counts as loaded. */
  var pending = {};
  function loadScripts(paths, done) {
    var left = paths.length;
    if (!left) { done(); return; }
    paths.forEach(function (rel) {
      if (pending[rel]) { pending[rel].push(finish); return; }
      pending[rel] = [finish];
      var script = document.createElement("script");
      script.src = root + rel;
      script.onload = script.onerror = function () {
        var waiting = pending[rel];
        pending[rel] = null;
        if (rel === "search/index.js" && !window.PLAINLEAF_SEARCH) failed = true;
        waiting.forEach(function (f) { f(); });
      };
      document.head.appendChild(script);
    });
    function finish() { if (--left === 0) done(); }
  }

  function withIndex(done) {
    if (data || failed) { done(); return; }
    loadScripts(["search/index.js"], function () {
      var d = window.PLAINLEAF_SEARCH;
      if (d && d.v === VERSION) data = d; else failed = true;
      done();
    });
  }

  /* The shards a term's prefix can match: one, or every shard starting with a one-letter prefix. */
  function shardsFor(prefix) {
    var c = Array.from(prefix);
    if (c.length === 1 && isAsciiAlnum(c[0])) {
      return data.shards.filter(function (k) { return k.charAt(0) === c[0] && k.length === 2; });
    }
    var key = shardKey(prefix);
    return data.shards.indexOf(key) >= 0 ? [key] : [];
  }

  /* Query words -> terms. Stop words are dropped, except the last word, which the reader may
   * still be typing ("the" -> "therapy"); it then only adds to the score. */
  function queryTerms(query) {
    var rules = rulesFor(data.lang);
    var words = wordsOf(query, rules);
    var terms = [];
    words.forEach(function (w, i) {
      var last = i === words.length - 1;
      var common = rules.isStopWord(w);
      if (common && !last) return;
      var exact = rules.stem(w);
      // "change" should find "changed" (stem "chang"): match the stem without a final e.
      var prefix = exact.length > 4 && exact.slice(-1) === "e" ? exact.slice(0, -1) : exact;
      terms.push({ exact: exact, prefix: prefix, required: !(common && words.length > 1) });
    });
    return terms;
  }

  function firstKeyAtLeast(prefix) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* Document -> best score for one term; whole-word matches count more than prefixes. */
  function scoresFor(term) {
    var scores = {};
    for (var i = firstKeyAtLeast(term.prefix); i < keys.length && keys[i].lastIndexOf(term.prefix, 0) === 0; i++) {
      var key = keys[i];
      var factor = key === term.exact || key === term.prefix ? 1 : 0.6;
      var postings = index[key];
      for (var j = 0; j + 1 < postings.length; j += 2) {
        var score = postings[j + 1] * factor;
        if (!(scores[postings[j]] >= score)) scores[postings[j]] = score;
      }
    }
    return scores;
  }

  function search(query) {
    var terms = queryTerms(query);
    if (!terms.length) return [];
    var total = null;
    terms.forEach(function (term) {
      var scores = scoresFor(term);
      if (total === null) {
        total = term.required ? scores : {};
        if (!term.required) { data.docs.forEach(function (_, d) { if (scores[d]) total[d] = scores[d]; }); }
        return;
      }
      var next = {};
      Object.keys(total).forEach(function (d) {
        if (scores[d]) next[d] = total[d] + scores[d];
        else if (!term.required) next[d] = total[d];
      });
      total = next;
    });
    return Object.keys(total).map(function (d) { return { doc: Number(d), score: total[d] }; })
      .sort(function (a, b) {
        var da = data.docs[a.doc], db = data.docs[b.doc];
        return b.score - a.score || (da[3] === db[3] ? 0 : da[3] === "a" ? -1 : 1) || da[0].localeCompare(db[0]);
      });
  }

  function href(url) {
    return root + url;
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function clear() {
    asked++;
    input.value = "";
    list.textContent = "";
    status.textContent = "";
  }

  /* Show the results for a query once the index parts it needs are loaded; `then` runs after
   * (not when a newer query has been asked in the meantime). */
  var asked = 0;
  function show(query, then) {
    var ticket = ++asked;
    if (fold(query).replace(NOT_WORD_ALL, "").length < 2) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    withIndex(function () {
      if (ticket !== asked) return;
      if (!data) {
        list.textContent = "";
        status.textContent = msg("unavailable", "Search is not available here: use the A to Z list of pages.");
        return;
      }
      var need = [];
      queryTerms(query).forEach(function (term) {
        shardsFor(term.prefix).forEach(function (key) {
          if (!loaded[key] && need.indexOf("search/" + key + ".js") < 0) need.push("search/" + key + ".js");
        });
      });
      loadScripts(need, function () {
        if (ticket !== asked) return;
        render(search(query));
        if (then) then();
      });
    });
  }

  function render(results) {
    list.textContent = "";
    results.slice(0, MAX_SHOWN).forEach(function (result) {
      var doc = data.docs[result.doc];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = href(doc[1]);
      var title = document.createElement("span");
      title.className = "search-title";
      title.textContent = doc[0];
      link.appendChild(title);
      if (doc[3] === "g") {
        var kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = msg("glossary", "(glossary)");
        link.appendChild(kind);
      }
      if (doc[2]) {
        var summary = document.createElement("span");
        summary.className = "search-summary";
        summary.textContent = doc[2];
        link.appendChild(summary);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    var n = results.length;
    var text = n === 0 ? msg("none", "No results") : n === 1 ? msg("one", "1 result") : msg("many", "{count} results", n);
    if (n > MAX_SHOWN) text += msg("best", ", showing the best {count}", MAX_SHOWN);
    status.textContent = text;
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, DEBOUNCE_MS);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show(input.value, function () {
      var first = links()[0];
      if (first) window.location.href = first.href;
    });
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      clearTimeout(timer);
      var focusFirst = function () {
        var first = links()[0];
        if (first) first.focus();
      };
      if (list.firstChild) focusFirst(); else show(input.value, focusFirst);
    } else if (event.key === "Escape") {
      event.preventDefault();
      clear();
    }
  });

  list.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (at >= 0 && at + 1 < all.length) all[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (at > 0) all[at - 1].focus(); else input.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      clear();
      input.focus();
    }
    // Enter on a focused result is the link's own behaviour: it opens the page.
  });

  // Start loading the document list as soon as the reader heads for the box.
  input.addEventListener("focus", function () { withIndex(function () {}); });
  form.hidden = false;
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    input.value = params.get("q");
    show(input.value);
  }
})();
