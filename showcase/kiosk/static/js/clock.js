// The kiosk's clock, in the conference's local time (Europe/Berlin). `?now=2015-06-30T14:10`
// starts it at that moment, so the programme's "now" can be shown and tested on any day.
// Times are milliseconds of a naive local time (the programme's own convention), kept as UTC.

const ZONE = "Europe/Berlin";

export function parseLocal(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text || "");
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second || 0);
}

function berlinNow() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date()).map((part) => [part.type, part.value]));
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
}

export function createClock(injected) {
  const start = parseLocal(injected);
  if (start === null) return { now: berlinNow, injected: false };
  const startedAt = Date.now();
  return { now: () => start + (Date.now() - startedAt), injected: true };
}

export function dayOf(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

export function timeOf(ms) {
  return new Date(ms).toISOString().slice(11, 16);
}
