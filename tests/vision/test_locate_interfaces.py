"""`acupress locate`, POST /api/v1/locate and the page without JavaScript."""

from __future__ import annotations

import re
import subprocess
import sys

from acupress.vision import UNAVAILABLE, messages
from tests.helpers import PHOTOS


def test_cli_text_and_annotated_output(cli, tmp_path):
    out = tmp_path / "marked.png"
    result = cli("locate", str(PHOTOS / "hands_0.jpg"), "--point", "SI3", "--out", str(out))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert re.match(r"SI3 \(left\): x 36\d, y 2\d\d px, press within \d+ px", lines[0]), lines[0]
    assert re.match(r"SI3 \(right\): x [45]\d, y 2\d\d px, press within \d+ px", lines[1]), lines[1]
    assert f"note: {messages.ZONE}" in result.out
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_prints_no_engine_log_lines():
    """MediaPipe and TensorFlow Lite write to the process's stderr from C++; none of it reaches people."""
    done = subprocess.run([sys.executable, "-m", "acupress", "locate", str(PHOTOS / "hands_5.jpg"), "--point", "all"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout.startswith("SI3 (")


def test_cli_json(cli):
    data = cli("locate", str(PHOTOS / "hands_2.jpg"), "--format", "json").json()
    assert data["image"] == {"width": 450, "height": 450}
    (si3,) = [p for p in data["points"] if p["id"] == "SI3"]
    assert set(si3) >= {"x", "y", "side", "zone_radius", "frame", "hand_size", "reading", "side_from"}
    assert data["asks"] == [] and data["hands"] == {"read": 1, "unread": 0}


def test_cli_asks_for_ankle_marks_in_its_own_words(cli):
    result = cli("locate", str(PHOTOS / "hands_0.jpg"), "--point", "KI3")
    assert result.code == 0 and messages.NO_FEET in result.out
    assert "--ankle-bone X,Y --tendon X,Y" in result.out


def test_cli_assisted_ki3(cli):
    data = cli("locate", str(PHOTOS / "hands_0.jpg"), "--point", "KI3", "--ankle-bone", "300,60",
               "--tendon", "380,60", "--side", "right", "--format", "json").json()
    (ki3,) = data["points"]
    assert (ki3["x"], ki3["y"], ki3["side"], ki3["method"]) == (340.0, 60.0, "right", "assisted")
    assert ki3["confidence"] <= 0.5 and messages.ASSISTED in data["messages"]


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
    assert all(p["zone_radius"] > 5 and p["frame"]["size"] > 30 for p in data["points"])
    png = upload(client, PHOTOS / "hands_0.jpg", output="png")
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"


def test_api_locate_bad_upload_is_4xx_json(client, tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 truncated")
    response = upload(client, bad)
    assert response.status_code == 422 and response.json()["field"] == "photo"
    response = upload(client, PHOTOS / "hands_0.jpg", point="KI3", ankle_bone="1,1")
    assert response.status_code == 422 and response.json()["field"] == "tendon"
    token = re.search(r'name="csrf-token" content="([0-9a-f]+)"', client.get("/locate").text).group(1)
    text = client.post("/api/v1/locate", data={"photo": "not a file"}, files={"x": ("x.txt", b"x")}, headers={"x-csrf-token": token})
    assert text.status_code == 422 and text.json()["message"] == "photo: must be a file, sent as multipart/form-data (a JPEG or PNG photo)"


def test_api_locate_needs_csrf_token(client):
    with open(PHOTOS / "hands_0.jpg", "rb") as handle:
        response = client.post("/api/v1/locate", files={"photo": ("h.jpg", handle, "image/jpeg")})
    assert response.status_code == 403


def test_the_web_never_shows_command_line_syntax(client):
    for point in ("all", "KI3"):
        data = upload(client, PHOTOS / "hands_0.jpg", point=point).json()
        assert not any("--" in message or "acupress locate" in message for message in data["messages"])


def test_locate_page_without_javascript(client):
    page = client.get("/locate").text
    action = re.search(r'action="(/locate\?csrf_token=[0-9a-f]+)"', page).group(1)
    with open(PHOTOS / "hands_5.jpg", "rb") as handle:
        response = client.post(action, files={"photo": ("h.jpg", handle, "image/jpeg")}, data={"point": "SI3"})
    assert response.status_code == 200
    assert 'src="data:image/png;base64,' in response.text and "SI3 (right)" in response.text
    assert "press within the circle" in response.text and "%" not in response.text.split('id="upload-result"')[1]


def test_without_the_extra_a_person_reads_a_plain_sentence(cli, client, monkeypatch):
    monkeypatch.setitem(sys.modules, "mediapipe", None)  # as if it were not installed
    result = cli("locate", str(PHOTOS / "hands_0.jpg"))
    assert result.code == 3 and UNAVAILABLE in result.err and "pip" not in result.err  # 3: a missing optional part
    response = upload(client, PHOTOS / "hands_0.jpg")
    assert response.status_code == 501 and response.json()["field"] == "vision"
    assert "pip" not in response.json()["message"]
    page = client.get("/locate").text
    action = re.search(r'action="(/locate\?csrf_token=[0-9a-f]+)"', page).group(1)
    with open(PHOTOS / "hands_0.jpg", "rb") as handle:
        shown = client.post(action, files={"photo": ("h.jpg", handle, "image/jpeg")}).text
    assert UNAVAILABLE.split(",")[0] in shown and "pip" not in shown and "./run" not in shown
