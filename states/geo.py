"""The map of Mexico's states, from the shipped TopoJSON (fixtures/mexico_states.topo.json).

Plotly draws choropleths from GeoJSON, so the TopoJSON is decoded here, once per process.
"""

import csv
import json
from functools import cache
from pathlib import Path

from django.conf import settings

TOPOJSON_PATH = Path(settings.BASE_DIR) / "fixtures" / "mexico_states.topo.json"
HASC_PATH = Path(settings.BASE_DIR) / "fixtures" / "mexico_states_hasc.csv"
TOPOJSON_OBJECT = "mex"
# The TopoJSON carries an unnamed geometry (id "-99"), which is not a state.
UNNAMED_GEOMETRY_ID = "-99"


def _decode_arcs(topology):
    """Return every arc as absolute [lon, lat] points (arcs are delta-encoded when quantized)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([list(point[:2]) for point in arc])
            continue
        (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale_x + shift_x, 4), round(y * scale_y + shift_y, 4)])
        arcs.append(points)
    return arcs


def _ring(arc_indexes, arcs):
    """Join arcs into a ring; a negative index (~i) is arc i reversed."""
    points = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def topojson_to_geojson(topology, object_name, id_map=None):
    """Return the named TopoJSON object as a GeoJSON FeatureCollection.

    `id_map` renames feature ids (e.g. "MX.ZA" -> "32"); geometries not in it are dropped.
    """
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        feature_id = geometry.get("id")
        if id_map is not None:
            if feature_id not in id_map:
                continue
            feature_id = id_map[feature_id]
        if geometry["type"] == "Polygon":
            coordinates = [_ring(ring, arcs) for ring in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "id": feature_id,
                "properties": dict(geometry.get("properties") or {}, id=feature_id),
                "geometry": {"type": geometry["type"], "coordinates": coordinates},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@cache
def mexico_states_geojson() -> dict:
    """Return the 32 states as GeoJSON features whose id is the INEGI code (cve_ent)."""
    topology = json.loads(TOPOJSON_PATH.read_text(encoding="utf-8"))
    with open(HASC_PATH, encoding="utf-8") as handle:
        hasc_to_cve = {row["hasc"]: row["cve_ent"] for row in csv.DictReader(handle)}
    hasc_to_cve.pop(UNNAMED_GEOMETRY_ID, None)
    return topojson_to_geojson(topology, TOPOJSON_OBJECT, id_map=hasc_to_cve)
