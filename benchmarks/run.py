"""``make bench``: run every benchmark section, print a table and write ``benchmarks/results/latest.json``.

Usage: ``python -m benchmarks.run [--sections ingest,cold_start,ask,baseline,scale] [--requests N]
[--scale-docs N] [--backends local,postgresql] [--out FILE]``. Everything runs on 127.0.0.1 and stops by
itself; the work folder is ``benchmarks/cache/work`` (gitignored). The scale section uses the vector
cache of ``python -m benchmarks.vectors`` (see ``benchmarks/vectors.py``). With ``postgresql`` among the
backends (the default; needs the ``pg`` extra), the ask and scale sections are also run against a
throw-away PostgreSQL in the same run (see ``benchmarks/pg.py``): the table's PostgreSQL column.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shlex
import sys
import time
from pathlib import Path

from benchmarks import ingest, load, pg, scale, startup, versus
from benchmarks.common import ROOT, env_for
from benchmarks.report import table

SECTIONS = ("ingest", "cold_start", "ask", "baseline", "scale")
WORK = ROOT / "benchmarks" / "cache" / "work"


def _meta(argv: list[str]) -> dict:
    return {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "command": "python -m benchmarks.run " + shlex.join(argv),
            "cpus": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine(),
            "loadavg_start": [round(x, 2) for x in os.getloadavg()]}


def run(sections: list[str], requests: int, scale_docs: int, backends: list[str]) -> dict:
    """Run the chosen sections in order (ingest first: it builds the index the others use)."""
    WORK.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        pg_url = stack.enter_context(pg.server(WORK)) if "postgresql" in backends else None
        return _sections(sections, requests, scale_docs, pg_url)


def _sections(sections: list[str], requests: int, scale_docs: int, pg_url: str | None) -> dict:
    env = env_for(WORK / "index", ROOT / "corpus", WORK / "data")
    results: dict = {}
    if "ingest" not in sections and not (WORK / "index" / "manifest.json").exists():
        sections = ["ingest", *sections]  # the other sections need its index
    for name in sections:
        print(f"[bench] {name} …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        if name == "ingest":
            results["ingest"] = ingest.run(WORK)
        elif name == "cold_start":
            results["cold_start"] = startup.run(env)
        elif name == "ask":
            figures = load.run(env, requests)
            results["cold_start"] = {**results.get("cold_start", {}), **figures.pop("server_cold")}
            results.update(figures)
            if pg_url is not None:
                results.setdefault("postgresql", {})["ask"] = pg.ask(env, WORK / "index", pg_url, requests)
        elif name == "baseline":
            results["baseline"] = versus.run(WORK / "index", WORK / "data")
        elif name == "scale":
            raw = scale.run(WORK, scale_docs, pg_url)
            results["scale"] = scale.summarize(raw)
            if pg_url is not None:
                results.setdefault("postgresql", {})["scale"] = scale.summarize_postgres(raw)
        print(f"[bench] {name} done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the table and write the JSON."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description="policyqa benchmarks")
    parser.add_argument("--sections", default=",".join(SECTIONS))
    parser.add_argument("--requests", type=int, default=2000, help="requests per load level")
    parser.add_argument("--scale-docs", type=int, default=1000, help="synthetic documents of 100 tasks")
    parser.add_argument("--backends", default="local,postgresql", help="local, or local,postgresql")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json")
    args = parser.parse_args(argv)
    sections = [s for s in args.sections.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    meta = _meta(argv)
    results = run(sections, args.requests, args.scale_docs, [b for b in args.backends.split(",") if b])
    meta["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    payload = {**results, "meta": meta}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(payload))
    print(f"\nwritten: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
