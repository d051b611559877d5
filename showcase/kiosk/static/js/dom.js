// Building DOM safely: text always goes in as textContent; the one piece of server HTML (a search
// snippet) is rebuilt from its text and <mark> elements only.

/**
 * Create an element. `props` sets attributes (class, data-*, aria-*), `on*` listeners and `text`;
 * children are nodes, strings (inserted as text) or arrays of either; null and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = tag.includes(":")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.split(":")[1])
    : document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") element.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

export function svg(tag, props = {}, ...children) {
  return h(`svg:${tag}`, props, ...children);
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

/**
 * The search API's snippet is HTML: matched terms in <mark>, everything else escaped. Parse it in
 * an inert <template> and keep only text and <mark>, so nothing else the server might send runs.
 */
export function snippetFragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html || "";
  const fragment = document.createDocumentFragment();
  const walk = (node, into) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) into.append(document.createTextNode(child.nodeValue));
      else if (child.nodeType === Node.ELEMENT_NODE && child.localName === "mark") {
        into.append(h("mark", { text: child.textContent }));
      } else if (child.nodeType === Node.ELEMENT_NODE) walk(child, into);
    }
  };
  walk(template.content, fragment);
  return fragment;
}

/** Segments [{text, mark}] (from the offline search) as text and <mark> nodes. */
export function segmentsFragment(segments) {
  const fragment = document.createDocumentFragment();
  for (const segment of segments) {
    fragment.append(segment.mark ? h("mark", { text: segment.text }) : document.createTextNode(segment.text));
  }
  return fragment;
}
