"""`acupress locate` and POST /api/v1/locate."""

from __future__ import annotations

import re

from tests.vision.conftest import PHOTOS


def test_cli_text_and_annotated_output(cli, tmp_path):
    out = tmp_path / "marked.png"
    result = cli("locate", str(PHOTOS / "hands_0.jpg"), "--point", "SI3", "--out", str(out))
    assert result.code == 0, result.err
    assert "SI3 (left): x 36" in result.out and "SI3 (right): x 5" in result.out
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_json(cli):
    data = cli("locate", str(PHOTOS / "hands_2.jpg"), "--format", "json").json()
    assert data["image"] == {"width": 450, "height": 450}
    assert data["points"][0]["id"] == "SI3" and data["messages"]


def test_cli_assisted_ki3(cli):
    data = cli("locate", str(PHOTOS / "hands_0.jpg"), "--point", "KI3", "--ankle-bone", "100,200",
               "--tendon", "140,200", "--side", "right", "--format", "json").json()
    assert data["points"] == [{"id": "KI3", "x": 120.0, "y": 200.0, "side": "right", "confidence": 1.0, "method": "assisted"}]


def test_cli_bad_input(cli, tmp_path):
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo")
    for args, words in (([str(text)], "photo: is not an image"),
                        ([str(tmp_path / "missing.jpg")], "PHOTO: cannot read"),
                        ([str(PHOTOS / "hands_0.jpg"), "--ankle-bone", "12"], "--ankle-bone: must be two pixel numbers"),
                        ([str(PHOTOS / "hands_0.jpg"), "--point", "LI4"], "Invalid value for '--point'")):
        result = cli("locate", *args)
        assert result.code == 2 and words in result.err and result.err.count("\n") == 1, result.err


def upload(client, path, **fields):
    token = re.search(r'name="csrf-token" content="([0-9a-f]+)"', client.get("/locate").text).group(1)
    with open(path, "rb") as handle:
        return client.post("/api/v1/locate", files={"photo": (path.name, handle, "image/jpeg")}, data=fields,
                           headers={"x-csrf-token": token})


def test_api_locate_json_and_png(client):
    data = upload(client, PHOTOS / "hands_0.jpg", point="SI3").json()
    assert sorted(p["side"] for p in data["points"]) == ["left", "right"]
    png = upload(client, PHOTOS / "hands_0.jpg", output="png")
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"


def test_api_locate_bad_upload_is_4xx_json(client, tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 truncated")
    response = upload(client, bad)
    assert response.status_code == 422 and response.json()["field"] == "photo"
    response = upload(client, PHOTOS / "hands_0.jpg", point="KI3", ankle_bone="1,1")
    assert response.status_code == 422 and response.json()["field"] == "tendon"


def test_api_locate_needs_csrf_token(client):
    with open(PHOTOS / "hands_0.jpg", "rb") as handle:
        response = client.post("/api/v1/locate", files={"photo": ("h.jpg", handle, "image/jpeg")})
    assert response.status_code == 403


def test_locate_page_without_javascript(client):
    page = client.get("/locate").text
    action = re.search(r'action="(/locate\?csrf_token=[0-9a-f]+)"', page).group(1)
    with open(PHOTOS / "hands_5.jpg", "rb") as handle:
        response = client.post(action, files={"photo": ("h.jpg", handle, "image/jpeg")}, data={"point": "SI3"})
    assert response.status_code == 200
    assert 'src="data:image/png;base64,' in response.text and "SI3 (right)" in response.text


def test_without_the_extra_the_user_is_told_how_to_install_it(cli, client, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "mediapipe", None)  # as if it were not installed
    result = cli("locate", str(PHOTOS / "hands_0.jpg"))
    assert result.code == 3  # a missing optional part, not bad input
    assert "pip install --no-deps mediapipe==0.10.21" in result.err and result.err.count("\n") == 1
    response = upload(client, PHOTOS / "hands_0.jpg")
    assert response.status_code == 501 and response.json()["field"] == "vision"
