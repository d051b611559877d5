// An on-screen QWERTZ keyboard with umlauts, for touch screens without a keyboard of their own.

import { h } from "./dom.js";
import { t } from "./i18n.js";

const ROWS = [
  ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "ß"],
  ["q", "w", "e", "r", "t", "z", "u", "i", "o", "p", "ü"],
  ["a", "s", "d", "f", "g", "h", "j", "k", "l", "ö", "ä"],
  ["y", "x", "c", "v", "b", "n", "m", "-", "'", "."],
];

export function createKeyboard(container, input) {
  const type = (text) => {
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    input.setRangeText(text, start, end, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const backspace = () => {
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    if (start === end && start > 0) input.setRangeText("", start - 1, end, "end");
    else input.setRangeText("", start, end, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const key = (label, action, extra = "") => h("button", {
    type: "button", class: `key ${extra}`, "data-key": label,
    // Keep the focus (and the caret) in the search box.
    onpointerdown: (event) => event.preventDefault(),
    onclick: action,
  }, label);

  const render = () => {
    container.replaceChildren(
      ...ROWS.map((row) => h("div", { class: "key-row" }, row.map((letter) => key(letter, () => type(letter))))),
      h("div", { class: "key-row" },
        key("⌫", backspace, "wide"),
        h("button", { type: "button", class: "key space", "data-key": " ", onpointerdown: (e) => e.preventDefault(), onclick: () => type(" ") }, t("keyboard.space")),
        h("button", { type: "button", class: "key wide close", onpointerdown: (e) => e.preventDefault(), onclick: () => hide() }, t("keyboard.close"))),
    );
    container.querySelector('[data-key="⌫"]').setAttribute("aria-label", t("keyboard.backspace"));
  };
  const show = () => {
    render();
    container.hidden = false;
    document.body.classList.add("with-keyboard");
  };
  const hide = () => {
    container.hidden = true;
    document.body.classList.remove("with-keyboard");
  };
  return { show, hide, render, get visible() { return !container.hidden; } };
}
