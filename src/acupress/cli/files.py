"""Writing files the user asked for: all or nothing."""

from __future__ import annotations

from pathlib import Path

from acupress.errors import InvalidInput


def write_atomically(path: Path, data: bytes, field: str) -> None:
    """Write beside the target, then rename: never a half-written file under the real name."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {str(path)!r} ({error.strerror})", field=field) from None
