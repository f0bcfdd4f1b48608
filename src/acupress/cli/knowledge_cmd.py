"""`acupress points` and `acupress sources`: read the knowledge base."""

from __future__ import annotations

import sys
from typing import Annotated

from acupress.cli import lazy_typer as typer
from acupress.cli.options import OutputFormat, print_json
from acupress.cli.render import point_summary, point_text, sources_text
from acupress.core.record import as_dict
from acupress.errors import NotFound
from acupress.knowledge import load_knowledge


def points(
    point_id: Annotated[str | None, typer.Argument(metavar="ID", help="A point id such as SI3 or KI3.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text,
) -> None:
    """List the points, or show one with how to find it."""
    kb = load_knowledge()
    if point_id is None:
        chosen = list(kb.points.values())
    else:
        match = kb.points.get(point_id.upper())
        if match is None:
            raise NotFound(f"unknown point {point_id!r}; known: {', '.join(kb.points)}", field="ID")
        chosen = [match]
    if output_format is OutputFormat.json:
        data = [as_dict(point) for point in chosen]
        print_json(data[0] if point_id else data)
    elif point_id:
        sys.stdout.write(point_text(chosen[0], kb))
    else:
        sys.stdout.write("\n".join(point_summary(point) for point in chosen) + "\n")


def sources(output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.text) -> None:
    """The bibliography: every source the knowledge base cites."""
    kb = load_knowledge()
    if output_format is OutputFormat.json:
        print_json({key: as_dict(source) for key, source in kb.sources.items()})
    else:
        sys.stdout.write(sources_text(kb))
