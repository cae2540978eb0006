"""Maps of the story's places as server-side SVG: no tiles, no CDN, no JavaScript. Pure.

Outlines are Natural Earth's countries (public domain) as the npm package world-atlas 2.0.2
ships them in TopoJSON, vendored unchanged in ingest/site/static/ (countries-50m.json for
close views, countries-110m.json for wide ones; see VENDORED-LICENSES.txt there). They are
decoded once per process and drawn in an equirectangular projection whose standard parallel is
the middle of the view, fitted to the points shown: nothing is drawn outside the view (rings
are clipped to it and thinned to what a pixel can show), so a page carries only what it shows.

* `coordinates(place_row)`: where a place is — the row's own `latitude`/`longitude` when the
  archive has those columns, else the GeoNames gazetteer (ingest/gazetteer.py) by the place's
  name, kind and country, else STORY_POINTS below for the story's places GeoNames lacks
  (landmarks, border stations, rivers, seas). Places with no one point (Europe, Asia, the
  Soviet Union) have none: precision first.
* `world_map(places)`: every place, sized by article count, linked to its page; countries
  tinted by article count; dense clusters (Korea and Primorye, the Kursk front) get a detail panel.
* `locator_map(place, point)`: a small map with a dot (or the country highlighted).
"""

from __future__ import annotations

import functools
import json
import math
from itertools import accumulate
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

STATIC = Path(__file__).resolve().parent.parent / "site" / "static"
OUTLINES = {"50m": STATIC / "countries-50m.json", "110m": STATIC / "countries-110m.json"}
FINE_SCALE = 40  # views of more pixels per degree than this use the 1:50m outlines, others the 1:110m

# The story's places that GeoNames' packages lack or that have no GeoNames record of their own:
# name -> (latitude, longitude, "point" | "area"). An "area" is a representative point of a region,
# river or sea, drawn as a ring rather than a dot. Values from public maps, rounded.
STORY_POINTS: dict[str, tuple[float, float, str]] = {
    "Khasan": (42.428, 130.644, "point"),
    "Tumangang": (42.418, 130.603, "point"),
    "Korea-Russia Friendship Bridge": (42.422, 130.628, "point"),
    "Panmunjom": (37.956, 126.677, "point"),
    "Kim Il Sung Square": (39.019, 125.753, "point"),
    "Kumsusan Palace of the Sun": (39.066, 125.790, "point"),
    "Kim Il Sung University": (39.048, 125.765, "point"),
    "Kim Il Sung Stadium": (39.045, 125.756, "point"),
    "Juche Tower": (39.017, 125.767, "point"),
    "Sunan International Airport": (39.224, 125.670, "point"),
    "Vostochny Cosmodrome": (51.884, 128.334, "point"),
    "Red Square": (55.754, 37.620, "point"),
    "Wonsan-Kalma": (39.182, 127.480, "point"),
    "Rajin port": (42.245, 130.300, "point"),
    "Rason": (42.257, 130.298, "point"),
    "Taedong River": (38.995, 125.720, "area"),
    "Tumen River": (42.450, 130.600, "area"),
    "Yalu River": (40.100, 124.400, "area"),
    "Yellow Sea": (36.000, 123.500, "area"),
    "Sea of Japan": (40.000, 134.500, "area"),
    "Demilitarized Zone": (38.300, 127.200, "area"),
    "Korean Peninsula": (37.800, 127.300, "area"),
    "Korea": (37.800, 127.300, "area"),
    "Donbas": (48.200, 38.200, "area"),
    "Russian Far East": (50.500, 135.000, "area"),
    "Siberia": (60.000, 95.000, "area"),
}
POINT_KINDS = {"city", "town", "village", "landmark", "facility", "airport", "station", "port", "building"}
GAZETTEER_KINDS = ("country", "region", "city")

# world-atlas shapes by ISO 3166-1 numeric id (by name for the few that have none) -> alpha-2,
# matched once against the gazetteer's countries and its abbreviations ("Bosnia and Herz.")
# resolved by hand; Somaliland, N. Cyprus, Siachen Glacier and Indian Ocean Ter. have none.
SHAPE_CODES = dict(pair.split(":") for pair in (
    "004:AF 008:AL 010:AQ 012:DZ 016:AS 020:AD 024:AO 028:AG 031:AZ 032:AR 036:AU 040:AT 044:BS 048:BH "
    "050:BD 051:AM 052:BB 056:BE 060:BM 064:BT 068:BO 070:BA 072:BW 076:BR 084:BZ 086:IO 090:SB 092:VG "
    "096:BN 100:BG 104:MM 108:BI 112:BY 116:KH 120:CM 124:CA 132:CV 136:KY 140:CF 144:LK 148:TD 152:CL "
    "156:CN 158:TW 170:CO 174:KM 178:CG 180:CD 184:CK 188:CR 191:HR 192:CU 196:CY 203:CZ 204:BJ 208:DK "
    "212:DM 214:DO 218:EC 222:SV 226:GQ 231:ET 232:ER 233:EE 234:FO 238:FK 239:GS 242:FJ 246:FI 248:AX "
    "250:FR 258:PF 260:TF 262:DJ 266:GA 268:GE 270:GM 275:PS 276:DE 288:GH 296:KI 300:GR 304:GL 308:GD "
    "316:GU 320:GT 324:GN 328:GY 332:HT 334:HM 336:VA 340:HN 344:HK 348:HU 352:IS 356:IN 360:ID 364:IR "
    "368:IQ 372:IE 376:IL 380:IT 384:CI 388:JM 392:JP 398:KZ 400:JO 404:KE 408:KP 410:KR 414:KW 417:KG "
    "418:LA 422:LB 426:LS 428:LV 430:LR 434:LY 438:LI 440:LT 442:LU 446:MO 450:MG 454:MW 458:MY 462:MV "
    "466:ML 470:MT 478:MR 480:MU 484:MX 492:MC 496:MN 498:MD 499:ME 500:MS 504:MA 508:MZ 512:OM 516:NA "
    "520:NR 524:NP 528:NL 531:CW 533:AW 534:SX 540:NC 548:VU 554:NZ 558:NI 562:NE 566:NG 570:NU 574:NF "
    "578:NO 580:MP 583:FM 584:MH 585:PW 586:PK 591:PA 598:PG 600:PY 604:PE 608:PH 612:PN 616:PL 620:PT "
    "624:GW 626:TL 630:PR 634:QA 642:RO 643:RU 646:RW 652:BL 654:SH 659:KN 660:AI 662:LC 663:MF 666:PM "
    "670:VC 674:SM 678:ST 682:SA 686:SN 688:RS 690:SC 694:SL 702:SG 703:SK 704:VN 705:SI 706:SO 710:ZA "
    "716:ZW 724:ES 728:SS 729:SD 732:EH 740:SR 748:SZ 752:SE 756:CH 760:SY 762:TJ 764:TH 768:TG 776:TO "
    "780:TT 784:AE 788:TN 792:TR 795:TM 796:TC 800:UG 804:UA 807:MK 818:EG 826:GB 831:GG 832:JE 833:IM "
    "834:TZ 840:US 850:VI 854:BF 858:UY 860:UZ 862:VE 876:WF 882:WS 887:YE 894:ZM Kosovo:XK "
).split())


# ---------------------------------------------------------------------------------------------
# Where a place is


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    shape: str  # "point" (a city, a landmark), "area" (a region's, river's or sea's centre), "country"
    source: str  # "archive" (the places row), "gazetteer" (GeoNames), "registry" (STORY_POINTS)
    country_code: str = ""

    def as_dict(self) -> dict:
        return {"latitude": round(self.latitude, 5), "longitude": round(self.longitude, 5), "shape": self.shape,
                "coordinates_from": self.source, "country_code": self.country_code or None}


def _shape(kind: str | None) -> str:
    if kind == "country":
        return "country"
    return "point" if (kind or "city") in POINT_KINDS else "area"


@functools.lru_cache(maxsize=1)
def _gazetteer():
    from ..gazetteer import Gazetteer

    return Gazetteer.load()


@functools.lru_cache(maxsize=512)
def _country_code(country: str | None) -> str:
    if not country:
        return ""
    found = _gazetteer().place(country, kind="country")
    return found.country_code if found else ""


def coordinates(place_row: dict) -> Point | None:
    """Where a place (a `places` row as a dict) is, or None when it has no one point."""
    kind = place_row.get("kind")
    lat, lon = place_row.get("latitude"), place_row.get("longitude")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and -90 <= lat <= 90 and -180 <= lon <= 180:
        code = place_row.get("country_code") or ""
        if kind == "country" and not code:
            code = _country_code(place_row.get("name"))
        # GeoNames gave the point when the place has a GeoNames id, else the registry did
        source = "gazetteer" if place_row.get("geonameid") else "registry" if place_row.get("reviewed") else "archive"
        return Point(float(lat), float(lon), _shape(kind), source, code or _country_code(place_row.get("country")))
    return _looked_up(place_row.get("name") or "", kind, place_row.get("country"))


@functools.lru_cache(maxsize=4096)
def _looked_up(name: str, kind: str | None, country: str | None) -> Point | None:
    story = STORY_POINTS.get(name)
    if story:
        return Point(story[0], story[1], story[2] if kind != "country" else "country", "registry",
                     _country_code(country))
    if kind not in GAZETTEER_KINDS and kind is not None:
        return None  # a landmark, river or sea the story list lacks: no guess from a namesake city
    gazetteer = _gazetteer()
    code = _country_code(country) if kind != "country" else ""
    found = gazetteer.place(name, kind=kind, country_code=code or None)
    if found is None and kind == "city" and code:  # Rason is a region in GeoNames
        found = gazetteer.place(name, country_code=code)
    if found is None or (code and found.country_code != code) or (kind == "country" and found.kind != "country"):
        return None
    return Point(found.latitude, found.longitude, _shape(kind or found.kind), "gazetteer", found.country_code)


# ---------------------------------------------------------------------------------------------
# Outlines


@dataclass
class Ring:
    points: list[tuple[float, float]]  # (longitude, latitude)
    west: float
    east: float
    south: float
    north: float


@dataclass
class Country:
    code: str  # ISO alpha-2, "" if unknown
    name: str  # Natural Earth's short name, made for labels ("Bosnia and Herz.")
    rings: list[Ring]


@functools.lru_cache(maxsize=2)
def outlines(resolution: str = "50m") -> list[Country]:
    """The countries of a world-atlas TopoJSON file, decoded (arcs un-delta-coded and
    un-quantized; rings joined from their arcs). ~0.1 s for 1:110m, ~0.5 s for 1:50m."""
    topo = json.loads(OUTLINES[resolution].read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # delta-coded, quantized: running sums, then the transform
        dx, dy = zip(*arc)
        arcs.append(list(zip([x * sx + tx for x in accumulate(dx)], [y * sy + ty for y in accumulate(dy)])))

    def ring(indexes: list[int]) -> Ring:
        points: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        turn = 0.0  # a ring that crosses the antimeridian (Russia's, Fiji's) is made continuous
        for j in range(1, len(points)):
            lon = points[j][0] + turn
            if lon - points[j - 1][0] > 180:
                turn -= 360
            elif lon - points[j - 1][0] < -180:
                turn += 360
            if turn:
                points[j] = (points[j][0] + turn, points[j][1])
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        return Ring(points, min(lons), max(lons), min(lats), max(lats))

    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = SHAPE_CODES.get(str(geometry.get("id") or name.replace(" ", "_")), "")
        if code == "AQ":
            continue  # Antarctica circles the pole: no equirectangular view of the story needs it
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        elif geometry["type"] != "MultiPolygon":
            continue
        countries.append(Country(code, name, [ring(r) for polygon in polygons for r in polygon]))
    return countries


@functools.lru_cache(maxsize=2)
def _by_code(resolution: str) -> dict[str, Country]:
    return {c.code: c for c in outlines(resolution) if c.code}


# ---------------------------------------------------------------------------------------------
# Projection


class View:
    """An equirectangular projection onto a width x height box: x = (lon - lon0) cos(lat0),
    y = -lat, scaled and centred on the box."""

    def __init__(self, west: float, east: float, south: float, north: float, width: float, height: float | None,
                 pad: float = 24, min_span: float = 4.0, max_height: float | None = None):
        if east < west:
            east += 360
        span_lon, span_lat = east - west, north - south
        if span_lat < min_span:
            south, north = (south + north) / 2 - min_span / 2, (south + north) / 2 + min_span / 2
        self.lat0 = max(-70.0, min(70.0, (south + north) / 2))
        self.k = math.cos(math.radians(self.lat0))
        if span_lon * self.k < min_span:
            middle = (west + east) / 2
            west, east = middle - min_span / self.k / 2, middle + min_span / self.k / 2
        self.lon0 = (west + east) / 2
        north, south = min(north, 89.9), max(south, -89.9)
        bw, bh = (east - west) * self.k, north - south
        if height is None:  # as tall as the points need
            height = max(240.0, min(max_height or width, (width - 2 * pad) * bh / bw + 2 * pad))
        self.width, self.height = float(width), float(height)
        self.scale = min((width - 2 * pad) / bw, (height - 2 * pad) / bh)
        self.cx, self.cy = width / 2, height / 2
        self.mid_lat = (north + south) / 2
        # the view in degrees, for culling rings
        half_w, half_h = self.width / 2 / self.scale / self.k, self.height / 2 / self.scale
        self.west, self.east = self.lon0 - half_w, self.lon0 + half_w
        self.south, self.north = self.mid_lat - half_h, self.mid_lat + half_h

    @property
    def degrees_wide(self) -> float:
        return self.east - self.west

    def wrap(self, lon: float) -> float:
        """lon moved by whole turns to lie within 180 degrees of the centre."""
        return (lon - self.lon0 + 180) % 360 - 180 + self.lon0

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (self.cx + (self.wrap(lon) - self.lon0) * self.k * self.scale,
                self.cy - (lat - self.mid_lat) * self.scale)

    def contains(self, x: float, y: float, margin: float = 0) -> bool:
        return -margin <= x <= self.width + margin and -margin <= y <= self.height + margin


def fit(points: list[tuple[float, float]], width: float, height: float | None = None, pad: float = 28,
        min_span: float = 4.0, max_height: float | None = None) -> View:
    """The view that shows (lat, lon) points, taking the short way round the globe."""
    lats = [p[0] for p in points]
    lons = sorted(p[1] for p in points)
    if len(lons) > 1:  # the widest gap between longitudes is where the view does not go
        gaps = [(lons[(i + 1) % len(lons)] - lons[i]) % 360 for i in range(len(lons))]
        widest = max(range(len(gaps)), key=gaps.__getitem__)
        west, east = lons[(widest + 1) % len(lons)], lons[widest]
    else:
        west = east = lons[0]
    return View(west, east, min(lats), max(lats), width, height, pad, min_span, max_height)


# ---------------------------------------------------------------------------------------------
# Drawing


def _clip(points: list[tuple[float, float]], x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: a closed ring clipped to a rectangle (edges along the rectangle
    stay, outside the visible box since the rectangle is a little larger than it)."""
    for edge in range(4):
        if not points:
            return points
        out = []
        prev = points[-1]
        for cur in points:
            a, b = _inside(cur, edge, x0, y0, x1, y1), _inside(prev, edge, x0, y0, x1, y1)
            if a:
                if not b:
                    out.append(_cross(prev, cur, edge, x0, y0, x1, y1))
                out.append(cur)
            elif b:
                out.append(_cross(prev, cur, edge, x0, y0, x1, y1))
            prev = cur
        points = out
    return points


def _inside(p, edge, x0, y0, x1, y1) -> bool:
    return (p[0] >= x0, p[0] <= x1, p[1] >= y0, p[1] <= y1)[edge]


def _cross(p, q, edge, x0, y0, x1, y1):
    (px, py), (qx, qy) = p, q
    if edge < 2:
        x = x0 if edge == 0 else x1
        t = (x - px) / ((qx - px) or 1e-12)
        return x, py + t * (qy - py)
    y = y0 if edge == 2 else y1
    t = (y - py) / ((qy - py) or 1e-12)
    return px + t * (qx - px), y


def _ring_path(ring: Ring, view: View, margin: float = 6, step: float = 0.7,
               pieces: list | None = None) -> str:
    """The SVG path of a ring as the view shows it ('' if it is out of sight)."""
    shift = 0.0
    middle = (ring.west + ring.east) / 2
    shift = view.wrap(middle) - middle
    if ring.east + shift < view.west - 1 or ring.west + shift > view.east + 1 \
            or ring.north < view.south - 1 or ring.south > view.north + 1:
        return ""
    kx, s, cx, cy, lon0, mid = view.k * view.scale, view.scale, view.cx, view.cy, view.lon0 - shift, view.mid_lat
    projected = [(cx + (lon - lon0) * kx, cy - (lat - mid) * s) for lon, lat in ring.points]
    inside = (ring.west + shift >= view.west and ring.east + shift <= view.east
              and ring.south >= view.south and ring.north <= view.north)
    if not inside:
        projected = _clip(projected, -margin, -margin, view.width + margin, view.height + margin)
    if len(projected) < 3:
        return ""
    kept = [projected[0]]
    lx, ly = projected[0]
    for x, y in projected[1:]:
        if abs(x - lx) >= step or abs(y - ly) >= step:
            kept.append((x, y))
            lx, ly = x, y
    if len(kept) < 3:
        return ""
    if pieces is not None:
        pieces.append(kept)
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in kept) + "Z"


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(x, y, area) of a polygon, by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return 0.0, 0.0, 0.0
    return cx / (3 * area), cy / (3 * area), abs(area / 2)


def _country_paths(view: View, tinted: dict[str, tuple[str, str]] | None = None,
                   highlight: str | None = None, shown: dict | None = None) -> list[str]:
    """<path> elements of the countries in view: plain land, tinted ones (code -> (class,
    link and title markup)) and a highlighted one. `shown` receives, for each country, the
    centre and area (pixels) of its largest piece in view, where its name can go."""
    resolution = "50m" if view.scale > FINE_SCALE else "110m"
    parts = []
    for country in outlines(resolution):
        pieces: list = []
        d = "".join(_ring_path(r, view, pieces=pieces) for r in country.rings)
        if not d:
            continue
        if shown is not None and country.code:
            x, y, area = max((_centroid(p) for p in pieces), key=lambda c: c[2])
            shown[country.code] = (x, y, area, country.name)
        if tinted and country.code in tinted:
            css, wrap = tinted[country.code]
            parts.append(wrap.replace("{path}", f'<path class="land {css}" d="{d}"/>'))
        elif highlight and country.code == highlight:
            parts.append(f'<path class="land highlight" d="{d}"/>')
        else:
            parts.append(f'<path class="land" d="{d}"><title>{escape(country.name)}</title></path>')
    return parts


def _text_box(x: float, y: float, text: str, size: float, anchor: str) -> tuple[float, float, float, float]:
    width = 0.58 * size * len(text) + 2
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return left, y - size * 0.8, left + width, y + size * 0.25


def _overlaps(box, boxes) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)


class _Labels:
    """Greedy label placement: a label goes beside its dot (right, left, above, below), inside
    the view and clear of the labels and dots placed before it, or is left out (the dot keeps
    its tooltip and the table below the map names every place)."""

    def __init__(self, view: View, dots: list[tuple[float, float, float]], margin: float = 3):
        self.view, self.margin = view, margin
        self.boxes = [(x - r, y - r, x + r, y + r) for x, y, r in dots]
        self.parts: list[str] = []

    def place(self, x: float, y: float, r: float, text: str, size: float = 12, css: str = "label",
              candidates: tuple[str, ...] = ("right", "left", "above", "below"), own_dot: bool = True) -> bool:
        own = (x - r, y - r, x + r, y + r)
        others = [b for b in self.boxes if b != own] if own_dot else self.boxes
        for where in candidates:
            if where == "right":
                tx, ty, anchor = x + r + 3, y + size * 0.35, "start"
            elif where == "left":
                tx, ty, anchor = x - r - 3, y + size * 0.35, "end"
            elif where == "above":
                tx, ty, anchor = x, y - r - 3, "middle"
            elif where == "below":
                tx, ty, anchor = x, y + r + size, "middle"
            else:  # centred on the point
                tx, ty, anchor = x, y + size * 0.35, "middle"
            box = _text_box(tx, ty, text, size, anchor)
            m = self.margin
            if box[0] < m or box[1] < m or box[2] > self.view.width - m or box[3] > self.view.height - m:
                continue
            if _overlaps(box, others):
                continue
            self.boxes.append(box)
            self.parts.append(f'<text class="{css}" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" '
                              f'font-size="{size:g}">{escape(text)}</text>')
            return True
        return False


def _radius(count: int, largest: int, smallest: float = 3.0, biggest: float = 12.0) -> float:
    return smallest + (biggest - smallest) * math.sqrt(max(count, 0) / max(largest, 1))


def _articles(count: int) -> str:
    return f"{count:,} article" + ("" if count == 1 else "s")


TINTS = ("tint-1", "tint-2", "tint-3", "tint-4")


def _tint(count: int, largest: int) -> str:
    if largest <= 1:
        return TINTS[1]
    step = math.log(max(count, 1)) / math.log(largest)
    return TINTS[min(len(TINTS) - 1, int(step * len(TINTS)))]


def _panel(places: list[dict], view: View, title: str, largest: int, label_countries: bool = True,
           frames: list[tuple[str, View]] = ()) -> str:
    """One map: countries (tinted when mentioned), a dot per place, labels, a frame for each
    detail panel. places: dicts with name, url, article_count, point (a Point)."""
    tinted = {}
    for p in places:
        if p["point"].shape == "country" and p["point"].country_code:
            link = (f'<a href="{escape(p["url"])}">{{path}}<title>{escape(p["name"])}: '
                    f'{_articles(p["article_count"])}</title></a>')
            tinted[p["point"].country_code] = (_tint(p["article_count"], largest), link)
    parts = [f'<svg class="map" viewBox="0 0 {view.width:.0f} {view.height:.0f}" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">', f"<title>{escape(title)}</title>",
             f'<rect class="sea" width="{view.width:.0f}" height="{view.height:.0f}"/>']
    shown: dict = {}
    parts += _country_paths(view, tinted, shown=shown)
    letters = []  # each frame's letter goes outside its top-left corner, on top of the dots
    for letter, inner in frames:
        (x0, y0), (x1, y1) = view.xy(inner.north, inner.west), view.xy(inner.south, inner.east)
        parts.append(f'<rect class="frame" x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}"/>')
        lx, ly = (x0 - 3, y0 + 10) if x0 > 14 else (x1 + 3, y0 + 10)
        letters.append((lx, ly, "end" if x0 > 14 else "start", letter))
    dots = []
    for p in sorted((p for p in places if p["point"].shape != "country"), key=lambda p: -p["article_count"]):
        x, y = view.xy(p["point"].latitude, p["point"].longitude)
        if not view.contains(x, y):
            continue
        dots.append((x, y, _radius(p["article_count"], largest), p))
    labels = _Labels(view, [(x, y, r) for x, y, r, _ in dots])
    labels.boxes += [_text_box(lx, ly, letter, 12, anchor) for lx, ly, anchor, letter in letters]
    covered: dict[int, list[str]] = {}  # dot -> the smaller places drawn on it (landmarks of a city)
    hidden: set[int] = set()
    for i, (x, y, r, p) in enumerate(dots):
        if i in hidden:
            continue
        for j in range(i + 1, len(dots)):
            if j not in hidden and math.hypot(dots[j][0] - x, dots[j][1] - y) < r:
                covered.setdefault(i, []).append(dots[j][3]["name"])
                hidden.add(j)
    for i, (x, y, r, p) in enumerate(dots):  # biggest first, so small dots are drawn on top
        css = "dot" if p["point"].shape == "point" else "dot area"
        also = f" (also here: {', '.join(covered[i])})" if i in covered else ""
        parts.append(f'<a href="{escape(p["url"])}"><circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
                     f'<title>{escape(p["name"])}: {_articles(p["article_count"])}{escape(also)}</title></circle></a>')
    for i, (x, y, r, p) in enumerate(dots):
        if i not in hidden:
            more = len(covered.get(i, ()))
            labels.place(x, y, r, p["name"] + (f" +{more}" if more else ""))
    if label_countries:
        for p in sorted((p for p in places if p["point"].shape == "country"), key=lambda p: -p["article_count"]):
            x, y = view.xy(p["point"].latitude, p["point"].longitude)
            if view.contains(x, y):
                labels.place(x, y, 0, p["name"].upper(), size=10, css="country-label",
                             candidates=("centre", "below", "above"), own_dot=False)
    else:  # a detail panel: the countries in it named where most of their land in view is, the biggest first
        for code, (x, y, area, country_name) in sorted(shown.items(), key=lambda c: -c[1][2]):
            if area > 2500:  # at the centre of its land in view, or a little above or below it
                any(labels.place(x, y + dy, 0, country_name.upper(), size=10, css="country-label",
                                 candidates=("centre",), own_dot=False) for dy in (0, 24, -24, 48, -48))
    parts += labels.parts
    parts += [f'<text class="frame-label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{letter}</text>'
              for lx, ly, anchor, letter in letters]
    parts.append("</svg>")
    return "".join(parts)


def _clusters(dots: list[tuple[float, float, dict]], distance: float) -> list[list[dict]]:
    """Single-linkage groups of dots closer than `distance` pixels."""
    groups: list[list[int]] = []
    seen: set[int] = set()
    for i in range(len(dots)):
        if i in seen:
            continue
        group, todo = [], [i]
        seen.add(i)
        while todo:
            j = todo.pop()
            group.append(j)
            for k in range(len(dots)):
                if k not in seen and math.hypot(dots[j][0] - dots[k][0], dots[j][1] - dots[k][1]) < distance:
                    seen.add(k)
                    todo.append(k)
        groups.append(group)
    return [[dots[j][2] for j in g] for g in groups]


def world_map(places: list[dict], width: int = 960, detail_width: int = 470, max_details: int = 2) -> Markup:
    """The map page's map: every place with a point, sized by article count (countries tinted),
    and up to two detail panels for places too close together to tell apart.
    places: dicts with name, url, article_count and point (a Point). Remembered: ~0.1 s to
    draw, asked for on every visit to /map while the places stay the same."""
    key = tuple((p["name"], p["url"], p["article_count"], p.get("point")) for p in places)
    return _world_map(key, width, detail_width, max_details)


@functools.lru_cache(maxsize=4)
def _world_map(key: tuple, width: int, detail_width: int, max_details: int) -> Markup:
    places = [{"name": name, "url": url, "article_count": count, "point": point} for name, url, count, point in key]
    placed = [p for p in places if p.get("point") is not None]
    if not placed:
        return Markup('<p class="empty">No place with known coordinates is mentioned yet.</p>')
    largest = max(p["article_count"] for p in placed) or 1
    # the view fits the places that are points; countries alone only if there is nothing else
    anchors = [p for p in placed if p["point"].shape != "country"] or placed
    view = fit([(p["point"].latitude, p["point"].longitude) for p in anchors], width, 440, pad=40, min_span=20)
    dots = []
    for p in anchors:
        if p["point"].shape == "country":
            continue
        x, y = view.xy(p["point"].latitude, p["point"].longitude)
        dots.append((x, y, p))
    details = []
    for group in sorted(_clusters(dots, 22), key=lambda g: -sum(p["article_count"] for p in g)):
        if len(group) < 3 or len(details) == max_details:
            continue
        inner = fit([(p["point"].latitude, p["point"].longitude) for p in group], detail_width, 300, pad=44,
                    min_span=2.5)
        if inner.degrees_wide > view.degrees_wide / 3:
            continue  # as wide as the map itself: nothing to zoom into
        details.append((chr(ord("A") + len(details)), inner, group))
    title = "Places named in the archive, sized by the number of articles"
    frames = [(letter, inner) for letter, inner, _ in details]
    html = [f'<figure class="map-figure">{_panel(placed, view, title, largest, frames=frames)}']
    if details:
        html.append('<div class="map-details">')
        for letter, inner, group in details:
            biggest = max(group, key=lambda p: p["article_count"])["name"]
            caption = f"{letter}: around {biggest}"
            html.append(f'<figure class="map-detail">{_panel(placed, inner, caption, largest, label_countries=False)}'
                        f"<figcaption>{escape(caption)}</figcaption></figure>")
        html.append("</div>")
    html.append("</figure>")
    return Markup("".join(html))


LOCATOR_SPAN = {"point": 16.0, "area": 22.0}


def locator_map(name: str, point: Point | None, width: int = 360, height: int = 240) -> Markup:
    """A small map showing where one place is: a dot (a ring for an area's centre), or for a
    country its outline highlighted, with the neighbouring countries named."""
    if point is None:
        return Markup("")
    if point.shape == "country" and point.country_code in _by_code("110m"):
        country = _by_code("110m")[point.country_code]
        biggest = max(country.rings, key=lambda r: (r.east - r.west) * (r.north - r.south))
        near = [r for r in country.rings if (r.east - r.west) * (r.north - r.south) > 0.05 *
                (biggest.east - biggest.west) * (biggest.north - biggest.south)]
        view = fit([(r.south, r.west) for r in near] + [(r.north, r.east) for r in near], width, height, pad=20,
                   min_span=6)
    else:
        span = LOCATOR_SPAN.get(point.shape, 16.0)
        view = View(point.longitude - span / 2, point.longitude + span / 2, point.latitude - span / 4,
                    point.latitude + span / 4, width, height, pad=0)
    parts = [f'<svg class="map locator" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(f"Where {name} is")}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(f'Where {name} is')}</title>", f'<rect class="sea" width="{width}" height="{height}"/>']
    shown: dict = {}
    parts += _country_paths(view, highlight=point.country_code or None, shown=shown)
    labels = _Labels(view, [])
    if point.shape != "country":
        x, y = view.xy(point.latitude, point.longitude)
        css = "dot" if point.shape == "point" else "dot area"
        parts.append(f'<circle class="{css} here" cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
        labels.boxes.append((x - 5, y - 5, x + 5, y + 5))
        labels.place(x, y, 5, name, size=13, css="label here")
    # the countries in view named where most of their land in view is, the biggest first
    for code, (x, y, area, country_name) in sorted(shown.items(), key=lambda c: -c[1][2]):
        own = code == point.country_code
        if point.shape == "country" and own:
            labels.place(x, y, 0, name.upper(), size=12, css="country-label here", candidates=("centre",),
                         own_dot=False)
        elif area > 1500:
            labels.place(x, y, 0, country_name.upper(), size=9, css="country-label",
                         candidates=("centre", "below", "above"), own_dot=False)
    parts += labels.parts
    parts.append("</svg>")
    return Markup("".join(parts))


def warm() -> None:
    """Decode the outlines and read the gazetteer now: a process that forks page renderers
    (ingest.publish) then hands them over ready instead of each one reading them again."""
    outlines("110m")
    _gazetteer()
