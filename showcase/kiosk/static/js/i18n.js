// Every label of the kiosk in German and English. Texts of records come from the API in both.

export const LANGUAGES = ["de", "en"];

const LABELS = {
  de: {
    "conference": "3. Internationale Clusterkonferenz",
    "exhibition": "Ausstellung · WECC Berlin · 30. Juni – 1. Juli 2015",
    "nav.clusters": "Cluster",
    "nav.programme": "Programm",
    "nav.back": "Zurück",
    "lang.label": "Sprache",
    "search.placeholder": "Suchen: Cluster, Projekte, Innovationen …",
    "search.label": "Suche",
    "search.clear": "Suche löschen",
    "search.keyboard": "Tastatur",
    "search.results": (n) => (n === 1 ? "1 Treffer" : `${n} Treffer`),
    "search.none": "Keine Treffer. Versuchen Sie ein anderes Wort.",
    "search.didYouMean": "Meinten Sie",
    "search.all": "Alle",
    "search.kinds": "Art",
    "search.clusters": "Cluster",
    "search.offline": "Offline-Suche in den zuletzt geladenen Daten",
    "search.suggestions": "Vorschläge",
    "kind.cluster": "Cluster",
    "kind.project": "Projekt",
    "kind.innovation": "Innovation",
    "kind.organisation": "Organisation",
    "kind.session": "Programm",
    "kinds.cluster": "Cluster",
    "kinds.project": "Projekte",
    "kinds.innovation": "Innovationen",
    "kinds.organisation": "Organisationen",
    "kinds.session": "Programm",
    "attract.title": "Entdecken Sie die Spitzencluster",
    "attract.lead": "15 Cluster aus ganz Deutschland zeigen ihre Projekte und Innovationen. Tippen Sie auf einen Cluster oder suchen Sie oben.",
    "attract.touch": "Bildschirm berühren zum Entdecken",
    "attract.now": "Jetzt im Programm",
    "attract.next": "Als Nächstes",
    "attract.programme": "Ganzes Programm",
    "attract.venue": "Veranstaltungsort",
    "map.label": "Karte Deutschlands mit den Sitzen der 15 Spitzencluster",
    "map.attribution": "Karte: © GeoBasis-DE / BKG 2017 (Daten verändert)",
    "cluster.round": (round, year) => `Runde ${round} (${year})`,
    "cluster.seat": "Sitz",
    "cluster.region": "Region",
    "cluster.states": "Länder",
    "cluster.managing": "Clustermanagement",
    "cluster.website": "Website",
    "cluster.field": "Technologiefeld",
    "cluster.stand": "Stand",
    "cluster.noStand": "Dieser Cluster hat keinen Stand in der Ausstellung.",
    "cluster.projects": "Projekte",
    "cluster.innovations": "Innovationen",
    "cluster.partners": "Partnerorganisationen",
    "cluster.standHere": "Hier finden Sie den Stand",
    "meet.request": "Treffen anfragen",
    "meet.title": (name) => `Treffen mit ${name} anfragen`,
    "meet.scan": "Scannen Sie den Code mit Ihrem Smartphone: Dort registrieren Sie sich für das Matchmaking (30. Juni, 16:30–18:00) und fragen das Treffen an.",
    "meet.qrAlt": "QR-Code der Seite für die Anfrage",
    "meet.privacy": "Ihre Angaben machen Sie nur auf Ihrem eigenen Gerät, nie an diesem Bildschirm.",
    "meet.close": "Schließen",
    "floor.entrance": "Eingang",
    "floor.label": (number) => `Hallenplan, Stand ${number} hervorgehoben`,
    "project.summary": "Projekt",
    "project.funding": "Förderung",
    "project.topics": "Schlagworte",
    "project.partners": "Partner",
    "project.innovations": "Innovationen aus dem Projekt",
    "project.cluster": "Cluster",
    "innovation.kind": "Art",
    "innovation.maturity": "Reifegrad",
    "innovation.project": "Projekt",
    "innovation.cluster": "Cluster",
    "innovation.stand": "Zu sehen am Stand",
    "source.label": "Quelle",
    "source.note": (site, year) => year ? `${site}, ${year}` : site,
    "programme.provisional": "Zeit vorläufig",
    "programme.provisionalNote": "Uhrzeiten und Räume sind geplant, nicht angekündigt: Die Ankündigung nennt nur Tage und Ablauf.",
    "organisation.city": "Ort",
    "organisation.type": "Typ",
    "organisation.clusters": "Cluster",
    "organisation.projects": "Projekte",
    "ikind.product": "Produkt",
    "ikind.prototype": "Prototyp",
    "ikind.service": "Dienstleistung",
    "ikind.method": "Methode",
    "ikind.platform": "Plattform",
    "maturity.research": "Forschung",
    "maturity.prototype": "Prototyp",
    "maturity.pilot": "Pilotanwendung",
    "maturity.market": "Marktreif",
    "otype.company": "Unternehmen",
    "otype.sme": "KMU",
    "otype.university": "Hochschule",
    "otype.research_institute": "Forschungseinrichtung",
    "otype.public_body": "Öffentliche Einrichtung",
    "otype.association": "Verband",
    "programme.title": "Programm",
    "programme.today": "Heute",
    "programme.tomorrow": "Morgen",
    "programme.now": "Jetzt",
    "programme.next": "Als Nächstes",
    "programme.over": "Vorbei",
    "programme.room": "Raum",
    "programme.languages": "Sprachen",
    "programme.forums": "Fachforen",
    "programme.nothingNow": "Gerade läuft keine Veranstaltung.",
    "programme.until": (time) => `bis ${time} Uhr`,
    "session.registration": "Registrierung",
    "session.opening": "Eröffnung",
    "session.keynote": "Keynote",
    "session.panel": "Podium",
    "session.forum": "Fachforum",
    "session.matchmaking": "Matchmaking",
    "session.break": "Pause",
    "session.get_together": "Get-together",
    "session.exhibition": "Ausstellung",
    "session.closing": "Abschluss",
    "status.offline": (time) => `Offline · Daten von ${time} Uhr`,
    "status.offlineNoTime": "Offline",
    "notfound": "Diesen Eintrag gibt es nicht (mehr).",
    "loading": "Wird geladen …",
    "unavailable": "Das Verzeichnis ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
    "keyboard.space": "Leerzeichen",
    "keyboard.backspace": "Löschen",
    "keyboard.close": "Fertig",
    "date.long": { weekday: "long", day: "numeric", month: "long" },
  },
  en: {
    "conference": "3rd International Cluster Conference",
    "exhibition": "Exhibition · WECC Berlin · 30 June – 1 July 2015",
    "nav.clusters": "Clusters",
    "nav.programme": "Programme",
    "nav.back": "Back",
    "lang.label": "Language",
    "search.placeholder": "Search: clusters, projects, innovations …",
    "search.label": "Search",
    "search.clear": "Clear search",
    "search.keyboard": "Keyboard",
    "search.results": (n) => (n === 1 ? "1 result" : `${n} results`),
    "search.none": "No results. Try another word.",
    "search.didYouMean": "Did you mean",
    "search.all": "All",
    "search.kinds": "Kind",
    "search.clusters": "Cluster",
    "search.offline": "Offline search in the data loaded last",
    "search.suggestions": "Suggestions",
    "kind.cluster": "Cluster",
    "kind.project": "Project",
    "kind.innovation": "Innovation",
    "kind.organisation": "Organisation",
    "kind.session": "Programme",
    "kinds.cluster": "Clusters",
    "kinds.project": "Projects",
    "kinds.innovation": "Innovations",
    "kinds.organisation": "Organisations",
    "kinds.session": "Programme",
    "attract.title": "Discover the leading-edge clusters",
    "attract.lead": "15 clusters from all over Germany show their projects and innovations. Tap a cluster or search above.",
    "attract.touch": "Touch the screen to explore",
    "attract.now": "On now",
    "attract.next": "Up next",
    "attract.programme": "Full programme",
    "attract.venue": "Venue",
    "map.label": "Map of Germany with the seats of the 15 leading-edge clusters",
    "map.attribution": "Map: © GeoBasis-DE / BKG 2017 (data modified)",
    "cluster.round": (round, year) => `Round ${round} (${year})`,
    "cluster.seat": "Seat",
    "cluster.region": "Region",
    "cluster.states": "States",
    "cluster.managing": "Cluster management",
    "cluster.website": "Website",
    "cluster.field": "Technology field",
    "cluster.stand": "Stand",
    "cluster.noStand": "This cluster has no stand at the exhibition.",
    "cluster.projects": "Projects",
    "cluster.innovations": "Innovations",
    "cluster.partners": "Partner organisations",
    "cluster.standHere": "This is where you find the stand",
    "meet.request": "Request a meeting",
    "meet.title": (name) => `Request a meeting with ${name}`,
    "meet.scan": "Scan the code with your phone: register there for the matchmaking (30 June, 16:30–18:00) and request the meeting.",
    "meet.qrAlt": "QR code of the request page",
    "meet.privacy": "You enter your details on your own device only, never on this screen.",
    "meet.close": "Close",
    "floor.entrance": "Entrance",
    "floor.label": (number) => `Floor plan of the hall, stand ${number} highlighted`,
    "project.summary": "Project",
    "project.funding": "Funding",
    "project.topics": "Keywords",
    "project.partners": "Partners",
    "project.innovations": "Innovations from the project",
    "project.cluster": "Cluster",
    "innovation.kind": "Kind",
    "innovation.maturity": "Maturity",
    "innovation.project": "Project",
    "innovation.cluster": "Cluster",
    "innovation.stand": "On show at stand",
    "organisation.city": "City",
    "organisation.type": "Type",
    "organisation.clusters": "Clusters",
    "organisation.projects": "Projects",
    "ikind.product": "Product",
    "ikind.prototype": "Prototype",
    "ikind.service": "Service",
    "ikind.method": "Method",
    "ikind.platform": "Platform",
    "maturity.research": "Research",
    "maturity.prototype": "Prototype",
    "maturity.pilot": "Pilot",
    "maturity.market": "On the market",
    "otype.company": "Company",
    "otype.sme": "SME",
    "otype.university": "University",
    "otype.research_institute": "Research institute",
    "otype.public_body": "Public body",
    "otype.association": "Association",
    "programme.title": "Programme",
    "programme.today": "Today",
    "programme.tomorrow": "Tomorrow",
    "programme.now": "Now",
    "programme.next": "Up next",
    "programme.over": "Over",
    "programme.room": "Room",
    "programme.languages": "Languages",
    "programme.forums": "Specialist forums",
    "programme.nothingNow": "Nothing is on right now.",
    "programme.until": (time) => `until ${time}`,
    "source.label": "Source",
    "source.note": (site, year) => year ? `${site}, ${year}` : site,
    "programme.provisional": "time provisional",
    "programme.provisionalNote": "Times and rooms are planned, not announced: the announcement gives only the days and the order.",
    "session.registration": "Registration",
    "session.opening": "Opening",
    "session.keynote": "Keynote",
    "session.panel": "Panel",
    "session.forum": "Forum",
    "session.matchmaking": "Matchmaking",
    "session.break": "Break",
    "session.get_together": "Get-together",
    "session.exhibition": "Exhibition",
    "session.closing": "Closing",
    "status.offline": (time) => `Offline · data from ${time}`,
    "status.offlineNoTime": "Offline",
    "notfound": "This entry does not exist (any more).",
    "loading": "Loading …",
    "unavailable": "The directory cannot be reached just now. Please try again in a moment.",
    "keyboard.space": "Space",
    "keyboard.backspace": "Delete",
    "keyboard.close": "Done",
    "date.long": { weekday: "long", day: "numeric", month: "long" },
  },
};

let current = "de";

export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : current;
  document.documentElement.lang = current;
  return current;
}

export function language() {
  return current;
}

/** A label in the current language; labels that take arguments are functions. */
export function t(key, ...args) {
  const label = LABELS[current][key] ?? LABELS.de[key] ?? key;
  return typeof label === "function" ? label(...args) : label;
}

/** A record's bilingual text in the current language, falling back to the other one. */
export function pick(texts) {
  if (texts === null || texts === undefined) return "";
  if (typeof texts === "string") return texts;
  return texts[current] || texts[LANGUAGES.find((lang) => lang !== current)] || "";
}

/** The language pick() takes a text in: the current one, else the other one it falls back to. */
export function pickLanguage(texts) {
  if (!texts || typeof texts === "string" || texts[current]) return current;
  return LANGUAGES.find((lang) => lang !== current && texts[lang]) || current;
}

/** Put every [data-i18n] label (and [data-i18n-placeholder], [data-i18n-label]) into the current language. */
export function translatePage(root = document) {
  for (const element of root.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll("[data-i18n-placeholder]")) {
    element.placeholder = t(element.dataset.i18nPlaceholder);
  }
  for (const element of root.querySelectorAll("[data-i18n-label]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nLabel));
  }
}

export function formatTime(date) {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

export function formatDay(isoDay) {
  const [year, month, day] = isoDay.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  return new Intl.DateTimeFormat(current === "de" ? "de-DE" : "en-GB", { ...t("date.long"), timeZone: "UTC" })
    .format(date);
}
