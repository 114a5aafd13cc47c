"""Measure a step in a forked child: wall seconds and that child's own peak resident memory."""

from __future__ import annotations

import os
import pickle
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


def measured(step: Callable[[], Any]) -> Measured:
    """Run step() in a fresh forked process; its peak RSS is not mixed with this process's."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        code = 0
        try:
            start = time.perf_counter()
            value = step()
            payload: tuple[str, Any] = ("ok", (time.perf_counter() - start, value))
        except BaseException as error:  # report any failure to the parent, then exit
            payload, code = ("error", repr(error)), 1
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(payload, pipe)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        status, result = pickle.load(pipe)
    _, _, usage = os.wait4(pid, 0)
    if status != "ok":
        raise RuntimeError(f"measured step failed: {result}")
    seconds, value = result
    return Measured(seconds, usage.ru_maxrss / 1024, value)
