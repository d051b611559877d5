// The kiosk: attract screen with the map, search as you type, cluster, project, innovation and
// organisation pages, the programme, two languages, an idle reset, and offline operation.

import { createClock, dayOf, timeOf, parseLocal } from "./clock.js";
import { SNAPSHOT_URL, fetchJSON, find, isUnreachable, loadSnapshot, setOnline, state, subscribe } from "./data.js";
import { clear, h, segmentsFragment, snippetFragment } from "./dom.js";
import { drawFloorPlan } from "./floorplan.js";
import { LANGUAGES, formatDay, formatTime, language, pick, pickLanguage, setLanguage, t, translatePage } from "./i18n.js";
import { watchIdle } from "./idle.js";
import { createKeyboard } from "./keyboard.js";
import { rememberStation, setUpKiosk, station } from "./kiosk-token.js";
import { createLatest } from "./latest.js";
import { createModes } from "./modes.js";
import { createShortlist, renderShortlist, starButton } from "./shortlist.js";
import { createSpotlight } from "./spotlight.js";
import { buildIndex, searchLocal } from "./local-search.js";
import { drawMap, highlightStates } from "./map.js";
import { showWayfinding } from "./route.js";

const body = document.body;
const params = new URLSearchParams(location.search);
const positiveNumber = (value, fallback) => (Number(value) > 0 ? Number(value) : fallback);
const config = {
  // A kiosk's own language and idle time: from its record, as the page was served or as stored for offline starts.
  defaultLanguage: LANGUAGES.includes(params.get("lang")) ? params.get("lang") : station?.defaultLanguage || body.dataset.defaultLanguage,
  idleSeconds: positiveNumber(params.get("idle"), positiveNumber(station?.idleSeconds, positiveNumber(body.dataset.idleSeconds, 90))),
  refreshSeconds: positiveNumber(params.get("refresh"), positiveNumber(body.dataset.refreshSeconds, 300)),
  spotlightSeconds: positiveNumber(params.get("spotlight"), 8),
  clock: createClock(params.get("now")),
};
// A search typed and then left alone this long is sent once more without as_you_type, to be counted.
const SEARCH_SETTLE = 1500;
const OFFLINE_RETRY_SECONDS = 15;
const KINDS = ["cluster", "project", "innovation", "organisation", "session"];
const ROUTE_OF_KIND = { cluster: "clusters", project: "projects", innovation: "innovations", organisation: "organisations" };

const view = document.getElementById("view");
const input = document.getElementById("q");
const clearButton = document.getElementById("search-clear");
const suggestionsBox = document.getElementById("suggestions");
const statusBox = document.getElementById("status");
const announcer = document.getElementById("announce");
const keyboard = createKeyboard(document.getElementById("keyboard"), input);
const modes = createModes(document.querySelectorAll("[data-mode]"));
const shortlist = createShortlist((count) => {
  for (const badge of document.querySelectorAll("[data-shortlist-count]")) badge.textContent = count ? String(count) : "";
});

let currentRoute = null;
let localIndex = null;
let localIndexVersion = null;
let updateWaiting = false;
const search = { last: null, typing: false, settle: null, settled: null };
const searcher = createLatest(searchOnce, showSearchAnswer);
const suggester = createLatest(
  ({ url }) => fetchJSON(url, { timeout: 2500 }).then(({ body }) => body.suggestions || []).catch(() => []),
  (suggestions) => { if (input.value.trim()) showSuggestions(suggestions); });

// ---------------------------------------------------------------- routing

function parseRoute() {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean);
  const routeParams = new URLSearchParams(query);
  if (!parts.length) return { name: "attract", params: routeParams };
  if (parts[0] === "search") return { name: "search", params: routeParams };
  if (parts[0] === "programme") return { name: "programme", params: routeParams };
  if (parts[0] === "shortlist") return { name: "shortlist", params: routeParams };
  const names = { clusters: "cluster", projects: "project", innovations: "innovation", organisations: "organisation" };
  if (names[parts[0]] && parts[1]) return { name: names[parts[0]], slug: decodeURIComponent(parts[1]), params: routeParams };
  return { name: "attract", params: routeParams };
}

function go(hash, { replace = false } = {}) {
  if (location.hash === hash || (hash === "#/" && !location.hash)) {
    render();
    return;
  }
  if (replace) history.replaceState(null, "", hash);
  else history.pushState(null, "", hash);
  render();
}

function hrefFor(kind, slug) {
  if (kind === "session") {
    const session = find()?.sessions.get(slug);
    return `#/programme?day=${session ? session.day : ""}&session=${encodeURIComponent(slug)}`;
  }
  return `#/${ROUTE_OF_KIND[kind]}/${encodeURIComponent(slug)}`;
}

function render({ keepScroll = false } = {}) {
  const route = parseRoute();
  const sameRoute = currentRoute && currentRoute.name === route.name && currentRoute.slug === route.slug;
  currentRoute = route;
  body.dataset.view = route.name;
  for (const button of document.querySelectorAll(".nav [data-nav]")) {
    const active = (button.dataset.nav === "home" && route.name === "attract") || button.dataset.nav === route.name;
    button.setAttribute("aria-current", active ? "page" : "false");
  }
  if (!state.snapshot) return;
  const scroll = view.scrollTop;
  if (route.name !== "search") hideSuggestions();
  const renderers = {
    attract: renderAttract, search: renderSearch, cluster: renderCluster, project: renderProject,
    innovation: renderInnovation, organisation: renderOrganisation, programme: renderProgramme,
    shortlist: () => renderShortlist(view, shortlist, { open: (kind, slug) => go(hrefFor(kind, slug)), onCodeClosed: () => go("#/") }),
  };
  renderers[route.name](route);
  if (keepScroll && sameRoute) view.scrollTop = scroll;
  else if (!(route.name === "search" && sameRoute)) view.scrollTop = 0;
}

// ---------------------------------------------------------------- shared pieces

function backButton() {
  return h("button", { type: "button", class: "back", onclick: () => (history.length > 1 ? history.back() : go("#/")) },
    h("span", { "aria-hidden": "true" }, "← "), t("nav.back"));
}

function linkButton(kind, slug, ...content) {
  return h("button", { type: "button", class: `record-link kind-${kind}`, "data-kind": kind, "data-slug": slug, onclick: () => go(hrefFor(kind, slug)) }, ...content);
}

function badge(text, extra = "") {
  return h("span", { class: `badge ${extra}` }, text);
}

function paragraphs(texts) {
  const lang = pickLanguage(texts);
  return pick(texts).split(/\n\s*\n/).map((part) => h("p", { lang: lang === language() ? null : lang }, part));
}

/** A record's text as shown: in a <span lang> where it falls back to the other language (WCAG 3.1.2). */
function shown(texts) {
  const lang = pickLanguage(texts);
  return lang === language() ? pick(texts) : h("span", { lang }, pick(texts));
}

/** Where a record's facts come from: the source's site and year, as text (a kiosk never leaves the directory). */
function provenance(record) {
  let site = record.source;
  try { site = new URL(record.source).hostname.replace(/^www\./, ""); } catch (error) { /* keep the raw text */ }
  return h("p", { class: "provenance", "data-source": record.source },
    h("span", { class: "provenance-label" }, `${t("source.label")}: `),
    t("source.note", site, (record.source_date || "").slice(0, 4)));
}

/** The mark a session's time carries while it is planned rather than announced. */
function provisionalMark(session) {
  return session.times_provisional ? h("span", { class: "provisional", title: t("programme.provisionalNote") }, t("programme.provisional")) : null;
}

function section(title, count, ...content) {
  return h("section", { class: "panel" }, h("h2", {}, title, count !== null ? h("span", { class: "count" }, ` ${count}`) : null), ...content);
}

function clusterName(slug) {
  return find()?.clusters.get(slug)?.short_name || slug;
}

function notFound() {
  clear(view).append(h("div", { class: "detail" }, backButton(), h("p", { class: "empty" }, t("notfound"))));
}

// ---------------------------------------------------------------- attract screen

function renderAttract() {
  const { snapshot } = state;
  const clusters = [...snapshot.clusters].sort((a, b) => a.short_name.localeCompare(b.short_name, "de"));
  const mapBox = h("div", { class: "map", role: "group", "aria-label": t("map.label") });
  const rounds = [1, 2, 3].map((round) => {
    const year = clusters.find((cluster) => cluster.round === round)?.year;
    return h("li", { class: `round-${round}` }, h("span", { class: "dot", "aria-hidden": "true" }), t("cluster.round", round, year ?? ""));
  });
  const tiles = clusters.map((cluster) => h("button", {
    type: "button", class: `cluster-tile round-${cluster.round}`, "data-slug": cluster.slug,
    onclick: () => go(hrefFor("cluster", cluster.slug)),
  },
  h("span", { class: "tile-name" }, cluster.short_name),
  h("span", { class: "tile-meta" }, cluster.seat.city),
  cluster.stand ? h("span", { class: "tile-stand" }, `${t("cluster.stand")} ${cluster.stand.number}`) : null));
  clear(view).append(h("section", { class: "attract" },
    h("div", { class: "map-panel" }, mapBox, h("ul", { class: "legend" }, rounds), h("p", { class: "attribution" }, t("map.attribution"))),
    h("div", { class: "attract-panel" },
      h("h1", {}, t("attract.title")),
      h("p", { class: "lead" }, t("attract.lead")),
      h("div", { class: "cluster-grid" }, tiles),
      spotlight(),
      nowCard(),
      h("p", { class: "touch-hint", "aria-hidden": "true" }, t("attract.touch")))));
  drawMap(mapBox, snapshot.clusters, { onSelect: (slug) => go(hrefFor("cluster", slug)), venueLabel: "WECC" })
    .catch((error) => console.warn("map", error));
}

/** Featured innovations and the sessions coming next, in turn. */
function spotlight() {
  const lookups = find();
  const innovations = state.snapshot.innovations.filter((innovation) => innovation.featured).map((innovation) => ({
    kind: "innovation", slug: innovation.slug, label: t("spotlight.innovation"), title: pick(innovation.title),
    meta: [clusterName(innovation.cluster), (lookups.standsByInnovation.get(innovation.slug) || lookups.standsByCluster.get(innovation.cluster))
      ?.number].filter(Boolean).join(" · "),
  }));
  const sessions = programmeNow().upcoming.slice(0, 3).map((session) => ({
    kind: "session", slug: session.slug, label: t("attract.next"), title: pick(session.title), meta: `${nextWhen(session)} · ${session.room}`,
  }));
  const items = innovations.flatMap((item, index) => (sessions[index] ? [item, sessions[index]] : [item]))
    .concat(sessions.slice(innovations.length));
  return createSpotlight(items, { seconds: config.spotlightSeconds, open: (item) => go(hrefFor(item.kind, item.slug)) });
}

/** "30. Juni, 9:30" / "30 June, 9:30": when a session starts, as the idle screen says it. */
function nextWhen(session) {
  const [hours, minutes] = session.starts_at.slice(11, 16).split(":");
  const day = new Intl.DateTimeFormat(language() === "de" ? "de-DE" : "en-GB", { day: "numeric", month: "long", timeZone: "UTC" })
    .format(new Date(`${session.day}T12:00:00Z`));
  return `${day}, ${Number(hours)}:${minutes}`;
}

function nextLine(upcoming, tag = "p") {
  return upcoming.length ? h(tag, { class: "next-line" }, t("attract.nextLine", nextWhen(upcoming[0]), pick(upcoming[0].title))) : null;
}

function nowCard() {
  const { running, next, upcoming } = programmeNow();
  const list = (sessions) => h("ul", { class: "now-list" }, sessions.map((session) => h("li", {},
    h("button", { type: "button", class: "now-item", "data-slug": session.slug, onclick: () => go(hrefFor("session", session.slug)) },
      h("span", { class: "time" }, `${session.starts_at.slice(11, 16)}–${session.ends_at.slice(11, 16)}`, provisionalMark(session)),
      h("span", { class: "title" }, shown(session.title)),
      h("span", { class: "room" }, session.room)))));
  return h("div", { class: "now-card" },
    running.length ? [h("h2", {}, t("attract.now")), list(running.slice(0, 3))] : null,
    !running.length && upcoming.length ? [nextLine(upcoming, "h2"), next.length ? list(next.slice(0, 3)) : null] : null,
    !running.length && !upcoming.length ? h("p", { class: "next-line" }, t("attract.over")) : null,
    h("button", { type: "button", class: "more", onclick: () => go("#/programme") }, `${t("attract.programme")} →`));
}

// ---------------------------------------------------------------- search

/** Search on every key press: the route follows the input at once, the requests go through createLatest. */
function scheduleSearch() {
  const q = input.value;
  clearButton.hidden = !q;
  clearTimeout(search.settle);
  if (!q.trim()) {
    searcher.cancel();
    hideSuggestions();
    if (currentRoute?.name === "search") go("#/", { replace: true });
    return;
  }
  const routeParams = currentRoute?.name === "search" ? new URLSearchParams(currentRoute.params) : new URLSearchParams();
  routeParams.set("q", q.trim());
  search.typing = true;
  go(`#/search?${routeParams}`, { replace: currentRoute?.name === "search" });
}

/** The search API's answer, or the offline index's when the server is out of reach. */
function searchOnce({ url, q, kind, cluster }) {
  return fetchJSON(url, { timeout: 4000 })
    .then(({ body: found }) => {
      setOnline(true);
      return found;
    })
    .catch((error) => {
      if (isUnreachable(error) && !(error?.status >= 500)) setOnline(false);
      return localSearch(q, kind, cluster);
    });
}

function showSearchAnswer(found, { key, q, kind, cluster, group }) {
  search.last = { key, body: found };
  const target = view.querySelector(".search-view");
  if (!target || currentRoute?.name !== "search") return;
  showResults(target, found, { kind, cluster, group });
  target.dataset.q = q;
  // Suggestions follow the results, so that the two requests never compete for the server.
  if (input.value.trim()) fetchSuggestions(input.value);
}

function localSearch(q, kind, cluster) {
  if (!localIndex || localIndexVersion !== state.version) {
    localIndex = buildIndex(state.snapshot);
    localIndexVersion = state.version;
  }
  return searchLocal(localIndex, q, { kind, cluster, lang: language() });
}

function renderSearch(route) {
  const q = route.params.get("q") || "";
  const kind = route.params.get("kind");
  const cluster = route.params.get("cluster");
  const group = route.params.get("group") === "stand" ? "stand" : null;
  if (input.value.trim() !== q) {
    input.value = q;
    clearButton.hidden = !q;
  }
  let results = view.querySelector(".search-view");
  if (!results) {
    results = h("section", { class: "search-view" });
    clear(view).append(results);
  }
  const key = JSON.stringify([q, kind, cluster, group, language()]);
  const typing = search.typing;
  search.typing = false;
  if (search.last && search.last.key === key) {
    showResults(results, search.last.body, { kind, cluster, group });
    return;
  }
  const query = new URLSearchParams({ q, lang: language(), page_size: "30" });
  if (kind) query.set("kind", kind);
  if (cluster) query.set("cluster", cluster);
  // A tap on a facet settles the typed search at once; a new query drops the one typed before it.
  if (!typing && search.settled?.q === q) search.settled();
  clearTimeout(search.settle);
  search.settled = null;
  if (group) query.set("group", group);
  if (typing) {
    const url = `/api/v1/search?${query}`;
    const settled = () => {
      search.settled = null;
      fetchJSON(url, { timeout: 4000 }).catch(() => {});
    };
    settled.q = q;
    search.settled = settled;
    search.settle = setTimeout(settled, SEARCH_SETTLE);
    query.set("as_you_type", "1");
  }
  results.setAttribute("aria-busy", "true");
  searcher.request({ url: `/api/v1/search?${query}`, key, q, kind, cluster, group });
}

function facetChips(name, values, active, total) {
  const setFacet = (value) => {
    hideSuggestions();
    const routeParams = new URLSearchParams(currentRoute.params);
    if (value) routeParams.set(name, value);
    else routeParams.delete(name);
    go(`#/search?${routeParams}`, { replace: true });
  };
  const chips = [h("button", { type: "button", class: "chip", "data-facet": name, "data-value": "", "aria-pressed": String(!active), onclick: () => setFacet(null) },
    t("search.all"), h("span", { class: "count" }, String(total)))];
  for (const facet of values) {
    const label = name === "kind" ? t(`kinds.${facet.value}`) : pick(facet.label) || clusterName(facet.value);
    chips.push(h("button", {
      type: "button", class: `chip${name === "kind" ? ` kind-${facet.value}` : ""}`, "data-facet": name, "data-value": facet.value,
      "aria-pressed": String(active === facet.value), onclick: () => setFacet(active === facet.value ? null : facet.value),
    }, label, h("span", { class: "count" }, String(facet.count))));
  }
  return h("div", { class: `chips facet-${name}`, role: "group", "aria-label": t(name === "kind" ? "search.kinds" : "search.clusters") }, chips);
}

// Where a hit is, in one line: stand and cluster, or an organisation's first cluster with a stand, or a session's day and room.
function hitPlace(hit) {
  const at = hit.stand ? hit : (hit.clusters || []).find((each) => each.stand);
  const cluster = hit.cluster || (at?.slug ? at : null);
  const parts = [];
  if (at?.stand) parts.push(`${t("cluster.stand")} ${at.stand.number}`);
  if (cluster?.short_name) parts.push(cluster.short_name);
  if (hit.kind === "session" && hit.starts_at) parts.push(`${hit.starts_at.slice(11, 16)}–${hit.ends_at.slice(11, 16)}`, hit.room);
  return parts.length ? h("span", { class: "result-place" }, parts.join(" · ")) : null;
}

function groupToggle(group) {
  const routeParams = new URLSearchParams(currentRoute.params);
  if (group) routeParams.delete("group");
  else routeParams.set("group", "stand");
  return h("button", { type: "button", class: "chip group-toggle", "aria-pressed": String(Boolean(group)),
    onclick: () => go(`#/search?${routeParams}`, { replace: true }) }, t("search.byStand"));
}

function standGroups(groups) {
  return groups.map((group) => h("section", { class: "stand-group", "data-stand": group.stand?.number || "" },
    h("h3", { class: "stand-group-head" }, group.stand
      ? t("search.atStand", group.count, group.stand.number, group.cluster?.short_name || "")
      : t("search.noStand", group.count)),
    h("ol", { class: "results" }, group.hits.map(resultItem))));
}

function resultItem(hit) {
  const snippet = hit.segments ? segmentsFragment(hit.segments) : snippetFragment(hit.snippet);
  return h("li", {},
    h("button", { type: "button", class: `result kind-${hit.kind}`, "data-kind": hit.kind, "data-slug": hit.slug, onclick: () => openHit(hit) },
      h("span", { class: "result-head" }, badge(t(`kind.${hit.kind}`), `kind-${hit.kind}`), hitPlace(hit) || localPlace(hit)),
      h("span", { class: "result-title" }, shown(hit.title)),
      h("span", { class: "snippet", lang: hit.snippet_lang || null }, snippet)));
}

// Offline, the local search's hits carry no place: the snapshot's records give their cluster and its stand.
function localPlace(hit) {
  const record = lookupHit(hit);
  const links = hit.kind === "cluster" ? [hit.slug] : hit.kind === "organisation" ? record?.clusters || [] : [record?.cluster];
  const clusters = find().clusters;
  const cluster = links.map((link) => clusters.get(typeof link === "string" ? link : link?.slug)).find(Boolean);
  if (!cluster) return null;
  const number = typeof cluster.stand === "string" ? cluster.stand : cluster.stand?.number;
  return hitPlace({ kind: hit.kind, stand: number ? { number } : null, cluster: { short_name: cluster.short_name } });
}

function showResults(container, found, { kind, cluster, group }) {
  container.removeAttribute("aria-busy");
  announce(found.total ? t("search.results", found.total) : t("search.none"));
  const kindValues = [...(found.facets?.kind || [])].sort((a, b) => KINDS.indexOf(a.value) - KINDS.indexOf(b.value));
  const kindTotal = kindValues.reduce((sum, facet) => sum + facet.count, 0);
  const clusterValues = found.facets?.cluster || [];
  const clusterTotal = kind ? (kindValues.find((facet) => facet.value === kind)?.count ?? found.total) : kindTotal;
  const grouped = Array.isArray(found.groups);
  const hits = grouped ? [] : found.hits.map(resultItem);
  container.replaceChildren(...[
    h("div", { class: "results-head" },
      h("h1", { class: "total" }, t("search.results", found.total)),
      found.offline ? h("p", { class: "offline-note" }, t("search.offline")) : groupToggle(group)),
    found.did_you_mean ? h("p", { class: "did-you-mean" }, `${t("search.didYouMean")}: `,
      h("button", { type: "button", class: "suggestion-button", onclick: () => applyQuery(found.did_you_mean) }, found.did_you_mean), " ?") : null,
    kindValues.length ? facetChips("kind", kindValues, kind, kindTotal) : null,
    clusterValues.length > 1 || cluster ? facetChips("cluster", clusterValues, cluster, clusterTotal) : null,
    grouped && found.groups.length ? h("div", { class: "stand-groups" }, standGroups(found.groups))
      : hits.length ? h("ol", { class: "results" }, hits) : h("p", { class: "empty" }, t("search.none")),
  ].filter(Boolean));
}

/** Say the result count (or that there is none) through the page's one live region. */
function announce(text) {
  if (announcer.textContent !== text) announcer.textContent = text;
}

function lookupHit(hit) {
  const lookups = find();
  const table = { cluster: lookups.clusters, project: lookups.projects, innovation: lookups.innovations, organisation: lookups.organisations, session: lookups.sessions }[hit.kind];
  return table?.get(hit.slug);
}

function openHit(hit) {
  keyboard.hide();
  hideSuggestions();
  // Opening a hit settles the search at once; then the directory learns which hit it led to.
  clearTimeout(search.settle);
  search.settled?.();
  const q = currentRoute?.name === "search" ? currentRoute.params.get("q") : null;
  if (q) reportOpened(q, hit.kind, hit.slug);
  go(hrefFor(hit.kind, hit.slug));
}

function reportOpened(q, kind, slug) {
  const body = JSON.stringify({ q, kind, slug });
  if (!navigator.sendBeacon?.("/api/v1/search/opened", body)) {
    fetch("/api/v1/search/opened", { method: "POST", body, headers: { "Content-Type": "text/plain" }, keepalive: true }).catch(() => {});
  }
}

function applyQuery(text) {
  input.value = text;
  clearButton.hidden = !text;
  hideSuggestions();
  const routeParams = new URLSearchParams();
  routeParams.set("q", text);
  go(`#/search?${routeParams}`, { replace: currentRoute?.name === "search" });
}

function fetchSuggestions(q) {
  suggester.request({ url: `/api/v1/suggest?${new URLSearchParams({ q, lang: language(), limit: "6" })}` });
}

function showSuggestions(suggestions) {
  if (!suggestions.length) {
    suggestionsBox.hidden = true;
    suggestionsBox.replaceChildren();
    return;
  }
  suggestionsBox.replaceChildren(h("span", { class: "label" }, t("search.suggestions")), ...suggestions.map((suggestion) => h("button", {
    type: "button", class: `suggestion ${suggestion.kind}`, onpointerdown: (event) => event.preventDefault(),
    onclick: () => {
      const words = input.value.replace(/\s+$/, "").split(/\s+/);
      const text = suggestion.kind === "term" ? [...words.slice(0, -1), suggestion.text].join(" ") : suggestion.text;
      applyQuery(text);
    },
  }, suggestion.text)));
  suggestionsBox.hidden = false;
}

function hideSuggestions() {
  suggester.cancel();
  suggestionsBox.hidden = true;
  suggestionsBox.replaceChildren();
}

// ---------------------------------------------------------------- cluster page

function renderCluster(route) {
  const lookups = find();
  const cluster = lookups.clusters.get(route.slug);
  if (!cluster) { notFound(); return; }
  const { snapshot } = state;
  const projects = snapshot.projects.filter((project) => project.cluster === cluster.slug);
  const innovations = snapshot.innovations.filter((innovation) => innovation.cluster === cluster.slug);
  const partners = [...(cluster.organisations || [])].sort((a, b) => a.name.localeCompare(b.name, "de"));
  const stand = cluster.stand;
  const plan = h("div", { class: "plan" });
  clear(view).append(h("article", { class: "detail cluster-detail", "data-slug": cluster.slug },
    h("div", { class: "detail-bar" }, backButton(), badge(t("cluster.round", cluster.round, cluster.year), `round-${cluster.round}`),
      starButton(shortlist, "cluster", cluster.slug)),
    h("header", { class: "detail-head" },
      h("h1", {}, cluster.short_name),
      h("p", { class: "subtitle" }, shown(cluster.name))),
    h("div", { class: "columns" },
      h("div", { class: "main-column" },
        h("p", { class: "lead" }, shown(cluster.field)),
        ...paragraphs(cluster.description),
        h("dl", { class: "facts" },
          h("dt", {}, t("cluster.seat")), h("dd", {}, cluster.seat.city),
          h("dt", {}, t("cluster.region")), h("dd", {}, cluster.region),
          h("dt", {}, t("cluster.states")), h("dd", {}, cluster.states.join(", ")),
          h("dt", {}, t("cluster.managing")), h("dd", {}, cluster.managing_body),
          h("dt", {}, t("cluster.website")), h("dd", { class: "url" }, cluster.website.replace(/^https?:\/\//, "").replace(/\/$/, "")))),
      h("aside", { class: "stand-card" },
        stand
          ? [h("p", { class: "stand-number" }, `${t("cluster.stand")} `, h("strong", {}, stand.number)),
            h("p", { class: "stand-area" }, shown(stand.hall_area)), plan,
            h("p", { class: "stand-hint" }, t("cluster.standHere"))]
          : h("p", {}, t("cluster.noStand")),
        meetButton(cluster))),
    h("div", { class: "lists" },
      section(t("cluster.projects"), projects.length, h("ul", { class: "link-list" },
        projects.map((project) => h("li", {}, linkButton("project", project.slug, shown(project.title)))))),
      section(t("cluster.innovations"), innovations.length, h("ul", { class: "link-list" },
        innovations.map((innovation) => h("li", {}, linkButton("innovation", innovation.slug,
          shown(innovation.title), h("span", { class: "meta" }, t(`ikind.${innovation.kind}`))))))),
      section(t("cluster.partners"), partners.length, h("ul", { class: "link-list" },
        partners.map((organisation) => h("li", {}, linkButton("organisation", organisation.slug,
          organisation.name, h("span", { class: "meta" }, organisation.city)))))))));
  if (stand) showFloorPlan(plan, stand.number);
}

// ---------------------------------------------------------------- request a meeting

/** The "Request a meeting" action: a QR code of the phone page, never a form on this shared screen. */
function meetButton(cluster) {
  return h("button", { type: "button", class: "meet-button", "data-action": "meet", onclick: () => showMeetQr(cluster) },
    t("meet.request"));
}

function showMeetQr(cluster) {
  view.querySelector(".meet-panel")?.remove();
  const query = new URLSearchParams({ cluster: cluster.slug, lang: language() });
  const url = `${body.dataset.meetUrl || `${location.origin}/meet`}?${query}`;
  const close = () => panel.remove();
  const panel = h("div", { class: "meet-panel", role: "dialog", "aria-modal": "true", "aria-labelledby": "meet-title",
    onclick: (event) => { if (event.target === panel) close(); }, onkeydown: (event) => { if (event.key === "Escape") close(); } },
  h("div", { class: "meet-card" },
    h("h2", { id: "meet-title" }, t("meet.title", cluster.short_name)),
    h("p", {}, t("meet.scan")),
    h("img", { class: "meet-qr", src: `/kiosk/qr.svg?${query}`, alt: t("meet.qrAlt"), "data-url": url, width: 320, height: 320 }),
    h("p", { class: "meet-url" }, url.replace(/^https?:\/\//, "")),
    h("p", { class: "meet-privacy" }, t("meet.privacy")),
    h("button", { type: "button", class: "meet-close", onclick: close }, t("meet.close"))));
  view.append(panel);
  panel.querySelector(".meet-close").focus();
}

/** Draw the floor plan from the snapshot at once, then from /api/v1/floor-plan if that differs. */
function showFloorPlan(container, number) {
  const draw = (plan) => {
    const names = new Map(state.snapshot.clusters.map((cluster) => [cluster.slug, cluster.short_name]));
    container.replaceChildren(drawFloorPlan(plan, {
      highlight: number, names, entranceLabel: t("floor.entrance"), label: t("floor.label", number),
      onSelect: (slug) => go(hrefFor("cluster", slug)),
    }));
    showWayfinding(container, number);
  };
  draw(state.snapshot.floor_plan);
  const drawn = JSON.stringify(state.snapshot.floor_plan);
  fetchJSON("/api/v1/floor-plan?lang=all", { timeout: 2500 })
    .then(({ body: plan }) => {
      setOnline(true);
      if (JSON.stringify(plan) !== drawn && container.isConnected) draw(plan);
    })
    .catch((error) => { if (isUnreachable(error) && !(error?.status >= 500)) setOnline(false); });
}

// ---------------------------------------------------------------- project, innovation, organisation

function formatMonth(isoDate) {
  if (!isoDate) return "";
  const [year, month] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(language() === "de" ? "de-DE" : "en-GB", { month: "short", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(year, month - 1, 1)));
}

function renderProject(route) {
  const lookups = find();
  const project = lookups.projects.get(route.slug);
  if (!project) { notFound(); return; }
  const partners = project.organisations.map((slug) => lookups.organisations.get(slug)).filter(Boolean);
  const innovations = project.innovations.map((slug) => lookups.innovations.get(slug)).filter(Boolean);
  const topics = (project.topics?.[language()] || []);
  clear(view).append(h("article", { class: "detail project-detail", "data-slug": project.slug },
    h("div", { class: "detail-bar" }, backButton(), badge(t("kind.project"), "kind-project"), starButton(shortlist, "project", project.slug)),
    h("header", { class: "detail-head" },
      h("h1", {}, shown(project.title)),
      linkButton("cluster", project.cluster, clusterName(project.cluster))),
    h("div", { class: "columns" },
      h("div", { class: "main-column" },
        ...paragraphs(project.summary),
        topics.length ? h("ul", { class: "topics", "aria-label": t("project.topics") }, topics.map((topic) => h("li", {}, topic))) : null),
      h("aside", { class: "facts-card" },
        h("dl", { class: "facts" },
          project.funding_start ? [h("dt", {}, t("project.funding")),
            h("dd", {}, `${formatMonth(project.funding_start)} – ${formatMonth(project.funding_end)}`)] : null,
          h("dt", {}, t("project.cluster")), h("dd", {}, clusterName(project.cluster))),
        provenance(project))),
    h("div", { class: "lists" },
      partners.length ? section(t("project.partners"), partners.length, h("ul", { class: "link-list" },
        partners.map((organisation) => h("li", {}, linkButton("organisation", organisation.slug, organisation.name,
          h("span", { class: "meta" }, organisation.city)))))) : null,
      innovations.length ? section(t("project.innovations"), innovations.length, h("ul", { class: "link-list" },
        innovations.map((innovation) => h("li", {}, linkButton("innovation", innovation.slug, shown(innovation.title)))))) : null)));
}

function renderInnovation(route) {
  const lookups = find();
  const innovation = lookups.innovations.get(route.slug);
  if (!innovation) { notFound(); return; }
  const project = innovation.project ? lookups.projects.get(innovation.project) : null;
  const stand = lookups.standsByInnovation.get(innovation.slug) || lookups.standsByCluster.get(innovation.cluster);
  const plan = h("div", { class: "plan" });
  clear(view).append(h("article", { class: "detail innovation-detail", "data-slug": innovation.slug },
    h("div", { class: "detail-bar" }, backButton(), badge(t("kind.innovation"), "kind-innovation"),
      badge(t(`ikind.${innovation.kind}`)), badge(`${t("innovation.maturity")}: ${t(`maturity.${innovation.maturity}`)}`),
      starButton(shortlist, "innovation", innovation.slug)),
    h("header", { class: "detail-head" },
      h("h1", {}, shown(innovation.title)),
      h("div", { class: "head-links" },
        linkButton("cluster", innovation.cluster, clusterName(innovation.cluster)),
        project ? linkButton("project", project.slug, shown(project.title)) : null)),
    h("div", { class: "columns" },
      h("div", { class: "main-column" }, ...paragraphs(innovation.description), provenance(innovation)),
      stand ? h("aside", { class: "stand-card" },
        h("p", { class: "stand-number" }, `${t("innovation.stand")} `, h("strong", {}, stand.number)),
        h("p", { class: "stand-area" }, shown(stand.hall_area)), plan) : null)));
  if (stand) showFloorPlan(plan, stand.number);
}

function renderOrganisation(route) {
  const lookups = find();
  const organisation = lookups.organisations.get(route.slug);
  if (!organisation) { notFound(); return; }
  const projects = organisation.projects.map((slug) => lookups.projects.get(slug)).filter(Boolean);
  clear(view).append(h("article", { class: "detail organisation-detail", "data-slug": organisation.slug },
    h("div", { class: "detail-bar" }, backButton(), badge(t("kind.organisation"), "kind-organisation"), badge(t(`otype.${organisation.type}`))),
    h("header", { class: "detail-head" },
      h("h1", {}, organisation.name),
      h("p", { class: "subtitle" }, organisation.city)),
    h("div", { class: "lists" },
      section(t("organisation.clusters"), organisation.clusters.length, h("ul", { class: "link-list" },
        organisation.clusters.map((slug) => h("li", {}, linkButton("cluster", slug, clusterName(slug)))))),
      projects.length ? section(t("organisation.projects"), projects.length, h("ul", { class: "link-list" },
        projects.map((project) => h("li", {}, linkButton("project", project.slug, shown(project.title)))))) : null)));
}

// ---------------------------------------------------------------- programme

function sessionState(session, now) {
  const starts = parseLocal(session.starts_at);
  const ends = parseLocal(session.ends_at);
  if (now >= ends) return "over";
  if (now >= starts) return "now";
  return "later";
}

/** Sessions on now, and those starting next today (the all-day exhibition aside). */
function programmeNow() {
  const now = config.clock.now();
  const today = dayOf(now);
  const sessions = state.snapshot.programme.filter((session) => session.kind !== "exhibition" && session.day === today);
  const running = sessions.filter((session) => sessionState(session, now) === "now");
  const later = sessions.filter((session) => sessionState(session, now) === "later");
  const nextStart = later.length ? later[0].starts_at : null;
  // What comes next on any later day too: the idle screen says it when nothing runs.
  const ahead = state.snapshot.programme.filter((session) => session.kind !== "exhibition" && parseLocal(session.starts_at) > now)
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const upcoming = ahead.filter((session) => session.starts_at === ahead[0].starts_at);
  return { running, next: later.filter((session) => session.starts_at === nextStart), upcoming, now, today };
}

function renderProgramme(route) {
  const { snapshot } = state;
  const days = snapshot.conference.days;
  const { running, next, upcoming, now, today } = programmeNow();
  const tomorrow = dayOf(now + 86400000);
  const chosen = days.includes(route.params.get("day")) ? route.params.get("day") : (days.includes(today) ? today : days[0]);
  const focus = route.params.get("session");
  const dayLabel = (day) => {
    if (day === today) return `${t("programme.today")} · ${formatDay(day)}`;
    if (day === tomorrow) return `${t("programme.tomorrow")} · ${formatDay(day)}`;
    return formatDay(day);
  };
  const tabs = h("div", { class: "day-tabs", role: "tablist" }, days.map((day) => h("button", {
    type: "button", role: "tab", class: "day-tab", "data-day": day, "aria-selected": String(day === chosen),
    onclick: () => go(`#/programme?day=${day}`, { replace: true }),
  }, dayLabel(day))), h("p", { class: "clock", "data-now": new Date(now).toISOString().slice(0, 16) },
    `${formatDay(today)} · ${timeOf(now)}${language() === "de" ? " Uhr" : ""}`));
  const sessions = snapshot.programme.filter((session) => session.day === chosen);
  const exhibition = sessions.filter((session) => session.kind === "exhibition");
  const slots = new Map();
  for (const session of sessions.filter((s) => s.kind !== "exhibition")) {
    if (!slots.has(session.starts_at)) slots.set(session.starts_at, []);
    slots.get(session.starts_at).push(session);
  }
  for (const group of slots.values()) group.sort((a, b) => a.room.localeCompare(b.room, "de"));
  const runningSlugs = new Set(running.map((session) => session.slug));
  const nextSlugs = new Set(next.map((session) => session.slug));
  const sessionCard = (session) => {
    const status = chosen === today ? sessionState(session, now) : (chosen < today ? "over" : "later");
    const marker = runningSlugs.has(session.slug) ? t("programme.now") : nextSlugs.has(session.slug) ? t("programme.next") : null;
    return h("article", {
      class: `session kind-${session.kind} ${status}${runningSlugs.has(session.slug) ? " on-now" : ""}${nextSlugs.has(session.slug) ? " up-next" : ""}${focus === session.slug ? " focus" : ""}`,
      "data-slug": session.slug, id: `session-${session.slug}`,
    },
    h("div", { class: "session-head" },
      marker ? badge(marker, runningSlugs.has(session.slug) ? "now-badge" : "next-badge") : null,
      badge(t(`session.${session.kind}`), `session-kind kind-${session.kind}`),
      h("span", { class: "room" }, session.room),
      h("span", { class: "languages" }, session.languages.map((lang) => lang.toUpperCase()).join(" · ")),
      provisionalMark(session), starButton(shortlist, "session", session.slug)),
    h("h2", { class: "session-title" }, shown(session.title)),
    session.topic ? h("p", { class: "topic" }, shown(session.topic)) : null,
    h("p", { class: "description" }, shown(session.description)));
  };
  const timeline = [...slots.entries()].map(([start, group]) => h("div", { class: `slot${group.length > 1 ? " parallel" : ""}` },
    h("div", { class: "slot-time" },
      h("span", { class: "start" }, start.slice(11, 16)),
      h("span", { class: "end" }, group[0].ends_at.slice(11, 16))),
    h("div", { class: "slot-sessions" }, group.length > 1 ? h("p", { class: "slot-label" }, t("programme.forums")) : null, group.map(sessionCard))));
  clear(view).append(h("section", { class: "programme" },
    h("header", { class: "programme-head" }, h("h1", {}, t("programme.title"))),
    tabs,
    exhibition.map((session) => h("p", { class: "exhibition-banner", "data-slug": session.slug },
      `${session.starts_at.slice(11, 16)}–${session.ends_at.slice(11, 16)} · ${pick(session.title)} · ${session.room} `,
      provisionalMark(session))),
    snapshot.programme.some((session) => session.times_provisional)
      ? h("p", { class: "provisional-note" }, t("programme.provisionalNote")) : null,
    (chosen === today || !days.includes(today)) && !running.length
      ? h("div", { class: "nothing-now" }, h("p", {}, t("programme.nothingNow")), nextLine(upcoming)) : null,
    h("div", { class: "timeline" }, timeline)));
  const target = view.querySelector(focus ? `#session-${CSS.escape(focus)}` : ".session.on-now, .session.up-next");
  if (target) requestAnimationFrame(() => target.scrollIntoView({ block: "center" }));
}

// ---------------------------------------------------------------- status, language, idle

function showStatus() {
  body.classList.toggle("offline", !state.online);
  if (state.online) {
    statusBox.hidden = true;
    statusBox.textContent = "";
    return;
  }
  statusBox.hidden = false;
  statusBox.textContent = state.fetchedAt ? t("status.offline", formatTime(state.fetchedAt)) : t("status.offlineNoTime");
}

function switchLanguage(lang) {
  setLanguage(lang);
  for (const button of document.querySelectorAll("[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === language()));
  translatePage();
  if (keyboard.visible) keyboard.render();
  showStatus();
  if (!suggestionsBox.hidden && input.value) fetchSuggestions(input.value);
  render({ keepScroll: true });
}

function resetToAttract() {
  const atRest = currentRoute?.name === "attract" && !input.value && !keyboard.visible && language() === config.defaultLanguage
    && !modes.active().length && !shortlist.items.length;
  if (atRest && !updateWaiting) return;
  clearTimeout(search.settle);
  search.settled = null;
  modes.reset();
  shortlist.clear();
  searcher.cancel();
  search.last = null;
  input.value = "";
  clearButton.hidden = true;
  input.blur();
  keyboard.hide();
  hideSuggestions();
  if (updateWaiting) {
    location.replace(`${location.pathname}${location.search}`);
    return;
  }
  history.replaceState(null, "", "#/");
  switchLanguage(config.defaultLanguage);
}

// ---------------------------------------------------------------- offline: service worker, refresh

async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  try {
    await navigator.serviceWorker.register("/kiosk/sw.js", { scope: "/kiosk" });
  } catch (error) {
    console.warn("service worker", error);
    return;
  }
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // A new version took over: load it the next time the kiosk is at rest.
    if (hadController) updateWaiting = true;
    markOfflineReady();
  });
  markOfflineReady();
}

async function markOfflineReady() {
  if (!navigator.serviceWorker.controller || !("caches" in window)) return;
  for (let attempt = 0; attempt < 40; attempt += 1) {
    if (await caches.match(SNAPSHOT_URL)) {
      body.dataset.offlineReady = "true";
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const refresh = { timer: null, due: 0 };

/** Revalidate the snapshot every few minutes, and every few seconds while the server is out of reach. */
function scheduleRefresh() {
  const seconds = state.online ? config.refreshSeconds : Math.min(OFFLINE_RETRY_SECONDS, config.refreshSeconds);
  clearTimeout(refresh.timer);
  refresh.due = Date.now() + seconds * 1000;
  refresh.timer = setTimeout(async () => {
    try {
      await loadSnapshot({ revalidate: true });
    } finally {
      scheduleRefresh();
    }
  }, seconds * 1000);
}

// ---------------------------------------------------------------- start

function wire() {
  input.addEventListener("input", scheduleSearch);
  input.addEventListener("focus", () => keyboard.show());
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (search.settled?.q === q) {  // already shown as typed: submitting settles it
      clearTimeout(search.settle);
      search.settled();
    } else if (q) applyQuery(q);
  });
  clearButton.addEventListener("click", () => {
    input.value = "";
    scheduleSearch();
    input.focus();
  });
  document.getElementById("keyboard-toggle").addEventListener("click", () => {
    if (keyboard.visible) keyboard.hide();
    else { keyboard.show(); input.focus(); }
  });
  for (const button of document.querySelectorAll("[data-nav]")) {
    button.addEventListener("click", () => {
      keyboard.hide();
      go(button.dataset.nav === "home" ? "#/" : `#/${button.dataset.nav}`);
    });
  }
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => switchLanguage(button.dataset.lang));
  }
  window.addEventListener("popstate", () => render());
  // No long-press menus or text selection surprises on the touch screen.
  document.addEventListener("contextmenu", (event) => event.preventDefault());
  document.addEventListener("selectstart", (event) => { if (event.target !== input) event.preventDefault(); });
  subscribe(({ snapshotChanged }) => {
    showStatus();
    // Gone offline: look for the server again soon rather than at the next regular refresh.
    if (!state.online && refresh.due - Date.now() > OFFLINE_RETRY_SECONDS * 1000) scheduleRefresh();
    if (snapshotChanged && ["attract", "programme"].includes(currentRoute?.name)) render({ keepScroll: true });
  });
  watchIdle(config.idleSeconds, resetToAttract);
  // The programme's "now" moves on: refresh the views that show it every minute.
  setInterval(() => { if (["attract", "programme"].includes(currentRoute?.name)) render({ keepScroll: true }); }, 60000);
}

async function start() {
  body.dataset.idleSeconds = String(config.idleSeconds);
  setLanguage(config.defaultLanguage);
  for (const button of document.querySelectorAll("[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === language()));
  translatePage();
  wire();
  await setUpKiosk();
  rememberStation();
  for (;;) {
    try {
      await loadSnapshot();
      break;
    } catch {
      clear(view).append(h("p", { class: "unavailable" }, t("unavailable")));
      await new Promise((resolve) => setTimeout(resolve, OFFLINE_RETRY_SECONDS * 1000));
    }
  }
  showStatus();
  render();
  body.dataset.ready = "true";
  registerServiceWorker();
  scheduleRefresh();
}

start();
