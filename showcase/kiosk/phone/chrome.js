// What the phone pages share: their language and the header's language switch.

const LANGUAGES = ["de", "en"];

// `?lang=` when it is one of ours, else the language the server chose for the page.
export function pageLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  return LANGUAGES.includes(asked) ? asked : document.body.dataset.defaultLang || "de";
}

// Sets the page's language, its header's labels, the pressed language button and the title.
export function translateChrome(lang, t) {
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll("[data-i18n-label]")) element.setAttribute("aria-label", t(element.dataset.i18nLabel));
  for (const button of document.querySelectorAll("button[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  document.title = `${t("title")} · ${t("conference")}`;
}

// Calls `choose` with the language of the header button pressed.
export function onLanguageSwitch(choose) {
  for (const button of document.querySelectorAll("button[data-lang]")) {
    button.addEventListener("click", () => choose(button.dataset.lang));
  }
}
