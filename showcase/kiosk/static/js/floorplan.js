// The exhibition hall as SVG, from GET /api/v1/floor-plan (or the snapshot's copy of it), with one
// stand highlighted.

import { svg } from "./dom.js";

export const UNIT = 20; // SVG units per metre
const MARGIN = 30;

/**
 * @param plan {width, depth, entrance, stands[]} in metres
 * @param options.highlight the stand number to highlight
 * @param options.names cluster slug -> short name, written into each stand
 */
export function drawFloorPlan(plan, { highlight = null, names = new Map(), entranceLabel = "", label = "", onSelect = null } = {}) {
  const width = plan.width * UNIT;
  const depth = plan.depth * UNIT;
  const root = svg("svg", {
    class: "floor-plan", viewBox: `${-MARGIN} ${-MARGIN} ${width + 2 * MARGIN} ${depth + 2 * MARGIN + 30}`,
    // A plan with tappable stands is a group of buttons; an image may hold nothing focusable.
    role: onSelect ? "group" : "img", "aria-label": label,
  });
  root.append(svg("rect", { class: "hall", x: 0, y: 0, width, height: depth, rx: 6 }));
  const entrance = plan.entrance;
  root.append(
    svg("rect", { class: "entrance", x: entrance.x * UNIT, y: depth - 8, width: entrance.width * UNIT, height: 16 }),
    svg("text", { class: "entrance-label", x: (entrance.x + entrance.width / 2) * UNIT, y: depth + 44, "text-anchor": "middle", text: `▲ ${entranceLabel}` }),
  );
  for (const stand of plan.stands) {
    const x = stand.x * UNIT;
    const y = stand.y * UNIT;
    const w = stand.width * UNIT;
    const h = stand.height * UNIT;
    const isTarget = stand.number === highlight;
    const name = names.get(stand.cluster) || stand.cluster;
    const group = svg("g", {
      class: `stand${isTarget ? " highlight" : ""}`, "data-stand": stand.number, "data-cluster": stand.cluster,
      role: onSelect ? "button" : null, tabindex: onSelect ? "0" : null, "aria-label": `${stand.number} ${name}`,
    },
    svg("rect", { x, y, width: w, height: h, rx: 4 }),
    svg("text", { class: "stand-number", x: x + w / 2, y: y + h / 2 - 2, "text-anchor": "middle", text: stand.number }),
    svg("text", { class: "stand-name", x: x + w / 2, y: y + h / 2 + 28, "text-anchor": "middle", text: shorten(name, w) }));
    if (isTarget) {
      group.prepend(svg("rect", { class: "halo", x: x - 10, y: y - 10, width: w + 20, height: h + 20, rx: 10 }));
    }
    if (onSelect) {
      group.addEventListener("click", () => onSelect(stand.cluster));
      group.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); onSelect(stand.cluster); }
      });
    }
    root.append(group);
  }
  // The highlighted stand is drawn last, so its halo lies above its neighbours.
  const target = root.querySelector(".stand.highlight");
  if (target) root.append(target);
  return root;
}

function shorten(name, width) {
  const max = Math.max(4, Math.floor(width / 14));
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}
