// This kiosk's place in the hall (from /kiosk?k=<id>) and the token it was set up with: entered once,
// kept in the browser's storage (never in the URL), sent as X-Kiosk-Token so the kiosk searches on a
// rate budget of its own rather than sharing its address's with every kiosk behind the venue's router.

import { h } from "./dom.js";

const STORAGE_KEY = "showcase.kioskToken";
const SKIPPED_KEY = "showcase.kioskTokenSkipped";
const data = document.body.dataset;

/** The kiosk record this page was started as, or null for a kiosk started without `k`. */
export const station = data.kioskId
  ? { id: data.kioskId, x: Number(data.kioskX), y: Number(data.kioskY), facing: Number(data.kioskFacing) }
  : null;

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
