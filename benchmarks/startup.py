"""``cold_start``: process start to the first answer of ``policyqa ask`` (index already built)."""

from __future__ import annotations

from benchmarks.common import BIN, run_peak

QUESTION = "全市数据中心标准机架总数的目标是多少？"


def run(env: dict[str, str], runs: int = 7) -> dict:
    """Run ``policyqa ask`` ``runs`` times (after one unmeasured run that fills OS caches)."""
    command = [str(BIN / "policyqa"), "ask", QUESTION]
    run_peak(command, env)
    times = sorted(run_peak(command, env)["seconds"] for _ in range(runs))
    return {"cli_median_s": round(times[len(times) // 2], 2), "cli_min_s": round(times[0], 2),
            "cli_max_s": round(times[-1], 2), "runs": runs}
