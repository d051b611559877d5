"""Walking routes through the hall: A* (networkx) over a grid of walkable cells derived from the floor plan.

The hall is cut into cells of CELL metres; a cell is walkable when its centre keeps CLEARANCE from every
stand and wall. A route starts at a kiosk (or on a stand's open side), runs over the grid to a cell in
front of the target's open side and ends on that side; line-of-sight smoothing then drops the grid's
staircase so the line draws nicely. The grid is built once per floor-plan geometry and kept.
"""

import math
import threading
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from showcase.models import HALL_DEPTH, HALL_WIDTH, Kiosk, Stand

CELL = 0.5
CLEARANCE = 0.5
# Smoothed segments keep at least this far from stands: a little less than the grid's clearance.
SMOOTHING_CLEARANCE = 0.3
# A crowded hall's pace.
WALKING_SPEED = 1.0
# How far from a kiosk the first walkable cell may be.
START_RADIUS = 3.0
SOURCE, TARGET = "source", "target"

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """A stand's rectangle on the plan, in metres."""

    x: float
    y: float
    width: float
    height: float

    def inflated(self, margin: float) -> "Box":
        return Box(self.x - margin, self.y - margin, self.width + 2 * margin, self.height + 2 * margin)

    def distance(self, point: Point) -> float:
        dx = max(self.x - point[0], 0.0, point[0] - (self.x + self.width))
        dy = max(self.y - point[1], 0.0, point[1] - (self.y + self.height))
        return math.hypot(dx, dy)

    def side(self, name: str) -> tuple[Point, Point, Point]:
        """An open side as its two ends and its outward unit normal."""
        x0, y0, x1, y1 = self.x, self.y, self.x + self.width, self.y + self.height
        return {"north": ((x0, y0), (x1, y0), (0.0, -1.0)), "south": ((x0, y1), (x1, y1), (0.0, 1.0)),
                "west": ((x0, y0), (x0, y1), (-1.0, 0.0)), "east": ((x1, y0), (x1, y1), (1.0, 0.0))}[name]


def box_of(stand: Stand) -> Box:
    return Box(stand.x, stand.y, stand.width, stand.height)


@dataclass(frozen=True)
class Endpoint:
    """Where a route starts or ends: a point (a kiosk), or a stand entered by its open sides."""

    point: Point | None = None
    box: Box | None = None
    sides: tuple[str, ...] = ()


def kiosk_endpoint(kiosk: Kiosk) -> Endpoint:
    return Endpoint(point=(kiosk.x, kiosk.y))


def stand_endpoint(stand: Stand) -> Endpoint:
    return Endpoint(box=box_of(stand), sides=tuple(stand.open_sides))


@dataclass(frozen=True)
class Route:
    points: list[Point]
    distance_m: float
    walking_seconds: int

    def as_dict(self) -> dict:
        return {"points": [{"x": x, "y": y} for x, y in self.points], "distance_m": self.distance_m,
                "walking_seconds": self.walking_seconds}


class NoRoute(Exception):
    """No walkable way joins the two places (a kiosk boxed in, a stand whose open sides face a wall)."""


def crosses(start: Point, end: Point, box: Box) -> bool:
    """Whether the segment passes through the rectangle's inside (touching its edge does not count): Liang–Barsky."""
    low, high = 0.0, 1.0
    for origin, delta, lower, upper in ((start[0], end[0] - start[0], box.x, box.x + box.width),
                                        (start[1], end[1] - start[1], box.y, box.y + box.height)):
        if delta == 0:
            if not lower < origin < upper:
                return False
            continue
        t0, t1 = sorted(((lower - origin) / delta, (upper - origin) / delta))
        low, high = max(low, t0), min(high, t1)
        if low >= high:
            return False
    return low < high


def cell_centre(cell: tuple[int, int]) -> Point:
    return ((cell[0] + 0.5) * CELL, (cell[1] + 0.5) * CELL)


class WalkableGrid:
    """The hall's walkable cells as a networkx graph, 8-connected, edges weighted by their length in metres."""

    def __init__(self, width: float, depth: float, boxes: tuple[Box, ...]):
        self.boxes = boxes
        self.lock = threading.Lock()
        columns, rows = int(width / CELL), int(depth / CELL)

        inside_walls = {(i, j) for i in range(columns) for j in range(rows)
                        if CLEARANCE <= cell_centre((i, j))[0] <= width - CLEARANCE
                        and CLEARANCE <= cell_centre((i, j))[1] <= depth - CLEARANCE}
        near_stands = set()
        for box in boxes:
            # Only the cells around the stand can be too close to it.
            around = box.inflated(CLEARANCE + CELL)
            near_stands.update(
                (i, j) for i in range(max(0, int(around.x / CELL)), int((around.x + around.width) / CELL) + 1)
                for j in range(max(0, int(around.y / CELL)), int((around.y + around.height) / CELL) + 1)
                if box.distance(cell_centre((i, j))) < CLEARANCE)
        free = inside_walls - near_stands
        # The cells alone, read without the lock while a route adds and removes its ends in the graph.
        self.cells = frozenset(free)
        self.graph = nx.Graph()
        self.graph.add_nodes_from(free)
        for i, j in free:
            for di, dj in ((1, 0), (0, 1), (1, 1), (1, -1)):
                neighbour = (i + di, j + dj)
                # A diagonal step only where both cells beside it are free, so it never cuts a corner.
                if neighbour in free and (di == 0 or dj == 0 or {(i + di, j), (i, j + dj)} <= free):
                    self.graph.add_edge((i, j), neighbour, weight=CELL * math.hypot(di, dj))

    def clear(self, start: Point, end: Point, margin: float) -> bool:
        return not any(crosses(start, end, box.inflated(margin)) for box in self.boxes)

    def links(self, endpoint: Endpoint) -> list[tuple[tuple[int, int], Point, float]]:
        """(cell, point on the endpoint, metres between them) for the cells a route may enter or leave it by."""
        if endpoint.point is not None:
            return [(cell, endpoint.point, math.dist(cell_centre(cell), endpoint.point))
                    for cell in self.cells if math.dist(cell_centre(cell), endpoint.point) <= START_RADIUS
                    and self.clear(endpoint.point, cell_centre(cell), 0.0)]
        found = []
        for name in endpoint.sides:
            (ax, ay), (bx, by), (nx_, ny_) = endpoint.box.side(name)
            length = math.dist((ax, ay), (bx, by))
            margin = min(CLEARANCE, length / 2)
            for cell in self.cells:
                cx, cy = cell_centre(cell)
                along = ((cx - ax) * (bx - ax) + (cy - ay) * (by - ay)) / length
                out = (cx - ax) * nx_ + (cy - ay) * ny_
                if margin <= along <= length - margin and 0 < out <= CLEARANCE + 1.5 * CELL:
                    foot = (ax + (bx - ax) * along / length, ay + (by - ay) * along / length)
                    found.append((cell, foot, out))
        return found

    def route(self, start: Endpoint, goal: Endpoint) -> Route:
        """The shortest walk from start to goal, smoothed; NoRoute when the grid does not join them."""
        starts, goals = self.links(start), self.links(goal)
        if not starts or not goals:
            raise NoRoute
        ends = {cell: foot for cell, foot, _ in goals}
        goal_points = [foot for _, foot, _ in goals]

        def heuristic(node, _target):
            if node in (SOURCE, TARGET):
                return 0.0
            centre = cell_centre(node)
            return min(math.dist(centre, point) for point in goal_points)

        with self.lock:
            self.graph.add_edges_from((SOURCE, cell, {"weight": metres}) for cell, _, metres in starts)
            self.graph.add_edges_from((cell, TARGET, {"weight": metres}) for cell, _, metres in goals)
            try:
                path = nx.astar_path(self.graph, SOURCE, TARGET, heuristic=heuristic, weight="weight")
            except nx.NetworkXNoPath:
                raise NoRoute from None
            finally:
                self.graph.remove_nodes_from((SOURCE, TARGET))
        cells = path[1:-1]
        first = next(foot for cell, foot, _ in starts if cell == cells[0])
        points = self.smoothed([first, *map(cell_centre, cells)]) + [ends[cells[-1]]]
        points = [(round(x, 2), round(y, 2)) for x, y in points]
        distance = round(sum(math.dist(a, b) for a, b in zip(points, points[1:])), 2)
        return Route(points, distance, round(distance / WALKING_SPEED))

    def smoothed(self, points: list[Point]) -> list[Point]:
        """Line-of-sight simplification: from each point, go straight to the farthest point in clear sight."""
        kept, i = [points[0]], 0
        while i < len(points) - 1:
            j = next((j for j in range(len(points) - 1, i + 1, -1)
                      if self.clear(points[i], points[j], SMOOTHING_CLEARANCE)), i + 1)
            kept.append(points[j])
            i = j
        return kept


@lru_cache(maxsize=8)
def walkable_grid(boxes: tuple[Box, ...], width: float = HALL_WIDTH, depth: float = HALL_DEPTH) -> WalkableGrid:
    """The grid of one floor-plan geometry: built once, reused until a stand moves."""
    return WalkableGrid(width, depth, boxes)


def walking_route(stands: list[Stand], start: Endpoint, goal: Endpoint) -> Route:
    """The walking route between two places in the hall among these stands.

    :raises NoRoute: when no walkable way joins them.
    """
    boxes = tuple(sorted((box_of(stand) for stand in stands), key=lambda box: (box.x, box.y, box.width, box.height)))
    return walkable_grid(boxes).route(start, goal)
