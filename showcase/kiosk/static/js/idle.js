// Back to the attract screen when nobody has touched the kiosk for a while.

const ACTIVITY = ["pointerdown", "keydown", "input", "wheel", "touchstart"];

export function watchIdle(seconds, onIdle) {
  let timer = null;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, seconds * 1000);
  };
  for (const type of ACTIVITY) document.addEventListener(type, arm, { capture: true, passive: true });
  document.addEventListener("scroll", arm, { capture: true, passive: true });
  arm();
  return { reset: arm };
}
