"""The evaluation suite: ``policyqa eval`` over a gold set, with metrics, baseline, reports and diffs."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from assistant.evaluation.metrics import aggregate, aggregate_by_type, check_thresholds
from assistant.evaluation.paths import GoldPathError
from assistant.evaluation.runner import RETRIEVERS, evaluate, load_gold, run_pipeline, summarize

DEFAULT_GOLD = Path("eval/gold.jsonl")


def _retrievers(choice: str) -> list[str]:
    return list(RETRIEVERS) if choice == "all" else [choice]


def _run_compare(args) -> int:
    from assistant.evaluation.compare import compare, format_compare, load_results

    try:
        diff = compare(load_results(args.compare[0]), load_results(args.compare[1]))
    except (OSError, ValueError, KeyError) as exc:
        print(f"错误：无法读取结果文件 / cannot read results: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(diff, ensure_ascii=False) if args.json else format_compare(diff))
    return 0


def _print_summary(payload: dict) -> None:
    from assistant.evaluation.report import markdown_table, overall_table

    print(overall_table(payload))
    print()
    print(f"按题型 / by type ({payload['meta']['main']}):")
    print(markdown_table(payload["by_type"], "type"))


def run_cli(assistant, args) -> int:
    """Run ``policyqa eval`` with parsed arguments; return the exit code."""
    if args.compare:
        return _run_compare(args)
    if args.top_k is not None and not 1 <= args.top_k <= 20:
        print("--top-k 须在 1 到 20 之间 / must be 1-20", file=sys.stderr)
        return 2
    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as exc:
        print(f"错误：无法读取评测集 / cannot read gold set: {exc}", file=sys.stderr)
        return 2
    assistant.ensure_index(lambda message: print(message, file=sys.stderr), progress=sys.stderr.isatty())
    try:
        payload = evaluate(assistant, gold, _retrievers(args.retriever), top_k=args.top_k,
                           baseline=not getattr(args, "no_baseline", False), progress=sys.stderr.isatty())
        payload["meta"]["gold"] = str(args.gold)
        if args.out:
            from assistant.evaluation.report import write_report

            command = "policyqa " + shlex.join(sys.argv[1:] if sys.argv[1:2] == ["eval"] else ["eval"])
            paths = write_report(payload, args.out, command)
            print(f"报告已写入 / report written: {paths['report']}", file=sys.stderr)
    except GoldPathError as exc:
        print(f"错误：评测集与索引不符 / {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"缺少评测依赖 / missing evaluation dependency ({exc.name}): pip install -e '.[dev]'",
              file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        _print_summary(payload)
    return 0


__all__ = ["DEFAULT_GOLD", "aggregate", "aggregate_by_type", "check_thresholds", "evaluate", "load_gold",
           "run_cli", "run_pipeline", "summarize"]
