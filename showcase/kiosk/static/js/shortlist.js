// The kiosk's shortlist: a star on clusters, projects, innovations and sessions adds them; "To your phone"
// shows a QR code of /visit#items=kind:slug,… (the list only in the fragment: nothing stored, nothing
// personal). The list clears on idle and once its code has been shown.

import { find } from "./data.js";
import { h } from "./dom.js";
import { pick, t } from "./i18n.js";

export const SHORTLIST_KINDS = ["cluster", "project", "innovation", "session"];
export const SHORTLIST_MAX = 20;

export function createShortlist(onChange) {
  let items = [];
  const key = (kind, slug) => `${kind}:${slug}`;
  const changed = () => onChange(items.length);
  return {
    get items() { return items.slice(); },
    has: (kind, slug) => items.includes(key(kind, slug)),
    /** Add or remove an item; false when the list is full. */
    toggle(kind, slug) {
      const item = key(kind, slug);
      if (items.includes(item)) items = items.filter((other) => other !== item);
      else if (items.length >= SHORTLIST_MAX) return false;
      else items = [...items, item];
      changed();
      return true;
    },
    clear() {
      if (!items.length) return;
      items = [];
      changed();
    },
  };
}

/** The star on a record's page: pressed while the record is on the shortlist. */
export function starButton(shortlist, kind, slug) {
  const button = h("button", { type: "button", class: "star", "data-star": `${kind}:${slug}` });
  const show = () => {
    const on = shortlist.has(kind, slug);
    button.setAttribute("aria-pressed", String(on));
    button.replaceChildren(h("span", { "aria-hidden": "true" }, on ? "★ " : "☆ "), t(on ? "star.added" : "star.add"));
  };
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    if (!shortlist.toggle(kind, slug)) button.title = t("shortlist.full", SHORTLIST_MAX);
    show();
  });
  show();
  return button;
}

function describe(item) {
  const [kind, slug] = item.split(":");
  const lookups = find();
  const record = { cluster: lookups.clusters, project: lookups.projects, innovation: lookups.innovations, session: lookups.sessions }[kind].get(slug);
  if (!record) return null;
  const title = kind === "cluster" ? record.short_name : pick(record.title);
  return { kind, slug, title };
}

/** The shortlist view: its items, each with a way to it and off the list, and the QR code for the phone. */
export function renderShortlist(view, shortlist, { open, onCodeClosed }) {
  const entries = shortlist.items.map(describe).filter(Boolean);
  view.replaceChildren(h("section", { class: "shortlist" },
    h("h1", {}, t("shortlist.title"), h("span", { class: "count" }, ` ${entries.length}`)),
    entries.length
      ? [h("p", { class: "lead" }, t("shortlist.lead", SHORTLIST_MAX)),
        h("ul", { class: "link-list shortlist-items" }, entries.map((entry) => h("li", { "data-item": `${entry.kind}:${entry.slug}` },
          h("button", { type: "button", class: `record-link kind-${entry.kind}`, onclick: () => open(entry.kind, entry.slug) },
            h("span", {}, entry.title), h("span", { class: "meta" }, t(`kind.${entry.kind}`))),
          h("button", { type: "button", class: "remove", "aria-label": t("shortlist.remove", entry.title),
            onclick: () => { shortlist.toggle(entry.kind, entry.slug); renderShortlist(view, shortlist, { open, onCodeClosed }); } }, "✕")))),
        h("button", { type: "button", class: "to-phone", "data-action": "to-phone", onclick: () => showCode(view, shortlist, onCodeClosed) },
          t("shortlist.toPhone"))]
      : h("p", { class: "empty" }, t("shortlist.empty"))));
}

function showCode(view, shortlist, onClosed) {
  const items = shortlist.items.join(",");
  const close = () => {
    panel.remove();
    shortlist.clear();
    onClosed();
  };
  const panel = h("div", { class: "meet-panel shortlist-panel", role: "dialog", "aria-modal": "true", "aria-labelledby": "shortlist-code-title",
    onclick: (event) => { if (event.target === panel) close(); }, onkeydown: (event) => { if (event.key === "Escape") close(); } },
  h("div", { class: "meet-card" },
    h("h2", { id: "shortlist-code-title" }, t("shortlist.toPhone")),
    h("p", {}, t("shortlist.scan")),
    h("img", { class: "meet-qr shortlist-qr", src: `/kiosk/visit-qr.svg?${new URLSearchParams({ items })}`, alt: t("shortlist.qrAlt"),
      "data-items": items, width: 320, height: 320 }),
    h("p", { class: "meet-privacy" }, t("shortlist.privacy")),
    h("button", { type: "button", class: "meet-close", onclick: close }, t("shortlist.done"))));
  view.append(panel);
  panel.querySelector(".meet-close").focus();
}
