"""The Typer application: one small module per command group."""

from __future__ import annotations

import typer

from acupress.cli import assess, knowledge_cmds, plan_cmd, session_cmd

app = typer.Typer(
    name="acupress",
    help="An acupressure self-care coach for back pain. A self-care guide, not a diagnostic device.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("plan")(plan_cmd.plan)
app.command("assess")(assess.assess)
app.command("points")(knowledge_cmds.points)
app.command("sources")(knowledge_cmds.sources)
app.command("session")(session_cmd.session)
