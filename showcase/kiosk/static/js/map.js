// The attract screen's map: Germany's states (static/germany.svg, drawn by tools/make_map.py)
// with a marker at every cluster's seat, placed with the projection the SVG was drawn in.

import { svg } from "./dom.js";

export const MAP_URL = "/kiosk/static/germany.svg";
const VENUE = { lat: 52.5396, lon: 13.3466 }; // WECC, Westhafen, Berlin
let mapText = null;

/** The SVG's own projection (data-projection), as a function (lon, lat) -> [x, y]. */
export function projection(parameters) {
  const rad = Math.PI / 180;
  const { lon0, lat0, lat1, lat2, scale, tx, ty } = parameters;
  const t = (phi) => Math.tan(Math.PI / 4 + (phi * rad) / 2);
  const n = Math.log(Math.cos(lat1 * rad) / Math.cos(lat2 * rad)) / Math.log(t(lat2) / t(lat1));
  const f = (Math.cos(lat1 * rad) * t(lat1) ** n) / n;
  const rho0 = f / t(lat0) ** n;
  return (lon, lat) => {
    const rho = f / t(lat) ** n;
    const theta = n * (lon - lon0) * rad;
    return [tx + scale * rho * Math.sin(theta), ty - scale * (rho0 - rho * Math.cos(theta))];
  };
}

async function mapDocument() {
  if (!mapText) {
    const response = await fetch(MAP_URL);
    if (!response.ok) throw new Error(`map: HTTP ${response.status}`);
    mapText = await response.text();
  }
  const parsed = new DOMParser().parseFromString(mapText, "image/svg+xml");
  return document.importNode(parsed.documentElement, true);
}

/** Spread markers that share a seat (two clusters in Heidelberg, two in Halle) around it. */
function spread(points, radius) {
  const groups = new Map();
  for (const point of points) {
    const key = `${Math.round(point.x / 6)}:${Math.round(point.y / 6)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(point);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.forEach((point, i) => {
      const angle = Math.PI + (2 * Math.PI * i) / group.length;
      point.x += radius * Math.cos(angle);
      point.y += radius * Math.sin(angle);
    });
  }
}

function overlaps(a, b, gap = 3) {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/** Put each label beside its marker where it covers no other label or marker. */
function placeLabels(seats, bounds) {
  const taken = seats.map((seat) => ({ x: seat.x - 10, y: seat.y - 10, width: 20, height: 20 }));
  const order = [...seats].sort((a, b) => a.y - b.y);
  for (const seat of order) {
    const box = seat.label.getBBox();
    const w = box.width;
    const h = box.height;
    const candidates = [];
    for (const distance of [14, 30, 50, 70]) {
      candidates.push(
        [distance, -h / 2 + 2, "start"], [-distance, -h / 2 + 2, "end"],
        [-w / 2, -distance - h / 2, "middle"], [-w / 2, distance + h / 2 - 4, "middle"],
        [distance * 0.8, -distance * 0.8, "start"], [distance * 0.8, distance * 0.8, "start"],
        [-distance * 0.8, -distance * 0.8, "end"], [-distance * 0.8, distance * 0.8, "end"],
      );
    }
    let chosen = null;
    for (const [dx, dy, anchor] of candidates) {
      const x = anchor === "end" ? seat.x + dx - w : anchor === "middle" ? seat.x + dx : seat.x + dx;
      const rect = { x, y: seat.y + dy - h / 2 + 2, width: w, height: h };
      const inside = rect.x >= bounds.x && rect.y >= bounds.y && rect.x + w <= bounds.x + bounds.width
        && rect.y + h <= bounds.y + bounds.height;
      if (inside && !taken.some((other) => overlaps(rect, other))) { chosen = rect; break; }
    }
    chosen ??= { x: seat.x + 14, y: seat.y - h / 2, width: w, height: h };
    taken.push(chosen);
    seat.label.setAttribute("x", chosen.x.toFixed(1));
    seat.label.setAttribute("y", (chosen.y + h * 0.78).toFixed(1));
    seat.label.setAttribute("text-anchor", "start");
    const near = Math.hypot(chosen.x + w / 2 - seat.x, chosen.y + h / 2 - seat.y) < w / 2 + 20;
    if (!near) {
      const anchorX = Math.min(Math.max(seat.x, chosen.x), chosen.x + w);
      const anchorY = Math.min(Math.max(seat.y, chosen.y), chosen.y + h);
      seat.leader.setAttribute("x1", seat.x);
      seat.leader.setAttribute("y1", seat.y);
      seat.leader.setAttribute("x2", anchorX);
      seat.leader.setAttribute("y2", anchorY);
    }
  }
}

/**
 * Draw the map into `container` with a marker per cluster; `onSelect(slug)` when one is tapped.
 * Returns the SVG element.
 */
export async function drawMap(container, clusters, { onSelect, venueLabel }) {
  const map = await mapDocument();
  map.removeAttribute("width");
  map.removeAttribute("height");
  map.setAttribute("role", "group");
  const project = projection(JSON.parse(map.dataset.projection));
  const [width, height] = map.getAttribute("viewBox").split(" ").slice(2).map(Number);
  container.replaceChildren(map);

  const [vx, vy] = project(VENUE.lon, VENUE.lat);
  map.append(svg("g", { class: "venue", "aria-hidden": "true" },
    svg("path", { d: `M${vx} ${vy - 13}l4 9 10 1-7.5 6.6 2.2 9.7-8.7-5.1-8.7 5.1 2.2-9.7-7.5-6.6 10-1z` }),
    svg("text", { x: vx + 16, y: vy + 22, class: "venue-label", text: venueLabel })));

  const layer = svg("g", { class: "seats" });
  map.append(layer);
  const seats = clusters.map((cluster) => {
    const [x, y] = project(cluster.seat.lon, cluster.seat.lat);
    return { cluster, x, y, seatX: x, seatY: y };
  });
  spread(seats, 11);
  for (const seat of seats) {
    const { cluster } = seat;
    seat.leader = svg("line", { class: "leader" });
    seat.label = svg("text", { class: "seat-label", text: cluster.short_name });
    const group = svg("g", {
      class: "seat", role: "button", tabindex: "0", "data-slug": cluster.slug, "data-round": cluster.round,
      "aria-label": `${cluster.short_name}, ${cluster.seat.city}`,
    },
    svg("line", { class: "offset", x1: seat.seatX, y1: seat.seatY, x2: seat.x, y2: seat.y }),
    seat.leader,
    svg("circle", { class: "hit", cx: seat.x, cy: seat.y, r: 26 }),
    svg("circle", { class: "pulse", cx: seat.x, cy: seat.y, r: 9 }),
    svg("circle", { class: "dot", cx: seat.x, cy: seat.y, r: 9 }),
    seat.label);
    group.addEventListener("click", () => onSelect(cluster.slug));
    group.addEventListener("keydown", (event) => { if (event.key === "Enter") onSelect(cluster.slug); });
    layer.append(group);
  }
  placeLabels(seats, { x: 0, y: 0, width, height });
  return map;
}

/** Mark the states a cluster spans (by their German names, as the API lists them). */
export function highlightStates(map, states) {
  for (const path of map.querySelectorAll(".state")) {
    path.classList.toggle("highlight", states.includes(path.dataset.state));
  }
}
