"""The `acupress` command line (Typer + Rich), with a fast path for `plan`."""
