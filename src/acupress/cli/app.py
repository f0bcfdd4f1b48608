"""The Typer application: one small module per command group."""

from __future__ import annotations

import typer

from acupress.cli import (
    assess,
    check_cmd,
    diary_cmds,
    import_cmd,
    knowledge_cmds,
    locate_cmd,
    plan_cmd,
    report_cmd,
    serve,
    session_cmd,
    users_cmd,
)

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
app.command("serve")(serve.serve)
app.command("locate")(locate_cmd.locate)
app.command("log")(diary_cmds.log)
app.command("diary")(diary_cmds.diary)
export_app = typer.Typer(help="Export your data.", no_args_is_help=True)
export_app.command("csv")(diary_cmds.export_csv)
export_app.command("json")(diary_cmds.export_json)
export_app.command("ics")(diary_cmds.export_ics)
export_app.command("fhir")(diary_cmds.export_fhir)
app.add_typer(export_app, name="export")
app.command("forget")(diary_cmds.forget)
app.command("report")(report_cmd.report)
app.command("check")(check_cmd.check)
app.command("import")(import_cmd.import_diary)
users_app = typer.Typer(help="Accounts for a clinic's server (accounts mode).", no_args_is_help=True)
users_app.command("create")(users_cmd.create)
users_app.command("reset-password")(users_cmd.reset_password)
users_app.command("list")(users_cmd.list_users)
users_app.command("delete")(users_cmd.delete)
app.add_typer(users_app, name="users")
