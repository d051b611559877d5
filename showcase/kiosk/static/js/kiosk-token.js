// This kiosk's place in the hall (from /kiosk?k=<id>) and the token it was set up with: entered once,
// kept in the browser's storage (never in the URL), sent as X-Kiosk-Token so the kiosk searches on a
// rate budget of its own rather than sharing its address's with every kiosk behind the venue's router.

import { h } from "./dom.js";

const STORAGE_KEY = "showcase.kioskToken";
const SKIPPED_KEY = "showcase.kioskTokenSkipped";
const STATION_KEY = "showcase.kioskStation";
const data = document.body.dataset;
const requested = new URLSearchParams(location.search).get("k");

const rendered = data.kioskId
  ? { id: data.kioskId, x: Number(data.kioskX), y: Number(data.kioskY), facing: Number(data.kioskFacing),
      defaultLanguage: data.defaultLanguage, idleSeconds: Number(data.idleSeconds) }
  : null;

/** The record of kiosk `k` as last fetched, kept for a start without the server (whose cached page may lack it). */
function storedStation() {
  try {
    const record = JSON.parse(localStorage.getItem(STATION_KEY) || "null");
    return record?.id === requested ? record : null;
  } catch {
    return null;
  }
}

/** The kiosk record this page was started as (`k`), or null for a kiosk started without `k`. */
export const station = requested && rendered?.id !== requested ? storedStation() : rendered;

function storedToken() {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    return station && stored?.kiosk === station.id ? stored.token : null;
  } catch {
    return null;
  }
}

/** The header every API request of this kiosk carries: its token, when it has one. */
export function kioskHeaders() {
  const token = storedToken();
  return token ? { "X-Kiosk-Token": token } : {};
}

/** Keep this kiosk's record (GET /api/v1/kiosks/<id>) in the browser's storage, so that started offline it still knows where it stands. */
export async function rememberStation() {
  if (!requested || station?.id !== requested) return;
  try {
    const response = await fetch(`/api/v1/kiosks/${encodeURIComponent(requested)}`, { headers: { Accept: "application/json", ...kioskHeaders() } });
    if (!response.ok) return;
    const record = await response.json();
    localStorage.setItem(STATION_KEY, JSON.stringify({ id: record.id, x: record.x, y: record.y, facing: record.facing,
      defaultLanguage: record.default_language, idleSeconds: record.idle_seconds }));
  } catch {
    // Offline: the stored record (if any) stays as it was.
  }
}

/** At a kiosk's first start, ask once for its token (from `flask kiosk-token <id>` or the API). */
export function setUpKiosk() {
  if (!station || storedToken() || sessionStorage.getItem(SKIPPED_KEY) === station.id) return Promise.resolve();
  return new Promise((resolve) => {
    const input = h("input", { id: "kiosk-token", type: "password", autocomplete: "off", spellcheck: "false" });
    const done = () => { panel.remove(); resolve(); };
    const save = (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) return;
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ kiosk: station.id, token }));
      done();
    };
    const skip = () => { sessionStorage.setItem(SKIPPED_KEY, station.id); done(); };
    const panel = h("div", { class: "meet-panel kiosk-setup", role: "dialog", "aria-modal": "true", "aria-labelledby": "kiosk-setup-title" },
      h("form", { class: "meet-card", onsubmit: save },
        h("h2", { id: "kiosk-setup-title" }, h("span", { lang: "de" }, "Kiosk einrichten"), " · ", h("span", { lang: "en" }, "Set up this kiosk")),
        h("p", {}, h("span", { lang: "de" }, `Token des Kiosks „${station.id}“`), " · ", h("span", { lang: "en" }, `Token of kiosk “${station.id}”`)),
        h("label", { for: "kiosk-token", class: "visually-hidden" }, "Token"),
        input,
        h("p", {},
          h("button", { type: "submit", class: "meet-close", "data-action": "save-token" }, h("span", { lang: "de" }, "Speichern"), " · ", h("span", { lang: "en" }, "Save")),
          " ",
          h("button", { type: "button", class: "meet-close", "data-action": "skip-token", onclick: skip },
            h("span", { lang: "de" }, "Ohne Token"), " · ", h("span", { lang: "en" }, "Without token")))));
    document.body.append(panel);
    input.focus();
  });
}
