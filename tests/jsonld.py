"""JSON-LD as a JSON-LD processor reads it, with schema.org's context served from a local file: no network."""

import json
from pathlib import Path

from pyld import jsonld

SCHEMA = "http://schema.org/"
# A minimal stand-in for https://schema.org's context: its vocabulary and the terms whose values are IRIs or dates.
CONTEXT_FILE = Path(__file__).resolve().parent / "schema_org_context.jsonld"
CONTEXT_URLS = ("https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/")


def local_loader(url: str, options=None) -> dict:
    """Serve schema.org's context; any other URL is a test failure, not a download."""
    if url not in CONTEXT_URLS:
        raise AssertionError(f"The JSON-LD asked for {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))}


def nodes(document: dict) -> dict[str, dict]:
    """Every node of the flattened graph, by @id."""
    flattened = jsonld.flatten(document, None, {"documentLoader": local_loader})
    return {node["@id"]: node for node in flattened}


def of_type(graph: dict[str, dict], name: str) -> list[dict]:
    return [node for node in graph.values() if SCHEMA + name in node.get("@type", [])]


def values(node: dict, name: str) -> list:
    """A property's values: literals as (value, language) or plain values, references as their @id."""
    found = []
    for value in node.get(SCHEMA + name, []):
        if "@id" in value:
            found.append(value["@id"])
        elif "@language" in value:
            found.append((value["@value"], value["@language"]))
        else:
            found.append(value["@value"])
    return found
