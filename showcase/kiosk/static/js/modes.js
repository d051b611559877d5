// Display modes a visitor switches on at the kiosk: high contrast, larger text, and a low-reach layout
// that puts search, keyboard and navigation into the lower part of the screen. Idle resets them.

export const MODES = ["contrast", "large", "low"];

/** Wire the [data-mode] toggle buttons; the modes live as classes on <html> (rem sizes follow it). */
export function createModes(buttons, root = document.documentElement) {
  const set = (mode, on) => {
    root.classList.toggle(`mode-${mode}`, on);
    for (const button of buttons) {
      if (button.dataset.mode === mode) button.setAttribute("aria-pressed", String(on));
    }
  };
  for (const button of buttons) {
    set(button.dataset.mode, false);
    button.addEventListener("click", () => set(button.dataset.mode, !root.classList.contains(`mode-${button.dataset.mode}`)));
  }
  return {
    active: () => MODES.filter((mode) => root.classList.contains(`mode-${mode}`)),
    reset: () => MODES.forEach((mode) => set(mode, false)),
  };
}
