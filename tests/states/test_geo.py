import pytest

from states.geo import mexico_states_geojson, topojson_to_geojson


def test_decodes_a_quantized_topology_by_hand():
    # Two arcs, delta-encoded, scale 0.5 and shift (10, 20). Arc 0: (0,0)->(2,0)->(2,2);
    # arc 1: (2,2)->(0,2)->(0,0). A square ring is [0, 1]; [~1, ~0] is the same ring reversed.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
        "objects": {
            "shapes": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "A", "arcs": [[0, 1]]},
                    {"type": "MultiPolygon", "id": "B", "arcs": [[[-2, -1]]]},
                    {"type": "Polygon", "id": "-99", "arcs": [[0, 1]]},
                ],
            }
        },
    }

    geojson = topojson_to_geojson(topology, "shapes", id_map={"A": "01", "B": "02"})

    square = [[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]
    assert [f["id"] for f in geojson["features"]] == ["01", "02"]
    assert geojson["features"][0]["geometry"] == {"type": "Polygon", "coordinates": [square]}
    assert geojson["features"][1]["geometry"]["coordinates"] == [[list(reversed(square))]]


@pytest.mark.django_db
def test_shipped_map_has_the_32_states_by_inegi_code(states):
    features = mexico_states_geojson()["features"]

    assert sorted(f["id"] for f in features) == sorted(s.cve_ent for s in states)
    zacatecas = next(f for f in features if f["id"] == "32")
    assert zacatecas["properties"]["name"] == "Zacatecas"
    lon, lat = zacatecas["geometry"]["coordinates"][0][0]
    assert -106 < lon < -100 and 21 < lat < 26  # Zacatecas's own bounding box


@pytest.mark.django_db
def test_map_endpoint_serves_geojson_compressed_and_cacheable(client):
    response = client.get("/estados/mapa.geojson", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "max-age=86400" in response["Cache-Control"]
