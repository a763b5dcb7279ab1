"""Shared helpers: percentiles, child processes with peak RSS, the benchmark questions.

Servers are started with :func:`assistant.interfaces.http.launch.launched`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return float(ordered[rank - 1])


def env_for(index_dir: Path, corpus_dir: Path, data_dir: Path) -> dict[str, str]:
    """Environment of a child ``policyqa`` process over the benchmark's own folders."""
    # No per-client /ask rate limit: every load-test client comes from 127.0.0.1 (one "client").
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(index_dir), "POLICYQA_CORPUS_DIR": str(corpus_dir),
           "POLICYQA_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1",
           "POLICYQA_ASK_RATE_PER_MINUTE": "0"}
    env.pop("POLICYQA_DATABASE_URL", None)  # the local column; benchmarks/pg.py sets it for the other
    env.pop("POLICYQA_API_KEY", None)
    env.pop("POLICYQA_ADMIN_KEY", None)
    return env


def run_peak(args: list[str], env: dict[str, str], timeout: float = 3600) -> dict:
    """Run a child and return wall seconds, its own peak RSS (MB, from wait4) and stdout."""
    started = time.perf_counter()
    out_path = ROOT / "benchmarks" / "cache" / f"child-{os.getpid()}.out"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
            time.sleep(0.05)
    seconds = time.perf_counter() - started
    text = out_path.read_text()
    out_path.unlink()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{args} exited with {code}: {text[-2000:]}")
    return {"seconds": seconds, "rss_mb": round(usage.ru_maxrss / 1024, 1), "stdout": text}


def questions() -> list[str]:
    """The gold and calibration questions (varied, realistic; ~360 distinct)."""
    out = []
    for name in ("eval/gold.jsonl", "eval/calibration.jsonl"):
        with open(ROOT / name, encoding="utf-8") as fh:
            out += [json.loads(line)["question"] for line in fh if line.strip()]
    return list(dict.fromkeys(out))
