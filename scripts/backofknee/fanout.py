"""Share out work over the machine's cores, in forked processes, when there is enough of it.

Reading and checking a thousand records is pure Python, so one process uses one core. Here
the items are split into one share per core: forked children work on every share but the
first while this process works on the first, and the children send their results back
pickled through a pipe. A fork shares the parent's memory (the compiled schemas, the
vocabulary), so nothing has to be set up again.

Forking is only done where it is safe and pays: on Linux, with many items, and when this
process runs no other thread (``mkdocs serve`` does, and a fork copies only the thread that
forked: a lock another thread held stays locked for ever in the child). Everywhere else
the work is done here, in order, with the same results. If a child fails for any reason,
its share is done again here, so a real error is raised where it can be seen.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_SHARE = 100  # items per process below which a fork costs more than it saves


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def processes_for(items: int, workers: int | None = None) -> int:
    """How many processes ``items`` items are shared over: 1 unless forking is safe and pays."""
    wanted = cores() if workers is None else workers
    if wanted < 2 or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return max(1, min(wanted, items // MIN_SHARE))


def map_shares(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
               workers: int | None = None) -> list[Result]:
    """``work(items)``, with the items shared over up to ``workers`` processes (default: one
    per core). ``work`` takes a share and returns one result per item, in order."""
    count = processes_for(len(items), workers)
    if count == 1:
        return work(items)
    size = -(-len(items) // count)
    shares = [items[i:i + size] for i in range(0, len(items), size)]
    children = [_fork(work, share) for share in shares[1:]]
    try:
        results = work(shares[0])
    except BaseException:  # an error (or Ctrl-C) here: stop the children, leave nothing behind
        for pid, pipe in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(pipe)
        raise
    for share, (pid, pipe) in zip(shares[1:], children, strict=True):
        results += _collect(pid, pipe, work, share)
    return results


def _fork(work: Callable[[Sequence[Item]], list[Result]], share: Sequence[Item]) -> tuple[int, int]:
    """Start a child working on ``share``; its pid and the pipe its results come through."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    # The child: work, send the results, and leave without running the parent's exit handlers.
    os.close(read_end)
    status = 1
    try:
        payload = pickle.dumps(work(share), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        status = 0
    finally:
        os._exit(status)


def _collect(pid: int, pipe: int, work: Callable[[Sequence[Item]], list[Result]],
             share: Sequence[Item]) -> list[Result]:
    """The child's results; its share done again here if it did not finish."""
    with os.fdopen(pipe, "rb") as source:
        payload = source.read()
    _, status = os.waitpid(pid, 0)
    if status == 0 and payload:
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a result that does not unpickle: do the share here instead
            pass
    return work(share)
