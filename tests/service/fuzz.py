"""``make fuzz``: schemathesis over the OpenAPI spec of a real server on a free port; fails on any 5xx.

Usage: ``python tests/service/fuzz.py [--max-examples N] [--max-time S] [extra schemathesis args…]``.
The server runs on temporary copies of the corpus and index folders of Settings (``corpus/``,
``index/``) and a temporary data folder, without an API key: the fuzzer uploads and deletes documents,
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

from support.servers import ROOT, free_port

from assistant.settings import Settings


def _start(port: int, work: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "POLICYQA_API_KEY"}
    settings = Settings()
    corpus, index = Path(work) / "corpus", Path(work) / "index"
    shutil.copytree(ROOT / settings.corpus_dir, corpus)
    shutil.copytree(ROOT / settings.index_dir, index)
    env |= {"POLICYQA_DATA_DIR": str(Path(work) / "data"), "POLICYQA_CORPUS_DIR": str(corpus),
            "POLICYQA_INDEX_DIR": str(index), "HF_HUB_OFFLINE": "1",
            "POLICYQA_ASK_RATE_PER_MINUTE": "0"}  # schemathesis asks faster than a person
    log = ROOT / "tests" / "artifacts" / "fuzz" / "server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        return subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--no-ui", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def main() -> int:
    """Start the server, run schemathesis against it, stop the server; return schemathesis' exit code."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--max-time", type=int, default=120, help="seconds for the whole schemathesis run")
    args, extra = parser.parse_known_args()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="policyqa-fuzz-") as work:
        server = _start(port, work)
        try:
            command = [str(Path(sys.executable).with_name("schemathesis")), "run",
                       f"http://127.0.0.1:{port}/openapi.json", "--wait-for-schema", "180",
                       "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                       "response_schema_conformance",
                       "--max-examples", str(args.max_examples), "--max-time", str(args.max_time),
                       "--request-timeout", "30", "--generation-database", "none", "--no-color",
                       "--report", "junit", "--report-dir", str(ROOT / "tests" / "artifacts" / "fuzz"), *extra]
            if not shutil.which(command[0]):
                print("schemathesis is missing: make install-dev", file=sys.stderr)
                return 2
            return subprocess.call(command, cwd=ROOT)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
