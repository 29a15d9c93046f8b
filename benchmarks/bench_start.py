"""Benchmark of starting (not a test: it prints figures). Warm: every command runs once
before it is timed, so the files are in the page cache.

- ``kim --version`` and ``kim --help``: median of 10 runs (target <= 0.15 s);
- ``kim-desktop``: time from starting the process until its first window (the start dialog
  with the recent files) is shown, by the log record "start window shown" (target <= 0.6 s),
  and the whole round trip of ``kim-desktop --quit-after 0`` (start, show, quit).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_start.py [--runs 10]
        [--frozen dist/kim-desktop]      # the frozen programs instead of this Python

The program's folders (settings, logs, policy) point into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

SHOWN = "start window shown"


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["KIM_DESKTOP_HOME"] = str(home)  # settings and logs of this run only
    env["XDG_CONFIG_DIRS"] = str(home / "machine")  # no machine-wide policy
    return env


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def first_window(command: Sequence[str], env: dict[str, str], log: Path) -> float:
    """Seconds until the log says the start window is shown; then SIGTERM ends it."""
    before = log.read_text("utf-8").count(SHOWN) if log.exists() else 0
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        while True:
            if log.exists() and log.read_text("utf-8").count(SHOWN) > before:
                return time.perf_counter() - start
            if process.poll() is not None:
                raise RuntimeError(f"kim-desktop ended early (exit code {process.returncode})")
            if time.perf_counter() - start > 30:
                raise RuntimeError("no start window within 30 s")
            time.sleep(0.002)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--frozen", type=Path, metavar="FOLDER", help="a PyInstaller build")
    args = parser.parse_args()
    python = sys.executable
    kim = [python, "-m", "kim_desktop"]
    desktop = [python, "-m", "kim_desktop.gui.app"]
    if args.frozen:
        kim = [str(args.frozen / "kim")]
        desktop = [str(args.frozen / "kim-desktop")]
    with tempfile.TemporaryDirectory(prefix="kim-bench-start-") as folder:
        home = Path(folder)
        env = environment(home)
        log = home / "logs" / "kim-desktop.log"
        for command in (
            [*kim, "--version"],
            [*kim, "--help"],
            [*desktop, "--quit-after", "0"],
        ):
            timed(command, env)  # warm the page cache
        runs = range(args.runs)
        bare = [timed([python, "-c", "pass"], env) for _ in runs]
        version = [timed([*kim, "--version"], env) for _ in runs]
        usage = [timed([*kim, "--help"], env) for _ in runs]
        shown = [first_window(desktop, env, log) for _ in runs]
        round_trip = [timed([*desktop, "--quit-after", "0"], env) for _ in runs]
    print(f"python -c pass (the floor):         {median(bare)}")
    print(f"kim --version:                      {median(version)}  (target <= 0.150 s)")
    print(f"kim --help:                         {median(usage)}  (target <= 0.150 s)")
    print(f"kim-desktop, first window shown:    {median(shown)}  (target <= 0.600 s)")
    print(f"kim-desktop --quit-after 0 (whole): {median(round_trip)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
