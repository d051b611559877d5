/* showcase embed (c) the organisers of the 3rd International Cluster Conference.
 *
 *   <script src="https://HOST/embed.js" data-cluster="its-owl" data-lang="en" async></script>
 *   <noscript><a href="https://HOST/embed/clusters/its-owl?lang=en">it's OWL at the 3rd International Cluster Conference</a></noscript>
 *
 * Renders a cluster's card (data-cluster) or, without it, the directory of all clusters with a
 * search box, into a Shadow DOM right after this script tag (or into data-target="#selector"), so
 * neither page's CSS reaches the other. Reads only the public API of the server it came from.
 */
(function () {
  "use strict";
  var DEFAULT_LANGUAGE = {{ default_language|tojson }};
{% raw %}
  var script = document.currentScript;
  if (!script || !script.src) return;
  var BASE = new URL(script.src, location.href).origin;
  var LANG = script.dataset.lang === "de" || script.dataset.lang === "en" ? script.dataset.lang : DEFAULT_LANGUAGE;
  var LABELS = {
    de: {
      conference: "3. Internationale Clusterkonferenz · Berlin 2015",
      stand: "Stand",
      round: function (round, year) { return "Runde " + round + " (" + year + ")"; },
      projects: function (n) { return n === 1 ? "1 Projekt" : n + " Projekte"; },
      innovations: function (n) { return n === 1 ? "1 Innovation" : n + " Innovationen"; },
      website: "Zur Website des Clusters",
      meet: "Treffen beim Matchmaking anfragen",
      search: "Cluster, Projekte, Innovationen suchen",
      results: function (n) { return n === 1 ? "1 Treffer" : n + " Treffer"; },
      none: "Keine Treffer.",
      didYouMean: "Meinten Sie",
      error: "Das Verzeichnis ist gerade nicht erreichbar.",
      missing: "Diesen Cluster gibt es nicht.",
      kinds: { cluster: "Cluster", project: "Projekt", innovation: "Innovation", organisation: "Organisation", session: "Programm" },
      source: "Quelle",
      directory: "Die 15 Spitzencluster",
      loading: "Wird geladen …"
    },
    en: {
      conference: "3rd International Cluster Conference · Berlin 2015",
      stand: "Stand",
      round: function (round, year) { return "Round " + round + " (" + year + ")"; },
      projects: function (n) { return n === 1 ? "1 project" : n + " projects"; },
      innovations: function (n) { return n === 1 ? "1 innovation" : n + " innovations"; },
      website: "Visit the cluster's website",
      meet: "Request a meeting at the matchmaking",
      search: "Search clusters, projects, innovations",
      results: function (n) { return n === 1 ? "1 result" : n + " results"; },
      none: "No results.",
      didYouMean: "Did you mean",
      error: "The directory cannot be reached just now.",
      missing: "There is no such cluster.",
      kinds: { cluster: "Cluster", project: "Project", innovation: "Innovation", organisation: "Organisation", session: "Programme" },
      source: "Source",
      directory: "The 15 leading-edge clusters",
      loading: "Loading …"
    }
  };
  var L = LABELS[LANG];

  var CSS = [
    ":host { all: initial; display: block; contain: content; }",
    ".card { box-sizing: border-box; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif;",
    "  color: #13233a; background: #fff; border: 1px solid #d5dde7; border-radius: 12px; padding: 20px 22px; max-width: var(--showcase-max-width, 640px);",
    "  text-align: left; box-shadow: 0 1px 4px rgba(19,35,58,.08); }",
    ".card * { box-sizing: border-box; }",
    ".eyebrow { font-size: 12px; letter-spacing: .06em; text-transform: uppercase; color: #4f6075; margin: 0 0 6px; }",
    "h2 { font-size: 26px; line-height: 1.2; margin: 0 0 4px; color: #0b3a5d; font-weight: 700; }",
    "h3 { font-size: 18px; margin: 0 0 10px; color: #0b3a5d; }",
    ".name { margin: 0 0 10px; color: #4f6075; }",
    ".field { margin: 0 0 10px; font-weight: 600; color: var(--showcase-accent, #14507d); }",
    ".description { margin: 0 0 14px; }",
    ".facts { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 14px; padding: 0; list-style: none; }",
    ".facts li { background: #eef2f6; border-radius: 999px; padding: 4px 12px; font-size: 14px; }",
    ".facts .stand { background: var(--showcase-accent, #b84a0c); color: #fff; font-weight: 700; }",
    "a { color: var(--showcase-accent, #14507d); font-weight: 600; display: inline-block; min-height: 24px; padding: 2px 0; }",
    ":focus-visible { outline: 3px solid #0b3a5d; outline-offset: 2px; }",
    ".links a { display: inline-block; margin: 4px 16px 0 0; }",
    "input { font: inherit; width: 100%; padding: 10px 14px; border: 2px solid #d5dde7; border-radius: 8px; margin: 0 0 12px; color: #13233a; background: #fff; }",
    "ul.list { list-style: none; margin: 0; padding: 0; }",
    "ul.list li { padding: 10px 0; border-top: 1px solid #e6ecf3; }",
    ".title { font-weight: 700; }",
    ".meta { color: #4f6075; font-size: 14px; }",
    ".kind { display: inline-block; font-size: 12px; font-weight: 700; background: #e6ecf3; color: #0b3a5d; border-radius: 999px; padding: 1px 8px; margin-right: 6px; }",
    "mark { background: #ffe08a; color: inherit; border-radius: 3px; padding: 0 2px; }",
    ".status { color: #4f6075; font-size: 14px; margin: 0 0 8px; }",
    "button.dym { font: inherit; min-height: 24px; min-width: 24px; background: none; border: 0; padding: 0 2px; color: var(--showcase-accent, #14507d); font-weight: 700; text-decoration: underline; cursor: pointer; }"
  ].join("\n");

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var children = Array.prototype.slice.call(arguments, 2);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    });
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  /** The search API's snippet with only its text and <mark> elements kept. */
  function snippet(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    var out = document.createDocumentFragment();
    (function walk(node) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) out.append(document.createTextNode(child.nodeValue));
        else if (child.nodeType === 1 && child.localName === "mark") out.append(el("mark", { text: child.textContent }));
        else if (child.nodeType === 1) walk(child);
      });
    })(template.content);
    return out;
  }

  function api(path, signal) {
    return fetch(BASE + "/api/v1" + path, { signal: signal, headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) {
        if (!response.ok) { var error = new Error("HTTP " + response.status); error.status = response.status; throw error; }
        return response.json().then(function (body) { return { body: body, response: response }; });
      });
  }

  /** Tell the directory which hit of which search a visitor opened: counted per day and query only. */
  function reportOpened(q, kind, slug) {
    var body = JSON.stringify({ q: q, kind: kind, slug: slug });
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(BASE + "/api/v1/search/opened", body)) return;
    } catch (error) { /* fall back to fetch */ }
    fetch(BASE + "/api/v1/search/opened", { method: "POST", body: body, headers: { "Content-Type": "text/plain" },
      credentials: "omit", keepalive: true }).catch(function () {});
  }

  function total(response) {
    try { return JSON.parse(response.headers.get("X-Pagination")).total; } catch (error) { return null; }
  }

  /** Where a hit is: its stand and cluster, an organisation's first cluster with a stand, a session's day and room. */
  function place(hit) {
    var at = hit.stand ? hit : (hit.clusters || []).filter(function (cluster) { return cluster.stand; })[0];
    var parts = [];
    if (at && at.stand) parts.push(L.stand + " " + at.stand.number);
    var cluster = hit.cluster || (at && at.slug ? at : null);
    if (cluster && cluster.short_name) parts.push(cluster.short_name);
    if (hit.kind === "session" && hit.starts_at) {
      parts.push(hit.day + " " + hit.starts_at.slice(11, 16) + "–" + hit.ends_at.slice(11, 16), hit.room);
    }
    return parts.length ? el("div", { class: "meta place", text: parts.join(" · ") }) : null;
  }

  /** Where a hit's facts come from: the source's site and year, linked to the page. */
  function provenance(hit) {
    if (!hit.source) return null;
    var site = hit.source;
    try { site = new URL(hit.source).hostname.replace(/^www\./, ""); } catch (error) { /* keep the raw text */ }
    var year = (hit.source_date || "").slice(0, 4);
    return el("div", { class: "meta source" }, L.source + ": ",
      el("a", { href: hit.source, target: "_blank", rel: "noopener", text: site + (year ? ", " + year : "") }));
  }

  function truncate(text, max) {
    if (!text || text.length <= max) return text || "";
    return text.slice(0, text.lastIndexOf(" ", max)) + " …";
  }

  function mount() {
    var host = el("div", { class: "showcase-embed", "data-showcase": script.dataset.cluster ? "cluster" : "directory" });
    var target = script.dataset.target ? document.querySelector(script.dataset.target) : null;
    if (target) target.append(host);
    else script.insertAdjacentElement("afterend", host);
    var root = host.attachShadow({ mode: "open" });
    if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el("style", { text: CSS }));
    }
    var card = el("div", { class: "card", lang: LANG, part: "card" }, el("p", { class: "status", text: L.loading }));
    root.append(card);
    return card;
  }

  function clusterCard(card, slug) {
    var path = "/clusters/" + encodeURIComponent(slug);
    Promise.all([
      api(path + "?lang=" + LANG + "&expand=stand"),
      api(path + "/projects?page_size=1&fields=slug").then(function (r) { return total(r.response); }, function () { return null; }),
      api(path + "/innovations?page_size=1&fields=slug").then(function (r) { return total(r.response); }, function () { return null; })
    ]).then(function (results) {
      var cluster = results[0].body;
      var facts = el("ul", { class: "facts" },
        cluster.stand ? el("li", { class: "stand", text: L.stand + " " + cluster.stand.number }) : null,
        el("li", { text: cluster.seat.city }),
        el("li", { text: L.round(cluster.round, cluster.year) }),
        results[1] !== null ? el("li", { text: L.projects(results[1]) }) : null,
        results[2] !== null ? el("li", { text: L.innovations(results[2]) }) : null);
      card.replaceChildren(
        el("p", { class: "eyebrow", text: L.conference }),
        el("h2", { text: cluster.short_name }),
        el("p", { class: "name", text: cluster.name }),
        el("p", { class: "field", text: cluster.field }),
        el("p", { class: "description", text: truncate(cluster.description, 320) }),
        facts,
        el("p", { class: "links" },
          el("a", { href: cluster.website, target: "_blank", rel: "noopener", text: L.website + " →" }),
          " ",
          el("a", { class: "meet", href: BASE + "/meet?cluster=" + encodeURIComponent(cluster.slug) + "&lang=" + LANG,
                    target: "_blank", rel: "noopener", "data-action": "meet", text: L.meet + " →" })));
      card.dataset.loaded = "true";
    }).catch(function (error) {
      card.replaceChildren(el("p", { class: "status", text: error.status === 404 ? L.missing : L.error }));
    });
  }

  function directory(card) {
    var clusters = [];
    var websites = {};
    var list = el("ul", { class: "list" });
    var status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    // Search on every key press: one request in flight, the newest input waiting, older answers never shown.
    var inFlight = false;
    var waiting = null;
    var sent = 0;
    var shown = 0;
    var settle = null;
    var shownQuery = "";
    var input = el("input", { type: "search", placeholder: L.search, "aria-label": L.search, autocomplete: "off" });
    card.replaceChildren(el("p", { class: "eyebrow", text: L.conference }), el("h3", { text: L.directory }), input, status, list);

    function showClusters() {
      status.textContent = "";
      list.replaceChildren.apply(list, clusters.map(function (cluster) {
        return el("li", { "data-slug": cluster.slug },
          el("a", { class: "title", href: cluster.website, target: "_blank", rel: "noopener", text: cluster.short_name }),
          el("div", { class: "meta", text: cluster.field }),
          el("div", { class: "meta", text: cluster.seat.city + (cluster.stand ? " · " + L.stand + " " + cluster.stand.number : "") }));
      }));
    }

    function showHits(found) {
      var items = found.hits.map(function (hit) {
        var title = hit.kind === "cluster" && websites[hit.slug]
          ? el("a", { class: "title", href: websites[hit.slug], target: "_blank", rel: "noopener", text: hit.title })
          : el("span", { class: "title", text: hit.title });
        return el("li", { "data-kind": hit.kind, "data-slug": hit.slug },
          el("span", { class: "kind", text: L.kinds[hit.kind] || hit.kind }), title,
          place(hit), el("div", { class: "meta snippet" }, snippet(hit.snippet)), provenance(hit));
      });
      status.replaceChildren(L.results(found.total));
      if (!found.total) status.replaceChildren(L.none);
      if (found.did_you_mean) {
        status.append(" · " + L.didYouMean + " ",
          el("button", { type: "button", class: "dym", text: found.did_you_mean, onclick: function () { input.value = found.did_you_mean; run(); } }), "?");
      }
      list.replaceChildren.apply(list, items);
    }

    // Searches made while typing say so (as_you_type=1, not counted); the one the visitor settles on,
    // by pressing Enter or pausing SETTLE_MS, is sent without it.
    var SETTLE_MS = 1500;
    function run(typing) {
      var q = input.value.trim();
      clearTimeout(settle);
      if (!q) { shown = sent; showClusters(); return; }
      var path = "/search?q=" + encodeURIComponent(q) + "&lang=" + LANG + "&page_size=10";
      if (typing === true) {
        settle = setTimeout(function () { api(path).catch(function () {}); }, SETTLE_MS);
      }
      if (inFlight) { waiting = typing === true ? "typing" : "settled"; return; }
      inFlight = true;
      var sequence = ++sent;
      var fresh = function () { return sequence > shown && input.value.trim(); };
      api(typing === true ? path + "&as_you_type=1" : path)
        .then(function (result) { if (fresh()) { shown = sequence; shownQuery = q; showHits(result.body); } })
        .catch(function () { if (fresh()) status.textContent = L.error; })
        .then(function () {
          inFlight = false;
          var again = waiting;
          waiting = null;
          if (again) run(again === "typing");
        });
    }

    input.addEventListener("input", function () { run(true); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") run();
    });
    list.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a");
      var item = link && link.closest("li[data-kind]");
      if (item && shownQuery) reportOpened(shownQuery, item.dataset.kind, item.dataset.slug);
    });
    api("/clusters?lang=" + LANG + "&page_size=100&expand=stand").then(function (result) {
      clusters = result.body;
      clusters.forEach(function (cluster) { websites[cluster.slug] = cluster.website; });
      showClusters();
      card.dataset.loaded = "true";
    }).catch(function () { status.textContent = L.error; });
  }

  var card = mount();
  if (script.dataset.cluster) clusterCard(card, script.dataset.cluster);
  else directory(card);
{% endraw %}
})();
