// The kiosk's data: the directory snapshot (kept by the service worker for outages), the network
// state behind the quiet offline indicator, and JSON requests that time out instead of hanging.

import { kioskHeaders } from "./kiosk-token.js";

export const SNAPSHOT_URL = "/api/v1/snapshot";
const listeners = new Set();

export const state = {
  snapshot: null,
  version: null,
  // When the data on screen was last confirmed by the server.
  fetchedAt: null,
  online: true,
};

let lookups = null;

/** Be told when the snapshot or the network state changes: listener({snapshotChanged}). */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(change) {
  for (const listener of listeners) listener(change);
}

export function setOnline(online) {
  if (state.online === online) return;
  state.online = online;
  notify({ snapshotChanged: false });
}

/** Fetch JSON; rejects on a network failure, an HTTP error or a timeout (AbortError if `signal` fired). */
export async function fetchJSON(url, { signal, timeout = 6000, cache = "default" } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), timeout);
  const abort = () => controller.abort(signal.reason);
  signal?.addEventListener("abort", abort, { once: true });
  try {
    const response = await fetch(url, { signal: controller.signal, cache, headers: { Accept: "application/json", ...kioskHeaders() } });
    if (!response.ok) {
      const error = new Error(`HTTP ${response.status} for ${url}`);
      error.status = response.status;
      throw error;
    }
    return { body: await response.json(), response };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", abort);
  }
}

/** Whether a failed request means the server is out of reach (rather than the request being cancelled). */
export function isUnreachable(error) {
  if (error?.name === "AbortError") return false;
  return error instanceof TypeError || error?.name === "TimeoutError" || (error?.status ?? 0) >= 500;
}

/**
 * Load the snapshot. With `revalidate` it asks the server even if the browser holds a fresh copy
 * (the ETag makes that a 304). The service worker answers with its last good copy, marked
 * X-Kiosk-Offline, when the server cannot be reached.
 */
export async function loadSnapshot({ revalidate = false } = {}) {
  let result;
  try {
    if (revalidate && state.online && state.snapshot?.cursor != null) {
      const merged = await loadDelta();
      if (merged !== null) return merged;
    }
    result = await fetchJSON(SNAPSHOT_URL, { cache: revalidate ? "no-cache" : "default", timeout: 10000 });
  } catch (error) {
    setOnline(false);
    if (!state.snapshot) throw error;
    return false;
  }
  const { body, response } = result;
  const fromWorkerCache = response.headers.get("X-Kiosk-Offline") === "1";
  const changed = body.version !== state.version;
  if (fromWorkerCache) {
    const storedAt = Number(response.headers.get("X-Kiosk-Stored-At"));
    if (!state.fetchedAt && storedAt) state.fetchedAt = new Date(storedAt);
  } else {
    state.fetchedAt = new Date();
  }
  if (changed) {
    state.snapshot = body;
    state.version = body.version;
    lookups = null;
  }
  const online = !fromWorkerCache;
  if (changed || online !== state.online) {
    state.online = online;
    notify({ snapshotChanged: changed });
  }
  return changed;
}

/** Records of the snapshot by slug (and stands by cluster), built once per snapshot version. */
export function find() {
  if (!lookups && state.snapshot) {
    const snapshot = state.snapshot;
    const bySlug = (records) => new Map(records.map((record) => [record.slug, record]));
    lookups = {
      clusters: bySlug(snapshot.clusters),
      projects: bySlug(snapshot.projects),
      innovations: bySlug(snapshot.innovations),
      organisations: bySlug(snapshot.organisations),
      sessions: bySlug(snapshot.programme),
      standsByCluster: new Map(snapshot.floor_plan.stands.map((stand) => [stand.cluster, stand])),
      standsByInnovation: new Map(snapshot.floor_plan.stands.flatMap(
        (stand) => stand.innovations.map((slug) => [slug, stand]))),
    };
  }
  return lookups;
}

const SECTIONS = ["clusters", "projects", "innovations", "organisations", "programme"];
const SECTION_OF_KIND = { cluster: "clusters", project: "projects", innovation: "innovations",
  organisation: "organisations", session: "programme" };

/**
 * Refresh by delta: GET /api/v1/snapshot?since=<cursor> answers only what changed and what was deleted,
 * merged here into the snapshot on screen. Null when the server no longer keeps that far back (410):
 * the caller then loads the snapshot whole. Records keep the snapshot's order by slug (the programme by time).
 */
async function loadDelta() {
  let body;
  try {
    ({ body } = await fetchJSON(`${SNAPSHOT_URL}?since=${state.snapshot.cursor}`, { cache: "no-cache", timeout: 10000 }));
  } catch (error) {
    if (error.status === 410) return null;
    throw error;
  }
  state.fetchedAt = new Date();
  const changed = body.deleted.length > 0 || SECTIONS.some((name) => body[name].length > 0);
  const snapshot = { ...state.snapshot, cursor: body.cursor, floor_plan: body.floor_plan };
  for (const name of SECTIONS) {
    const gone = new Set(body.deleted.filter((t) => SECTION_OF_KIND[t.kind] === name).map((t) => t.slug));
    const fresh = new Map(body[name].map((record) => [record.slug, record]));
    const kept = snapshot[name].filter((record) => !gone.has(record.slug) && !fresh.has(record.slug));
    const order = name === "programme" ? (r) => `${r.starts_at} ${r.slug}` : (r) => r.slug;
    snapshot[name] = [...kept, ...fresh.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1));
  }
  state.snapshot = snapshot;
  if (changed) {
    state.version = body.version;
    lookups = null;
    notify({ snapshotChanged: true });
  }
  return changed;
}
