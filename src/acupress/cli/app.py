"""The Typer application: one small module per command group."""

from __future__ import annotations

import typer

from acupress.cli import (
    assess_cmd,
    check_cmd,
    diary_cmd,
    import_cmd,
    knowledge_cmd,
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
app.command("assess")(assess_cmd.assess)
app.command("points")(knowledge_cmd.points)
app.command("sources")(knowledge_cmd.sources)
app.command("session")(session_cmd.session)
app.command("serve")(serve.serve)
app.command("locate")(locate_cmd.locate)
app.command("log")(diary_cmd.log)
app.command("diary")(diary_cmd.diary)
export_app = typer.Typer(help="Export your data.", no_args_is_help=True)
export_app.command("csv")(diary_cmd.export_csv)
export_app.command("json")(diary_cmd.export_json)
export_app.command("ics")(diary_cmd.export_ics)
export_app.command("fhir")(diary_cmd.export_fhir)
app.add_typer(export_app, name="export")
app.command("forget")(diary_cmd.forget)
app.command("report")(report_cmd.report)
app.command("check")(check_cmd.check)
app.command("import")(import_cmd.import_diary)
users_app = typer.Typer(help="Accounts for a clinic's server (accounts mode).", no_args_is_help=True)
users_app.command("create")(users_cmd.create)
users_app.command("reset-password")(users_cmd.reset_password)
users_app.command("list")(users_cmd.list_users)
users_app.command("delete")(users_cmd.delete)
app.add_typer(users_app, name="users")
