// The shortlist from the kiosk on a visitor's phone: /visit#items=project:mai-recycling,session:…
// Each item with its stand on the floor plan, the starred sessions as one calendar download, and the
// meeting request for each cluster on the list. The list lives only in the fragment; unknown or
// malformed items are left out with a note.

import { h } from "/kiosk/static/js/dom.js";
import { drawFloorPlan } from "/kiosk/static/js/floorplan.js";
import { onLanguageSwitch, pageLanguage, translateChrome } from "./chrome.js";

const KINDS = ["cluster", "project", "innovation", "session"];
const MAX_ITEMS = 20;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const LABELS = {
  de: {
    conference: "3. Internationale Clusterkonferenz · Merkliste",
    language: "Sprache",
    title: "Ihre Merkliste",
    lead: "Was Sie sich am Kiosk gemerkt haben, mit den Ständen in der Halle.",
    empty: "Diese Merkliste ist leer. Am Kiosk merken Sie sich Cluster, Projekte, Innovationen und Programmpunkte mit „☆ Merken“.",
    skipped: (n) => (n === 1 ? "1 Eintrag der Adresse ist unbekannt oder fehlerhaft und fehlt hier." : `${n} Einträge der Adresse sind unbekannt oder fehlerhaft und fehlen hier.`),
    tooMany: (max) => `Nur die ersten ${max} Einträge werden gezeigt.`,
    "kind.cluster": "Cluster", "kind.project": "Projekt", "kind.innovation": "Innovation", "kind.session": "Programm",
    stand: (number, area) => `Stand ${number} · ${area}`,
    plan: (number) => `Hallenplan, Stand ${number} hervorgehoben`,
    entrance: "Eingang",
    sessions: "Ihre Programmpunkte",
    calendar: (n) => (n === 1 ? "Den Termin in den Kalender (.ics)" : `Die ${n} Termine in den Kalender (.ics)`),
    meetings: "Treffen beim Matchmaking anfragen",
    meet: (name) => `Treffen mit ${name} anfragen`,
    unavailable: "Das Verzeichnis ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
    date: (day, from, to) => `${day}, ${from}–${to} Uhr`,
  },
  en: {
    conference: "3rd International Cluster Conference · Shortlist",
    language: "Language",
    title: "Your shortlist",
    lead: "What you saved at the kiosk, with the stands in the hall.",
    empty: "This shortlist is empty. At the kiosk, “☆ Save” adds clusters, projects, innovations and sessions.",
    skipped: (n) => (n === 1 ? "1 item of the address is unknown or malformed and left out." : `${n} items of the address are unknown or malformed and left out.`),
    tooMany: (max) => `Only the first ${max} items are shown.`,
    "kind.cluster": "Cluster", "kind.project": "Project", "kind.innovation": "Innovation", "kind.session": "Programme",
    stand: (number, area) => `Stand ${number} · ${area}`,
    plan: (number) => `Floor plan, stand ${number} highlighted`,
    entrance: "Entrance",
    sessions: "Your sessions",
    calendar: (n) => (n === 1 ? "Add the session to your calendar (.ics)" : `Add the ${n} sessions to your calendar (.ics)`),
    meetings: "Request a meeting at the matchmaking",
    meet: (name) => `Request a meeting with ${name}`,
    unavailable: "The directory cannot be reached just now. Please try again in a moment.",
    date: (day, from, to) => `${day}, ${from}–${to}`,
  },
};

const view = document.getElementById("view");
let lang = pageLanguage();
let snapshot = null;

function t(key, ...args) {
  const value = LABELS[lang][key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

function pick(texts) {
  if (!texts || typeof texts === "string") return texts || "";
  return texts[lang] || texts.de || texts.en || "";
}

/** The fragment's items as {kind, slug}, and how many were malformed or beyond the limit. */
export function parseItems(hash) {
  const raw = (new URLSearchParams(hash.replace(/^#/, "")).get("items") || "").split(",").filter(Boolean);
  const seen = new Set();
  const items = [];
  let malformed = 0;
  for (const entry of raw) {
    const [kind, slug, extra] = entry.split(":");
    if (!KINDS.includes(kind) || !SLUG.test(slug || "") || extra !== undefined) malformed += 1;
    else if (!seen.has(entry)) {
      seen.add(entry);
      items.push({ kind, slug });
    }
  }
  return { items: items.slice(0, MAX_ITEMS), malformed, tooMany: items.length > MAX_ITEMS };
}

function lookups() {
  const bySlug = (records) => new Map(records.map((record) => [record.slug, record]));
  return {
    cluster: bySlug(snapshot.clusters), project: bySlug(snapshot.projects), innovation: bySlug(snapshot.innovations),
    session: bySlug(snapshot.programme),
    standOfCluster: new Map(snapshot.floor_plan.stands.map((stand) => [stand.cluster, stand])),
    standOfInnovation: new Map(snapshot.floor_plan.stands.flatMap((stand) => stand.innovations.map((slug) => [slug, stand]))),
  };
}

function formatDay(day) {
  return new Intl.DateTimeFormat(lang === "de" ? "de-DE" : "en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" })
    .format(new Date(`${day}T12:00:00Z`));
}

function itemCard(item, record, find) {
  const clusterSlug = item.kind === "cluster" ? item.slug : record.cluster;
  const stand = item.kind === "session" ? null
    : (item.kind === "innovation" && find.standOfInnovation.get(item.slug)) || find.standOfCluster.get(clusterSlug);
  const title = item.kind === "cluster" ? record.short_name : pick(record.title);
  const names = new Map(snapshot.clusters.map((cluster) => [cluster.slug, cluster.short_name]));
  return h("li", { class: "card item", "data-kind": item.kind, "data-slug": item.slug, "data-stand": stand?.number ?? null },
    h("span", { class: "kind" }, t(`kind.${item.kind}`)),
    h("h2", {}, title),
    item.kind !== "cluster" && clusterSlug ? h("p", { class: "hint" }, names.get(clusterSlug) || clusterSlug) : null,
    item.kind === "session"
      ? h("p", { class: "where" }, t("date", formatDay(record.day), record.starts_at.slice(11, 16), record.ends_at.slice(11, 16)), " · ", record.room)
      : null,
    stand ? [h("p", { class: "where" }, t("stand", stand.number, pick(stand.hall_area))),
      drawFloorPlan(snapshot.floor_plan, { highlight: stand.number, names, entranceLabel: t("entrance"), label: t("plan", stand.number) })] : null);
}

function render() {
  if (!snapshot) return;
  const { items, malformed, tooMany } = parseItems(location.hash);
  const find = lookups();
  const known = items.map((item) => ({ item, record: find[item.kind].get(item.slug) })).filter(({ record }) => record);
  const skipped = malformed + items.length - known.length;
  const sessions = known.filter(({ item }) => item.kind === "session").map(({ item }) => item.slug);
  const clusters = [...new Set(known.map(({ item, record }) => (item.kind === "cluster" ? item.slug : record.cluster)).filter(Boolean))];
  const calendar = `/api/v1/programme.ics?${new URLSearchParams({ lang, sessions: sessions.join(",") })}`;
  view.replaceChildren(...[
    h("h1", {}, t("title")),
    h("p", { class: "lead" }, t("lead")),
    skipped || tooMany ? h("p", { class: "note", role: "status" }, skipped ? t("skipped", skipped) : null, tooMany ? ` ${t("tooMany", MAX_ITEMS)}` : null) : null,
    known.length ? h("ul", { class: "items" }, known.map(({ item, record }) => itemCard(item, record, find))) : h("p", { class: "empty" }, t("empty")),
    sessions.length ? [h("h2", {}, t("sessions")),
      h("a", { class: "action", "data-action": "calendar", href: calendar, download: "cluster-conference-2015-shortlist.ics" }, t("calendar", sessions.length))] : null,
    clusters.length ? [h("h2", {}, t("meetings")), h("ul", { class: "meetings" }, clusters.map((slug) => h("li", {},
      h("a", { class: "link", "data-meet": slug, href: `/meet?${new URLSearchParams({ cluster: slug, lang })}` },
        `${t("meet", find.cluster.get(slug)?.short_name || slug)} →`))))] : null,
  ].flat().filter(Boolean));
}

onLanguageSwitch((chosen) => {
  lang = chosen;
  translateChrome(lang, t);
  render();
});
window.addEventListener("hashchange", render);

translateChrome(lang, t);
fetch("/api/v1/snapshot", { headers: { Accept: "application/json" } })
  .then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  })
  .then((body) => {
    snapshot = body;
    render();
    document.body.dataset.ready = "true";
  })
  .catch(() => view.replaceChildren(h("p", { class: "problem", role: "alert" }, t("unavailable"))));
