"""A helper process for durability tests: writes entries and prints each id once committed."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from acupress.storage import diary, users
from acupress.storage.db import make_engine, transaction


def main(url: str, count: int, tag: str) -> None:
    engine = make_engine(url)
    with transaction(engine) as conn:
        me = users.local_user_id(conn)
    for number in range(count):
        with transaction(engine) as conn:
            entry = diary.add_entry(conn, me, diary.NewEntry(datetime.now(UTC), number % 11, note=f"{tag}-{number}"))
        print(entry["id"], flush=True)  # acknowledged only after the commit returned


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
