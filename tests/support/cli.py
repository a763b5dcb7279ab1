"""Running the ``policyqa`` CLI in a real subprocess, against the test index."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cli_env(assistant) -> dict:
    """The environment that points the CLI at ``assistant``'s index and corpus folders."""
    return {**os.environ, "POLICYQA_INDEX_DIR": str(assistant.settings.index_dir),
            "POLICYQA_CORPUS_DIR": str(assistant.settings.corpus_dir)}


def run_cli(args: list[str], env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m assistant ARGS`` from the repository root; output as text, 300 s at most."""
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)
