"""The benches' measured steps: each runs in a forked child that reports its time, its own peak memory and
its value, and leaves nothing behind that would print a warning on the user's terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support_metrics.measure import measured

# dbt creates locks from multiprocessing's spawn context (named semaphores the resource tracker watches);
# a child that exits without releasing them makes the tracker warn "leaked semaphore objects" at shutdown.
STEP_WITH_DBT_LIKE_LOCKS = """
import multiprocessing
from support_metrics.measure import measured

KEPT = []  # alive until the process ends, as dbt's adapter and manifest locks are

def step():
    KEPT.extend(multiprocessing.get_context("spawn").Lock() for _ in range(2))
    return len(KEPT)

print(measured(step).value)
"""


def test_a_step_with_spawn_locks_prints_no_warning() -> None:
    done = subprocess.run([sys.executable, "-c", STEP_WITH_DBT_LIKE_LOCKS], capture_output=True, text=True,
                          check=False, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "2\n", "")


def test_the_peak_is_the_childs_own() -> None:
    big = measured(lambda: len(bytearray(300 * 1024 * 1024)))
    small = measured(lambda: 1)
    assert big.value == 300 * 1024 * 1024 and small.value == 1
    # a forked child starts with this process's resident pages; the first one touched 300 MiB more
    assert 280 <= big.peak_mib - small.peak_mib <= 340


def test_a_failing_step_fails_in_the_parent() -> None:
    def step() -> None:
        raise ValueError("no such table")

    with pytest.raises(RuntimeError, match="no such table"):
        measured(step)
