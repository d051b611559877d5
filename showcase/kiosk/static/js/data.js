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
