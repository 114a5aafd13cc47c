"""Measure a step in a forked child: wall seconds and that child's own peak resident memory."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Measured:
    """What one measured step took, and what it returned."""

    seconds: float
    peak_mib: float
    value: Any


def _run_child(step: Callable[[], Any], read_end: int, write_end: int) -> None:
    """The child: run the step, then send (status, (seconds, peak KiB, value) or the error) to the parent."""
    os.close(read_end)
    try:
        start = time.perf_counter()
        value = step()
        seconds = time.perf_counter() - start
        peak_kib = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        payload: tuple[str, Any] = ("ok", (seconds, peak_kib, value))
    except BaseException as error:  # report any failure to the parent
        payload = ("error", repr(error))
    with os.fdopen(write_end, "wb") as pipe:
        pickle.dump(payload, pipe)


def measured(step: Callable[[], Any]) -> Measured:
    """Run step() in a fresh forked process; its peak RSS is not mixed with this process's.

    The child is a multiprocessing Process (fork), not a bare os.fork: it exits through multiprocessing's
    own exit, which releases the semaphores dbt creates (else the resource tracker warns of leaked ones)."""
    read_end, write_end = os.pipe()
    child = multiprocessing.get_context("fork").Process(target=_run_child, args=(step, read_end, write_end))
    child.start()
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        status, result = pickle.load(pipe)
    child.join()
    if status != "ok":
        raise RuntimeError(f"measured step failed: {result}")
    seconds, peak_kib, value = result
    return Measured(seconds, peak_kib / 1024, value)
