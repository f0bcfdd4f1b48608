"""Writes that are acknowledged only once committed, with group commit on SQLite.

`write(engine, work)` runs `work(connection)` in a transaction and returns its
result after the commit. On SQLite, one writer thread per engine takes all the
writes waiting at that moment and commits them together: each runs in its own
savepoint (a failing one is rolled back alone), and nobody hears "saved"
before the shared commit has reached the disk. This keeps many concurrent
writers from queuing on SQLite's single write lock one fsync at a time.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlalchemy.engine import Connection, Engine

from acupress.storage.db import transaction

T = TypeVar("T")
MAX_BATCH = 64
IDLE_SECONDS = 30.0  # a writer thread with nothing to do for this long ends
Job = tuple[Callable[[Connection], Any], Future]  # type: ignore[type-arg]


class GroupCommitWriter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        threading.Thread(target=self._loop, name="acupress-writer", daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                first = self.jobs.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with _writers_lock:  # jobs are only queued under this lock, so none can slip in now
                    if self.jobs.empty():
                        _writers.pop(self.engine, None)
                        return
                continue
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self.jobs.get_nowait())
                except queue.Empty:
                    break
            self._commit(batch)

    def _commit(self, batch: list[Job]) -> None:
        outcomes: list[tuple[Future, Any, BaseException | None]] = []  # type: ignore[type-arg]
        try:
            with transaction(self.engine) as connection:
                for work, future in batch:
                    try:
                        with connection.begin_nested():
                            outcomes.append((future, work(connection), None))
                    except Exception as error:  # this job alone is rolled back
                        outcomes.append((future, None, error))
        except Exception as failure:  # the commit failed: nothing in the batch was saved
            for _, future in batch:
                future.set_exception(failure)
            return
        for future, value, problem in outcomes:
            if problem is None:
                future.set_result(value)
            else:
                future.set_exception(problem)


_writers: weakref.WeakKeyDictionary[Engine, GroupCommitWriter] = weakref.WeakKeyDictionary()
_writers_lock = threading.Lock()


def _submit(engine: Engine, work: Callable[[Connection], T]) -> Future[T]:
    future: Future[T] = Future()
    with _writers_lock:
        writer = _writers.get(engine) or _writers.setdefault(engine, GroupCommitWriter(engine))
        writer.jobs.put((work, future))
    return future


def _direct(engine: Engine, work: Callable[[Connection], T]) -> T:
    with transaction(engine) as connection:
        return work(connection)


def write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run `work` in a committed transaction; return its result after the commit."""
    if engine.dialect.name != "sqlite":
        return _direct(engine, work)
    return _submit(engine, work).result()


async def write_async(engine: Engine, work: Callable[[Connection], T]) -> T:
    """`write` for async code: waits for the commit without holding a worker thread."""
    if engine.dialect.name != "sqlite":
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_direct, engine, work)
    return await asyncio.wrap_future(_submit(engine, work))
