"""The spots a person confirmed by touch, over HTTP: saved per point and side, shown on the diagrams."""

from __future__ import annotations

import pytest

from acupress.knowledge import load_knowledge
from tests.web.conftest import csrf_of

SI3 = load_knowledge().points["SI3"].locator


def test_save_list_replace_and_forget_a_spot(client):
    assert client.get("/api/v1/marks").json() == {"marks": []}
    saved = client.put("/api/v1/marks/SI3/left", json={"along": 0.2, "outward": 0.1})
    assert saved.status_code == 200 and (saved.json()["along"], saved.json()["side"]) == (0.2, "left")
    client.put("/api/v1/marks/si3/left", json={"along": 0.25, "outward": 0.1})  # the id in any case
    client.put("/api/v1/marks/KI3/right", json={"along": 0.5, "outward": 0.0})
    marks = client.get("/api/v1/marks").json()["marks"]
    assert [(m["point_id"], m["side"], m["along"]) for m in marks] == [("KI3", "right", 0.5), ("SI3", "left", 0.25)]
    token = csrf_of(client, "/locate")
    assert client.delete("/api/v1/marks/SI3/left").status_code == 403, "a delete needs the page's token"
    assert client.delete("/api/v1/marks/SI3/left", headers={"x-csrf-token": token}).status_code == 204
    assert client.delete("/api/v1/marks/SI3/left", headers={"x-csrf-token": token}).status_code == 404
    assert [m["point_id"] for m in client.get("/api/v1/marks").json()["marks"]] == ["KI3"]


def test_the_diagram_shows_the_spot_where_the_rule_is_drawn_when_they_agree(client):
    """The rule's own position lands on the drawn point; a spot nearer the wrist lands nearer the drawn wrist."""
    client.put("/api/v1/marks/SI3/left", json={"along": SI3["along"], "outward": SI3["outward"]})
    client.put("/api/v1/marks/SI3/right", json={"along": SI3["along"] + 0.2, "outward": SI3["outward"]})
    drawn = {m["side"]: m["diagram"] for m in client.get("/api/v1/marks").json()["marks"]}
    assert drawn["left"] == {"x": 184.0, "y": 132.0}
    assert drawn["right"]["x"] < 184.0 and drawn["right"]["y"] == 132.0


@pytest.mark.parametrize(("path", "body", "status", "field"), [
    ("/api/v1/marks/SI3/both", {"along": 0.1, "outward": 0.1}, 422, "side"),
    ("/api/v1/marks/LI4/left", {"along": 0.1, "outward": 0.1}, 404, "point_id"),
    ("/api/v1/marks/BL23/left", {"along": 0.1, "outward": 0.1}, 404, "point_id"),  # no locator for it
    ("/api/v1/marks/SI3/left", {"along": 9, "outward": 0.1}, 422, "along"),
    ("/api/v1/marks/SI3/left", {"along": 0.1}, 422, "outward"),
    ("/api/v1/marks/SI3/left", {"along": 0.1, "outward": 0.1, "x": 3}, 422, "x"),
    ("/api/v1/marks/SI3/left", {"along": "NaN", "outward": 0.1}, 422, "along"),
])
def test_bad_spots_are_refused_naming_the_field(client, path, body, status, field):
    response = client.put(path, json=body)
    assert response.status_code == status
    assert response.json()["field"] == field and response.json()["error"]
    assert client.get("/api/v1/marks").json() == {"marks": []}, "nothing half-written"


def test_spots_are_exported_and_deleted_with_the_rest(client):
    client.put("/api/v1/marks/SI3/left", json={"along": 0.2, "outward": 0.1})
    assert client.get("/api/v1/export").json()["point_marks"][0]["side"] == "left"
    client.delete("/api/v1/me/data", headers={"x-csrf-token": csrf_of(client, "/diary")})
    assert client.get("/api/v1/marks").json() == {"marks": []}


def test_a_mark_must_be_given_in_numbers(client):
    for bad in ({"along": "0.5", "outward": 0}, {"along": True, "outward": 0}):
        response = client.put("/api/v1/marks/SI3/left", json=bad)
        assert response.status_code == 422 and response.json()["field"] == "along"
