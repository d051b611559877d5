// Wayfinding on the floor plan: "you are here" at this kiosk's place, and on a stand's page the walking
// route from here to the stand's open side (GET /api/v1/floor-plan/route) with its distance and time.

import { fetchJSON } from "./data.js";
import { h, svg } from "./dom.js";
import { UNIT } from "./floorplan.js";
import { language } from "./i18n.js";
import { station } from "./kiosk-token.js";

const TEXT = {
  de: {
    here: "Sie sind hier",
    walk: (number, metres, minutes) => `Weg zu Stand ${number}: ${metres} m, etwa ${minutes} Min. zu Fuß`,
  },
  en: {
    here: "You are here",
    walk: (number, metres, minutes) => `Walk to stand ${number}: ${metres} m, about ${minutes} min`,
  },
};
const ROUTE_COLOUR = "#b3261e";

function text() {
  return TEXT[language()] || TEXT.de;
}

/** Mark this kiosk on a drawn floor plan, its screen's facing as an arrow. */
function markStation(plan) {
  const x = station.x * UNIT;
  const y = station.y * UNIT;
  const label = text().here;
  plan.append(svg("g", { class: "you-are-here", "data-x": station.x, "data-y": station.y, lang: language() },
    svg("line", { x1: x, y1: y, x2: x, y2: y - 34, stroke: "#111", "stroke-width": 5, "stroke-linecap": "round",
      transform: `rotate(${station.facing} ${x} ${y})` }),
    svg("circle", { cx: x, cy: y, r: 14, fill: "#1a56db", stroke: "#fff", "stroke-width": 5 }),
    svg("text", { x, y: y + 44, "text-anchor": "middle", "font-size": 26, "font-weight": 700, fill: "#111",
      stroke: "#fff", "stroke-width": 6, "paint-order": "stroke", text: label })));
}

/** Draw the route from this kiosk to the stand, and say how far and how long. */
async function drawRoute(container, plan, number) {
  const query = new URLSearchParams({ from: `kiosk:${station.id}`, to: `stand:${number}` });
  let route;
  try {
    ({ body: route } = await fetchJSON(`/api/v1/floor-plan/route?${query}`, { timeout: 4000 }));
  } catch {
    return; // Offline or no way there: the plan still shows the stand and where the kiosk is.
  }
  if (!plan.isConnected) return;
  const points = route.points.map((point) => `${point.x * UNIT},${point.y * UNIT}`).join(" ");
  plan.insertBefore(svg("polyline", { class: "walk-route", points, fill: "none", stroke: ROUTE_COLOUR,
    "stroke-width": 8, "stroke-linecap": "round", "stroke-linejoin": "round", "stroke-dasharray": "2 14" }),
  plan.querySelector(".you-are-here"));
  const minutes = Math.max(1, Math.round(route.walking_seconds / 60));
  container.append(h("p", { class: "route-summary", lang: language(), "data-distance-m": route.distance_m,
    "data-walking-seconds": route.walking_seconds }, text().walk(number, Math.round(route.distance_m), minutes)));
}

/** Add wayfinding to the floor plan just drawn into `container`: where this kiosk is, the way to `number`. */
export function showWayfinding(container, number) {
  const plan = container.querySelector("svg.floor-plan");
  if (!station || !plan) return;
  markStation(plan);
  if (number) drawRoute(container, plan, number);
}
