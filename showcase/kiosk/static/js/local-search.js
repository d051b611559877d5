// Search in the snapshot, for when the server cannot be reached: umlaut folding, prefixes,
// compounds and typos, with the same response shape as GET /api/v1/search.

const WORD = /[\p{L}\p{N}]+/gu;
const KINDS = ["cluster", "project", "innovation", "organisation", "session"];

/** Fold a word for matching: lower case, ß → ss, umlauts and accents dropped, ae/oe/ue → a/o/u. */
export function fold(text) {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([aou])e/g, "$1");
}

/** Optimal string alignment distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2 = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2] + 1);
      }
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length];
}

function typoLimit(length) {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

function tokens(text) {
  return [...(text || "").matchAll(WORD)].map((match) => ({ word: match[0], index: match.index, folded: fold(match[0]) }));
}

/** How well a query word matches a word of the text: 1 exact, .9 prefix, .7 inside a compound, .6 a typo. */
export function wordScore(query, word, isLast) {
  if (word === query) return 1;
  if (query.length >= 2 && word.startsWith(query) && (isLast || query.length >= 4)) return 0.9;
  if (query.length >= 5 && word.includes(query)) return 0.7;
  const limit = typoLimit(query.length);
  if (!limit) return 0;
  if (distance(query, word, limit) <= limit) return 0.6;
  // A typo in a word still being typed: compare with the word's beginning.
  if (isLast && word.length > query.length && distance(query, word.slice(0, query.length), limit) <= limit) return 0.5;
  if (query.length >= 6 && word.length > query.length) {
    // A typo in a compound's part: "leichtbua" in "Faserverbundleichtbau".
    for (let start = 1; start + query.length - 1 <= word.length; start += 1) {
      for (const size of [query.length - 1, query.length, query.length + 1]) {
        const part = word.slice(start, start + size);
        if (part.length >= query.length - 1 && distance(query, part, 1) <= 1) return 0.45;
      }
    }
  }
  return 0;
}

function text(texts, lang) {
  if (!texts) return "";
  return typeof texts === "string" ? texts : texts[lang] || "";
}

/** The documents of the snapshot: every record with its searchable texts in both languages. */
export function buildIndex(snapshot) {
  const clusters = new Map(snapshot.clusters.map((cluster) => [cluster.slug, cluster]));
  const documents = [];
  const add = (kind, record, title, fields, clusterSlugs) => {
    const fieldTokens = [];
    for (const lang of ["de", "en"]) {
      fieldTokens.push({ lang, weight: 3, text: text(title, lang), tokens: tokens(text(title, lang)) });
      for (const field of fields) {
        const value = text(field, lang);
        if (value) fieldTokens.push({ lang, weight: 1, text: value, tokens: tokens(value) });
      }
    }
    const cluster = clusters.get(clusterSlugs[0]);
    documents.push({
      kind, slug: record.slug, title, fields: fieldTokens,
      clusters: clusterSlugs, round: cluster ? String(cluster.round) : null,
      words: new Set(fieldTokens.flatMap((field) => field.tokens.map((token) => token.folded))),
    });
  };
  for (const cluster of snapshot.clusters) {
    const name = { de: `${cluster.short_name} ${text(cluster.name, "de")}`, en: `${cluster.short_name} ${text(cluster.name, "en")}` };
    add("cluster", cluster, { de: cluster.short_name, en: cluster.short_name },
      [name, cluster.field, cluster.description, cluster.region, cluster.seat.city, cluster.states.join(" ")],
      [cluster.slug]);
  }
  for (const project of snapshot.projects) {
    add("project", project, project.title,
      [project.summary, { de: project.topics.de.join(", "), en: project.topics.en.join(", ") }], [project.cluster]);
  }
  for (const innovation of snapshot.innovations) {
    add("innovation", innovation, innovation.title, [innovation.description], [innovation.cluster]);
  }
  for (const organisation of snapshot.organisations) {
    add("organisation", organisation, organisation.name, [organisation.city], organisation.clusters);
  }
  for (const session of snapshot.programme) {
    add("session", session, session.title, [session.description, session.topic, session.room], []);
  }
  const vocabulary = new Set(documents.flatMap((document) => [...document.words]));
  return { documents, vocabulary: [...vocabulary], clusters };
}

function matchingWords(index, query, isLast) {
  const scores = new Map();
  for (const word of index.vocabulary) {
    const score = wordScore(query, word, isLast);
    if (score) scores.set(word, score);
  }
  return scores;
}

function snippet(document, matched, lang) {
  const fields = document.fields.filter((field) => field.weight === 1);
  const ranked = fields
    .map((field) => ({ field, hits: field.tokens.filter((token) => matched.has(token.folded)).length }))
    .sort((a, b) => b.hits - a.hits || (a.field.lang === lang ? -1 : 1));
  const chosen = ranked.find((entry) => entry.hits) || ranked.find((entry) => entry.field.lang === lang) || ranked[0];
  if (!chosen) return { segments: [], lang };
  const { field } = chosen;
  const first = field.tokens.findIndex((token) => matched.has(token.folded));
  const startToken = Math.max(0, first - 8);
  const endToken = Math.min(field.tokens.length, startToken + 28);
  const start = startToken > 0 ? field.tokens[startToken].index : 0;
  const end = endToken < field.tokens.length ? field.tokens[endToken].index : field.text.length;
  const segments = [];
  if (start > 0) segments.push({ text: "… ", mark: false });
  let cursor = start;
  for (const token of field.tokens.slice(startToken, endToken)) {
    if (!matched.has(token.folded)) continue;
    if (token.index > cursor) segments.push({ text: field.text.slice(cursor, token.index), mark: false });
    segments.push({ text: token.word, mark: true });
    cursor = token.index + token.word.length;
  }
  segments.push({ text: field.text.slice(cursor, end).trimEnd(), mark: false });
  if (end < field.text.length) segments.push({ text: " …", mark: false });
  return { segments, lang: field.lang };
}

/**
 * Search the snapshot's index. Returns the shape of GET /api/v1/search, except that each hit's
 * snippet is a list of {text, mark} segments (never HTML).
 */
export function searchLocal(index, q, { kind = null, cluster = null, lang = "de", limit = 50 } = {}) {
  const queryWords = tokens(q).map((token) => token.folded);
  const empty = { query: q, total: 0, page: 1, page_size: limit, hits: [], facets: { kind: [], cluster: [] }, did_you_mean: null, offline: true };
  if (!queryWords.length) return empty;
  const perWord = queryWords.map((word, position) => matchingWords(index, word, position === queryWords.length - 1));
  const matchedWords = new Set(perWord.flatMap((scores) => [...scores.keys()]));
  const scored = [];
  for (const document of index.documents) {
    let total = 0;
    let all = true;
    for (const scores of perWord) {
      let best = 0;
      for (const field of document.fields) {
        for (const token of field.tokens) {
          const score = scores.get(token.folded);
          if (score) best = Math.max(best, score * field.weight);
        }
      }
      if (!best) { all = false; break; }
      total += best;
    }
    if (all) scored.push({ document, score: total });
  }
  const count = (facet, keep) => {
    const counts = new Map();
    for (const { document } of scored.filter(keep)) {
      const values = facet === "kind" ? [document.kind] : document.clusters;
      for (const value of values) counts.set(value, (counts.get(value) || 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
      .map(([value, n]) => ({
        value, count: n,
        label: facet === "cluster" ? (index.clusters.get(value)?.short_name || value) : value,
      }));
  };
  const inKind = ({ document }) => !kind || document.kind === kind;
  const inCluster = ({ document }) => !cluster || document.clusters.includes(cluster);
  const hits = scored.filter((entry) => inKind(entry) && inCluster(entry))
    .sort((a, b) => b.score - a.score || KINDS.indexOf(a.document.kind) - KINDS.indexOf(b.document.kind));
  let didYouMean = null;
  if (!hits.length) {
    const corrected = queryWords.map((word) => {
      let best = word;
      let bestDistance = typoLimit(word.length) + 1;
      for (const candidate of index.vocabulary) {
        const d = distance(word, candidate, bestDistance - 1);
        if (d < bestDistance) { best = candidate; bestDistance = d; }
      }
      return best;
    });
    if (corrected.join(" ") !== queryWords.join(" ")) didYouMean = corrected.join(" ");
  }
  return {
    query: q,
    total: hits.length,
    page: 1,
    page_size: limit,
    hits: hits.slice(0, limit).map(({ document, score }) => {
      const { segments, lang: snippetLang } = snippet(document, matchedWords, lang);
      return { kind: document.kind, slug: document.slug, title: document.title, segments, snippet_lang: snippetLang, score };
    }),
    facets: { kind: count("kind", inCluster), cluster: count("cluster", inKind) },
    did_you_mean: didYouMean,
    offline: true,
  };
}
