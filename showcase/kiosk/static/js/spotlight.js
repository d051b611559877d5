// The attract screen's spotlight: featured innovations and the next sessions in turn, one every few
// seconds, with a pause button (WCAG 2.2.2). The turn carries on across re-renders of the screen.

import { h } from "./dom.js";
import { t } from "./i18n.js";

let position = 0;

/**
 * @param items [{kind, slug, label, title, meta}] in the order to show
 * @param open (item) => void, when the visitor taps the shown item
 */
export function createSpotlight(items, { seconds = 8, open }) {
  if (!items.length) return null;
  let paused = false;
  const stage = h("div", { class: "spotlight-stage" });
  const pause = h("button", { type: "button", class: "spotlight-pause", "aria-pressed": "false", "aria-label": t("spotlight.pause") },
    h("span", { "aria-hidden": "true" }, "❚❚"));
  const box = h("section", { class: "spotlight", "aria-roledescription": t("spotlight.label"), "aria-label": t("spotlight.label") }, stage, pause);
  const show = () => {
    const item = items[position % items.length];
    box.dataset.index = String(position % items.length);
    stage.replaceChildren(h("button", {
      type: "button", class: `spotlight-item kind-${item.kind}`, "data-kind": item.kind, "data-slug": item.slug, onclick: () => open(item),
    }, h("span", { class: "spotlight-label" }, item.label), h("span", { class: "spotlight-title" }, item.title),
    item.meta ? h("span", { class: "spotlight-meta" }, item.meta) : null));
  };
  pause.addEventListener("click", () => {
    paused = !paused;
    pause.setAttribute("aria-pressed", String(paused));
  });
  const timer = setInterval(() => {
    if (!box.isConnected) { clearInterval(timer); return; }
    if (paused) return;
    position += 1;
    show();
  }, seconds * 1000);
  show();
  return box;
}
