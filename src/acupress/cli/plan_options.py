"""The options of `acupress plan`: one table, read by the fast path (fast_plan.py) and by Typer (plan_cmd.py).

Plain strings only: the fast path imports this before anything else.
"""

ANSWERS, FORMAT, SCHEMA = "--answers", "--format", "--schema"
FORMATS = ("text", "json")  # the first is the default
HELP = {
    ANSWERS: "JSON answers file, or - for stdin; default: the answers `acupress assess` saved.",
    FORMAT: "text for people, json for programs.",
    SCHEMA: "Print the JSON Schema of the json output and exit.",
}
FAST = (ANSWERS, FORMAT)  # what the fast path handles; anything else (help, --schema, mistakes) goes to Typer
