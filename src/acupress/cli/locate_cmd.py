"""`acupress locate`: find SI3 and KI3 on your own photo."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

from acupress.cli import lazy_typer as typer
from acupress.cli.files import write_atomically
from acupress.cli.options import OutputFormat, print_json
from acupress.core.locate import parse_mark
from acupress.errors import InvalidInput


class PointChoice(str, enum.Enum):
    SI3 = "SI3"
    KI3 = "KI3"
    all = "all"


def locate(
    photo: Annotated[Path, typer.Argument(help="A JPEG or PNG photo of your hand or inner ankle.")],
    point: Annotated[PointChoice, typer.Option("--point")] = PointChoice.all,
    out: Annotated[Path | None, typer.Option("--out", help="Write the photo with the points marked (PNG).")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text,
    ankle_bone: Annotated[str | None, typer.Option("--ankle-bone", help="X,Y of the inner ankle bone (assisted KI3).")] = None,
    tendon: Annotated[str | None, typer.Option("--tendon", help="X,Y of the Achilles tendon, level with the bone.")] = None,
    side: Annotated[str | None, typer.Option("--side", help="left or right: which ankle (assisted KI3).")] = None,
) -> None:
    """Show where SI3 and KI3 are on your own photo."""
    from acupress.vision import require_vision

    require_vision()
    from acupress.knowledge import load_knowledge
    from acupress.vision.drawing import annotate
    from acupress.vision.locate import locate as find_points

    if side not in (None, "left", "right"):
        raise InvalidInput(f"must be left or right (got {side!r})", field="--side")
    try:
        data = photo.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {str(photo)!r} ({error.strerror})", field="PHOTO") from None
    located, image = find_points(data, load_knowledge(), point.value, parse_mark(ankle_bone, "--ankle-bone"),
                                 parse_mark(tendon, "--tendon"), side)
    if out is not None:
        write_atomically(out, annotate(image, located), field="--out")
    if output_format is OutputFormat.json:
        print_json(located.to_dict())
        return
    for found in located.points:
        where = f" ({'side unsure' if found.side == 'unsure' else found.side})" if found.side else ""
        zone = f", press within {found.extra['zone_radius']:.0f} px" if "zone_radius" in found.extra else ""
        sys.stdout.write(f"{found.id}{where}: x {found.x:.0f}, y {found.y:.0f} px{zone}  "
                         f"confidence {found.confidence:.2f}  [{found.method}]\n")
    for message in located.messages:
        sys.stdout.write(f"note: {message}\n")
    if "ankle_marks" in located.asks:
        sys.stdout.write("To mark them, run this again with --ankle-bone X,Y --tendon X,Y (pixels of the photo).\n")
    if out is not None:
        sys.stdout.write(f"Marked photo written to {out}\n")
