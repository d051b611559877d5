// The matchmaking page on a visitor's phone: register and ask a cluster for a meeting; with the
// personal link (/meet#token=…) see the clusters' answers, ask others, cancel, or delete it all.
// The token stays in the URL fragment, which browsers never send to a server, and goes to the API
// only in the Authorization header.

import { h } from "/kiosk/static/js/dom.js";
import { onLanguageSwitch, pageLanguage, translateChrome } from "./chrome.js";

const API = "/api/v1";
const MEETING_LANGUAGES = ["de", "en", "fr", "es", "it", "pl", "nl", "zh", "ja"];
const ORGANISATION_TYPES = ["company", "sme", "university", "research_institute", "public_body", "other"];
const COUNTRIES = ("AT BE BG CH CN CY CZ DE DK EE ES FI FR GB GR HR HU IE IN IS IT JP KR LI LT LU LV MT NL NO " +
  "PL PT RO SE SI SK TR US").split(" ");

const LABELS = {
  de: {
    conference: "3. Internationale Clusterkonferenz · Matchmaking",
    language: "Sprache",
    title: "Ein Treffen mit einem Cluster anfragen",
    lead: "Registrieren Sie sich einmal für das Matchmaking nach den Foren (30. Juni, 16:30–18:00) und fragen Sie bis zu fünf Cluster nach einem Gespräch.",
    name: "Name",
    organisation: "Organisation",
    organisation_type: "Art der Organisation",
    "type.company": "Unternehmen", "type.sme": "KMU", "type.university": "Hochschule",
    "type.research_institute": "Forschungseinrichtung", "type.public_body": "Öffentliche Einrichtung", "type.other": "Andere",
    country: "Land",
    email: "E-Mail",
    emailHint: "Nur für die Cluster, die Sie treffen möchten.",
    languages: "Gesprächssprachen",
    topics: "Themen",
    topicsHint: "Durch Kommas getrennt, zum Beispiel: Industrie 4.0, Leichtbau",
    cluster: "Cluster",
    chooseCluster: "Cluster wählen …",
    message: "Worüber möchten Sie sprechen?",
    slots: "Wann passt es Ihnen?",
    consent: "Ich bin einverstanden, dass die Cluster, die ich anfrage, diese Angaben sehen. Ich kann meine Registrierung jederzeit löschen; sie wird nach der Konferenz automatisch gelöscht.",
    submit: "Registrieren und Treffen anfragen",
    sending: "Wird gesendet …",
    failed: "Das hat nicht geklappt. Bitte prüfen Sie die markierten Felder.",
    offline: "Der Server ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
    yourLink: "Ihr persönlicher Link",
    saveLink: "Speichern Sie diesen Link (Lesezeichen). Nur mit ihm sehen Sie die Antworten, ändern oder löschen Ihre Angaben. Er wird nicht noch einmal angezeigt.",
    requests: "Ihre Anfragen",
    noRequests: "Noch keine Anfragen.",
    "status.pending": "offen", "status.accepted": "angenommen", "status.declined": "abgelehnt", "status.cancelled": "zurückgezogen",
    meeting: (time, room, table) => `${time} · ${room} · Tisch ${table}`,
    acceptedNoSlot: "Angenommen; Zeit und Tisch folgen.",
    cancel: "Anfrage zurückziehen",
    askAnother: "Weiteren Cluster anfragen",
    ask: "Treffen anfragen",
    deleteAll: "Registrierung und alle Anfragen löschen",
    confirmDelete: "Wirklich alles löschen? Das lässt sich nicht rückgängig machen.",
    deleted: "Ihre Registrierung und alle Anfragen wurden gelöscht.",
    invalidLink: "Dieser Link ist nicht (mehr) gültig.",
    registerAgain: "Neu registrieren",
    hello: (name) => `Hallo ${name}`,
  },
  en: {
    conference: "3rd International Cluster Conference · Matchmaking",
    language: "Language",
    title: "Request a meeting with a cluster",
    lead: "Register once for the matchmaking after the forums (30 June, 16:30–18:00) and ask up to five clusters for a meeting.",
    name: "Name",
    organisation: "Organisation",
    organisation_type: "Type of organisation",
    "type.company": "Company", "type.sme": "SME", "type.university": "University",
    "type.research_institute": "Research institute", "type.public_body": "Public body", "type.other": "Other",
    country: "Country",
    email: "Email",
    emailHint: "Only for the clusters you ask to meet.",
    languages: "Languages for the meeting",
    topics: "Topics",
    topicsHint: "Separated by commas, for example: Industry 4.0, lightweight design",
    cluster: "Cluster",
    chooseCluster: "Choose a cluster …",
    message: "What would you like to talk about?",
    slots: "When suits you?",
    consent: "I agree that the clusters I ask to meet see these details. I can delete my registration at any time; it is deleted automatically after the conference.",
    submit: "Register and request the meeting",
    sending: "Sending …",
    failed: "That did not work. Please check the marked fields.",
    offline: "The server cannot be reached. Please try again in a moment.",
    yourLink: "Your personal link",
    saveLink: "Save this link (bookmark it). Only with it can you see the answers and change or delete your details. It is not shown again.",
    requests: "Your requests",
    noRequests: "No requests yet.",
    "status.pending": "pending", "status.accepted": "accepted", "status.declined": "declined", "status.cancelled": "cancelled",
    meeting: (time, room, table) => `${time} · ${room} · table ${table}`,
    acceptedNoSlot: "Accepted; time and table will follow.",
    cancel: "Cancel request",
    askAnother: "Ask another cluster",
    ask: "Request the meeting",
    deleteAll: "Delete my registration and all requests",
    confirmDelete: "Really delete everything? This cannot be undone.",
    deleted: "Your registration and all requests have been deleted.",
    invalidLink: "This link is not valid (any more).",
    registerAgain: "Register again",
    hello: (name) => `Hello ${name}`,
  },
};

const params = new URLSearchParams(location.search);
const view = document.getElementById("view");
let lang = pageLanguage();
let rerender = () => {};
let directory = null;

function t(key, ...args) {
  const value = LABELS[lang][key] ?? LABELS.en[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}


/** Put the children (nodes, arrays of nodes, nulls skipped) in place of the view's content. */
function show(...children) {
  view.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

function pick(texts) {
  if (!texts || typeof texts === "string") return texts || "";
  return texts[lang] || texts.de || texts.en || "";
}

function tokenFromHash() {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  return match ? match[1] : null;
}

async function api(path, { token, method = "GET", body } = {}) {
  const headers = { Accept: "application/json", "Accept-Language": lang };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer" });
  } catch {
    return { ok: false, status: 0, data: null };
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, data };
}

async function loadDirectory() {
  if (directory) return directory;
  const [clusters, sessions] = await Promise.all([
    api("/clusters?page_size=100&fields=slug,short_name,name&lang=all"),
    api("/programme?kind=matchmaking&page_size=100&fields=slug,title,starts_at,ends_at,room&lang=all"),
  ]);
  directory = {
    clusters: (clusters.ok ? clusters.data : []).sort((a, b) => a.short_name.localeCompare(b.short_name, "de")),
    sessions: sessions.ok ? sessions.data : [],
  };
  return directory;
}

function formatTime(value) {
  const date = new Date(value);
  return new Intl.DateTimeFormat(lang === "de" ? "de-DE" : "en-GB", {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(date);
}

function countryName(code) {
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(code);
  } catch {
    return code;
  }
}

function languageName(code) {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(code);
  } catch {
    return code;
  }
}

// ---------------------------------------------------------------- form helpers

function field(name, label, control, hint) {
  return h("div", { class: "field", "data-field": name },
    h("label", { for: `f-${name}` }, label), control,
    hint ? h("p", { class: "hint" }, hint) : null,
    h("p", { class: "error", id: `e-${name}`, hidden: true }));
}

function showErrors(form, problem) {
  for (const box of form.querySelectorAll(".error")) { box.hidden = true; box.textContent = ""; }
  const messages = {};
  for (const error of problem?.errors || []) {
    const name = (error.field || "").split(/[.[]/)[0];
    (messages[name] ||= []).push(error.message);
  }
  for (const [name, list] of Object.entries(messages)) {
    const box = form.querySelector(`#e-${CSS.escape(name)}`);
    if (box) { box.textContent = list.join(" "); box.hidden = false; }
  }
  const summary = form.querySelector(".problem");
  summary.textContent = problem?.status === 0 ? t("offline") : (problem?.detail && !problem.errors ? problem.detail : t("failed"));
  summary.hidden = false;
}

function requestFields(clusters, sessions, chosen) {
  return [
    field("cluster", t("cluster"), h("select", { id: "f-cluster", name: "cluster", required: true },
      h("option", { value: "" }, t("chooseCluster")),
      clusters.map((cluster) => h("option", { value: cluster.slug, selected: cluster.slug === chosen },
        pick(cluster.name).startsWith(cluster.short_name) ? pick(cluster.name) : `${cluster.short_name} – ${pick(cluster.name)}`)))),
    field("message", t("message"), h("textarea", { id: "f-message", name: "message", maxlength: 1000, required: true })),
    sessions.length ? h("fieldset", { class: "field", "data-field": "preferred_slots" }, h("legend", {}, t("slots")),
      h("div", { class: "choices" }, sessions.map((session) => h("label", {},
        h("input", { type: "checkbox", name: "preferred_slots", value: session.slug, checked: true }),
        `${formatTime(session.starts_at)} · ${session.room}`))),
      h("p", { class: "error", id: "e-preferred_slots", hidden: true })) : null,
  ];
}

function requestBody(form) {
  const data = new FormData(form);
  return { cluster: data.get("cluster"), message: data.get("message"), preferred_slots: data.getAll("preferred_slots") };
}

// ---------------------------------------------------------------- registration

async function renderRegistration() {
  const { clusters, sessions } = await loadDirectory();
  const chosen = params.get("cluster");
  const form = h("form", { id: "register", novalidate: true },
    field("name", t("name"), h("input", { id: "f-name", name: "name", type: "text", autocomplete: "name", maxlength: 120, required: true })),
    field("organisation", t("organisation"), h("input", { id: "f-organisation", name: "organisation", type: "text",
      autocomplete: "organization", maxlength: 200, required: true })),
    field("organisation_type", t("organisation_type"), h("select", { id: "f-organisation_type", name: "organisation_type" },
      ORGANISATION_TYPES.map((type) => h("option", { value: type }, t(`type.${type}`))))),
    field("country", t("country"), h("select", { id: "f-country", name: "country", autocomplete: "country" },
      COUNTRIES.map((code) => [code, countryName(code)]).sort((a, b) => a[1].localeCompare(b[1], lang))
        .map(([code, name]) => h("option", { value: code, selected: code === "DE" }, name)))),
    field("email", t("email"), h("input", { id: "f-email", name: "email", type: "email", autocomplete: "email",
      inputmode: "email", maxlength: 254, required: true }), t("emailHint")),
    h("fieldset", { class: "field", "data-field": "languages" }, h("legend", {}, t("languages")),
      h("div", { class: "choices" }, MEETING_LANGUAGES.map((code) => h("label", {},
        h("input", { type: "checkbox", name: "languages", value: code, checked: code === lang || code === "en" }),
        languageName(code)))),
      h("p", { class: "error", id: "e-languages", hidden: true })),
    field("topics", t("topics"), h("input", { id: "f-topics", name: "topics", type: "text", maxlength: 400 }), t("topicsHint")),
    requestFields(clusters, sessions, chosen),
    h("div", { class: "trap", "aria-hidden": "true" },
      h("label", { for: "f-website" }, "Website"),
      h("input", { id: "f-website", name: "website", type: "text", tabindex: -1, autocomplete: "off" })),
    h("label", { class: "check", "data-field": "consent" },
      h("input", { type: "checkbox", name: "consent", id: "f-consent", required: true }), t("consent")),
    h("p", { class: "error", id: "e-consent", hidden: true }),
    h("p", { class: "problem", role: "alert", hidden: true }),
    h("button", { type: "submit", class: "primary" }, t("submit")));
  form.addEventListener("submit", (event) => { event.preventDefault(); register(form); });
  show(h("h1", {}, t("title")), h("p", { class: "lead" }, t("lead")), form);
}

async function register(form) {
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  button.textContent = t("sending");
  const data = new FormData(form);
  const request = requestBody(form);
  const registration = {
    name: data.get("name"), organisation: data.get("organisation"), organisation_type: data.get("organisation_type"),
    country: data.get("country"), email: data.get("email"), languages: data.getAll("languages"),
    topics: String(data.get("topics") || "").split(",").map((topic) => topic.trim()).filter(Boolean),
    clusters: request.cluster ? [request.cluster] : [], consent: data.get("consent") === "on",
    website: data.get("website") || "",
  };
  let problem = null;
  if (!request.cluster || !request.message.trim()) {
    problem = { errors: [
      ...(request.cluster ? [] : [{ field: "cluster", message: t("chooseCluster") }]),
      ...(request.message.trim() ? [] : [{ field: "message", message: t("message") }]) ] };
  }
  const created = problem ? null : await api("/matchmaking/participants", { method: "POST", body: registration });
  if (created && !created.ok) problem = created.data || { status: created.status };
  if (!problem) {
    const asked = await api("/matchmaking/requests", { method: "POST", token: created.data.token, body: request });
    history.replaceState(null, "", `${location.pathname}${location.search}#token=${created.data.token}`);
    await renderManagement(created.data.token, { fresh: created.data.manage_url, problem: asked.ok ? null : asked.data });
    return;
  }
  button.disabled = false;
  button.textContent = t("submit");
  showErrors(form, problem);
}

// ---------------------------------------------------------------- management

async function renderManagement(token, { fresh = null, problem = null } = {}) {
  const [me, requests] = await Promise.all([api("/matchmaking/participants/me", { token }),
    api("/matchmaking/requests", { token })]);
  if (!me.ok) {
    show(h("h1", {}, t("title")),
      h("p", { class: "problem" }, me.status === 0 ? t("offline") : t("invalidLink")),
      h("button", { type: "button", class: "secondary", onclick: () => { history.replaceState(null, "", location.pathname + location.search); renderRegistration(); } },
        t("registerAgain")));
    return;
  }
  const link = fresh || `${location.origin}${location.pathname}#token=${token}`;
  const { clusters, sessions } = await loadDirectory();
  const asked = new Set(requests.data.filter((r) => r.status !== "cancelled").map((r) => r.cluster));
  const askForm = h("form", { id: "ask", novalidate: true },
    requestFields(clusters.filter((cluster) => !asked.has(cluster.slug)), sessions, params.get("cluster")),
    h("p", { class: "problem", role: "alert", hidden: true }),
    h("button", { type: "submit", class: "primary" }, t("ask")));
  askForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = await api("/matchmaking/requests", { method: "POST", token, body: requestBody(askForm) });
    if (result.ok) renderManagement(token);
    else showErrors(askForm, result.data || { status: result.status });
  });
  show(
    h("h1", {}, t("hello", me.data.name)),
    h("section", { class: "manage-link", "aria-label": t("yourLink") },
      h("p", {}, h("strong", {}, t("yourLink"))),
      h("p", {}, h("a", { href: link, "data-manage-link": true }, link)),
      h("p", { class: "hint" }, t("saveLink"))),
    problem ? h("p", { class: "problem", role: "alert" }, problem.detail || t("failed")) : null,
    h("h2", {}, t("requests")),
    requests.data.length ? requests.data.map((meeting) => requestCard(token, meeting)) : h("p", {}, t("noRequests")),
    h("h2", {}, t("askAnother")), askForm,
    h("button", { type: "button", class: "danger", onclick: () => deleteAll(token) }, t("deleteAll")));
  rerender = () => renderManagement(token, { fresh, problem });
}

function requestCard(token, meeting) {
  const slot = meeting.slot;
  return h("article", { class: "card request", "data-cluster": meeting.cluster, "data-status": meeting.status },
    h("p", {}, h("strong", {}, pick(meeting.cluster_name)), " ",
      h("span", { class: `status status-${meeting.status}` }, t(`status.${meeting.status}`))),
    meeting.status === "accepted"
      ? h("p", { class: "meeting-time" }, slot ? t("meeting", formatTime(slot.starts_at), slot.room, meeting.table) : t("acceptedNoSlot"))
      : null,
    h("p", { class: "hint" }, meeting.message),
    meeting.status !== "cancelled" ? h("button", { type: "button", class: "secondary", onclick: async () => {
      await api(`/matchmaking/requests/${meeting.id}`, { method: "DELETE", token });
      renderManagement(token);
    } }, t("cancel")) : null);
}

async function deleteAll(token) {
  if (!window.confirm(t("confirmDelete"))) return;
  const result = await api("/matchmaking/participants/me", { method: "DELETE", token });
  if (!result.ok) return;
  history.replaceState(null, "", location.pathname + location.search);
  show(h("h1", {}, t("title")), h("p", { role: "status" }, t("deleted")));
  rerender = renderRegistration;
}

// ---------------------------------------------------------------- start

onLanguageSwitch((chosen) => {
  lang = chosen;
  translateChrome(lang, t);
  rerender();
});

translateChrome(lang, t);
const token = tokenFromHash();
if (token) {
  rerender = () => renderManagement(token);
} else {
  rerender = renderRegistration;
}
rerender();
