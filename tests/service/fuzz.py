"""``make fuzz``: schemathesis over the OpenAPI spec of a real server on a free port; fails on any 5xx.

Usage: ``python tests/service/fuzz.py [--max-examples N] [--max-time S] [extra schemathesis args…]``.
The server runs on temporary copies of the corpus and index folders of Settings (``corpus/``,
``index/``) and a temporary data folder, without keys: the fuzzer uploads and deletes documents,
and must never touch the real ones.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.servers import ROOT

from assistant.interfaces.http.launch import launched
from assistant.settings import Settings

ARTIFACTS = ROOT / "tests" / "artifacts" / "fuzz"


def _server_env(work: Path) -> dict[str, str]:
    """Environment of a server over copies of the corpus and index folders, without keys."""
    env = {k: v for k, v in os.environ.items() if k not in ("POLICYQA_API_KEY", "POLICYQA_ADMIN_KEY")}
    settings = Settings()
    corpus, index = work / "corpus", work / "index"
    shutil.copytree(ROOT / settings.corpus_dir, corpus)
    shutil.copytree(ROOT / settings.index_dir, index)
    return env | {"POLICYQA_DATA_DIR": str(work / "data"), "POLICYQA_CORPUS_DIR": str(corpus),
                  "POLICYQA_INDEX_DIR": str(index), "HF_HUB_OFFLINE": "1",
                  "POLICYQA_ASK_RATE_PER_MINUTE": "0"}  # schemathesis asks faster than a person


def _schemathesis(base: str, args: argparse.Namespace, extra: list[str]) -> list[str]:
    return [str(Path(sys.executable).with_name("schemathesis")), "run", f"{base}/openapi.json",
            "--wait-for-schema", "180",
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
            "response_schema_conformance",
            "--max-examples", str(args.max_examples), "--max-time", str(args.max_time),
            "--request-timeout", "30", "--generation-database", "none", "--no-color",
            "--report", "junit", "--report-dir", str(ARTIFACTS), *extra]


def main() -> int:
    """Start the server, run schemathesis against it, stop the server; return schemathesis' exit code."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--max-time", type=int, default=120, help="seconds for the whole schemathesis run")
    args, extra = parser.parse_known_args()
    if not shutil.which(_schemathesis("", args, extra)[0]):
        print("schemathesis is missing: make install-dev", file=sys.stderr)
        return 2
    with (tempfile.TemporaryDirectory(prefix="policyqa-fuzz-") as work,
          launched(_server_env(Path(work)), log=ARTIFACTS / "server.log", cwd=ROOT) as server):
        return subprocess.call(_schemathesis(server.base, args, extra), cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
