"""Command-line interface: ``policyqa ingest | ask | docs | serve | eval`` (also ``python -m assistant``).

Exit codes: 0 success; 1 an error of the assistant (e.g. a damaged index); 2 bad input (an
invalid question, unknown document or option); 3 ingest finished but some files were skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.errors import DocumentNotFoundError, InvalidQuestionError, PolicyQAError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policyqa", description="政策问答助手 / policy Q&A assistant")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="建立或更新索引 / build or update the index")
    ingest.add_argument("paths", nargs="*", type=Path,
                        help="files or folders to add (default: sync the corpus folder)")
    ingest.add_argument("--force", action="store_true", help="re-embed every document")
    docs = sub.add_parser("docs", help="文档管理 / list or remove documents")
    docs_sub = docs.add_subparsers(dest="docs_command", required=True)
    docs_sub.add_parser("list", help="列出已索引的文档 / list indexed documents")
    remove = docs_sub.add_parser("remove", help="移除文档 / remove a document")
    remove.add_argument("doc_id")
    outline = docs_sub.add_parser("outline", help="文档结构与元数据 / a document's tree and metadata")
    outline.add_argument("doc_id")
    outline.add_argument("--json", action="store_true", help="print the tree as JSON")
    ask = sub.add_parser("ask", help="提问 / ask a question")
    ask.add_argument("question", help='the question, or "-" to read one question a line from stdin')
    ask.add_argument("--json", action="store_true", help="print JSON (one object a line)")
    ask.add_argument("--top-k", type=int, default=None, help="number of citations (1-20)")
    ask.add_argument("--doc", action="append", dest="doc_ids", help="only this doc_id (repeatable)")
    ask.add_argument("--mode", choices=["extractive", "generative"], default="extractive",
                     help="generative: the configured LLM writes the answer, citations verified")
    serve = sub.add_parser("serve", help="启动 HTTP 服务 / serve the HTTP API")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--no-ui", action="store_true", help="API only, without the chat UI at /ui")
    ev = sub.add_parser("eval", help="评测 / run the evaluation suite")
    ev.add_argument("--gold", type=Path, default=Path("eval/gold.jsonl"), help="gold set (JSON Lines)")
    ev.add_argument("--retriever", choices=["bm25", "dense", "hybrid", "all"], default="hybrid")
    ev.add_argument("--json", action="store_true", help="print the results as one JSON object")
    ev.add_argument("--out", type=Path, default=None, help="write report.md, chart.png, results.json here")
    ev.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="diff two results files")
    ev.add_argument("--top-k", type=int, default=None, help="citations per answer (default: settings)")
    return parser


def _print_ingest(report) -> None:
    if report.changed:
        print(f"索引已更新：{report.documents} 个文档，{report.chunks} 个片段，用时 {report.seconds:.1f} 秒")
        if report.embedded:
            print(f"  新嵌入：{'、'.join(report.embedded)}")
        if report.removed:
            print(f"  已移除：{'、'.join(report.removed)}")
    else:
        print(f"文档未变化，索引无需重建（{report.documents} 个文档，{report.chunks} 个片段）")
    for skipped in report.skipped:
        print(f"已跳过 {skipped.path}：{skipped.reason}", file=sys.stderr)


def _cmd_docs(assistant, args) -> int:
    if args.docs_command == "remove":
        report = assistant.remove_document(args.doc_id)
        print(f"已移除 {args.doc_id}；索引现有 {report.documents} 个文档，{report.chunks} 个片段")
        return 0
    ensure_index(assistant)
    if args.docs_command == "outline":
        return _cmd_outline(assistant, args)
    for doc in assistant.documents():
        meta = doc.get("metadata", {})
        extra = "\t".join(x for x in (meta.get("doc_number", ""), meta.get("issuer", ""),
                                      meta.get("date_published") or meta.get("date_written", "")) if x)
        print(f"{doc['doc_id']}\t{doc['title']}\t{doc['sections']} 节\t{doc['path']}" + (f"\t{extra}" if extra else ""))
    return 0


def _cmd_outline(assistant, args) -> int:
    """``docs outline DOC_ID [--json]``: metadata lines, then one indented line per unit."""
    tree = assistant.document_tree(args.doc_id)
    if args.json:
        print(json.dumps(tree, ensure_ascii=False, indent=2))
        return 0
    print(f"《{tree['title']}》")
    for key, value in tree["metadata"].items():
        if value and key != "title":
            print(f"  {key}: {'；'.join(value) if isinstance(value, list) else value}")

    def show(nodes: list[dict], depth: int) -> None:
        for n in nodes:
            print(f"{'  ' * depth}{n['path']}\t{n['level']}\t{n['title']}")
            show(n["children"], depth + 1)

    show(tree["children"], 0)
    return 0


def ensure_index(assistant) -> None:
    """Build the index first if it is missing or of an older format, saying so on stderr."""
    from assistant.store.folder import FORMAT_VERSION, read_manifest

    manifest = read_manifest(assistant.settings.index_dir)
    if manifest is None or manifest.get("format_version") != FORMAT_VERSION:
        why = "未找到索引，正在首次构建" if manifest is None else "索引格式已更新，正在重建"
        print(f"{why}……/ building the index", file=sys.stderr)
        report = assistant.ingest(progress=sys.stderr.isatty())
        print(f"索引已建立：{report.documents} 个文档，{report.chunks} 个片段", file=sys.stderr)


FALLBACK_NOTES = {
    "llm_not_configured": "（未配置大模型，以上为原文摘录）",
    "llm_unavailable": "（大模型暂不可用，以上为原文摘录）",
    "unverified": "（生成的回答未能在原文中核实，以上为原文摘录）",
}


def format_answer(answer) -> str:
    """Render an answer for a person: the answer, its quoted sources, then other related sections."""
    lines = [answer.answer, ""]
    if answer.fallback:
        lines.insert(1, FALLBACK_NOTES.get(answer.fallback, answer.fallback))
    generated = answer.mode == "generative"
    quoted = [c for c in answer.citations if generated or c.label in answer.answer]
    others = [c for c in answer.citations if c not in quoted]
    if quoted:
        lines.append("出处：")
        for i, c in enumerate(quoted, 1):
            name = c.path or c.label
            part = f"第{c.part}部分 " if c.part and c.part[0] in "一二三四五六七八九十" and "、" not in name else ""
            lines.append(f"[{i}] 《{c.doc_title}》{part}{name}{c.title}")
            lines.append(f"    “{c.quote}”")
    if others:
        lines.append("其他相关：" + "；".join(f"{c.path or c.label}{c.title}" for c in others))
    return "\n".join(lines).rstrip()


def _ask_one(assistant, question: str, args) -> dict:
    try:
        answer = assistant.ask(question, top_k=args.top_k, doc_ids=args.doc_ids, mode=args.mode)
    except (InvalidQuestionError, DocumentNotFoundError) as exc:
        return {"question": question, "error": str(exc)}
    return answer.to_dict() | {"_text": format_answer(answer)}


def _emit(result: dict, as_json: bool) -> None:
    text = result.pop("_text", None)
    if as_json:
        print(json.dumps(result, ensure_ascii=False), flush=True)
    else:
        print(text if text is not None else f"错误：{result['error']}", flush=True)
        print()


def _cmd_ask(assistant, args) -> int:
    if args.top_k is not None and not 1 <= args.top_k <= 20:
        print("--top-k 须在 1 到 20 之间 / must be 1-20", file=sys.stderr)
        return 2
    ensure_index(assistant)
    if args.question != "-":
        result = _ask_one(assistant, args.question, args)
        _emit(result, args.json)
        return 2 if "error" in result else 0
    status = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        result = _ask_one(assistant, line.rstrip("\n"), args)
        status = 2 if "error" in result else status
        _emit(result, args.json)
    return status


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    args = _parser().parse_args(argv)
    from assistant.service import Assistant

    assistant = Assistant()
    try:
        if args.command == "ingest":
            report = assistant.ingest(args.paths or None, progress=sys.stderr.isatty())
            _print_ingest(report)
            return 3 if report.skipped else 0
        if args.command == "ask":
            return _cmd_ask(assistant, args)
        if args.command == "docs":
            return _cmd_docs(assistant, args)
        if args.command == "eval":
            from assistant.evaluation import run_cli

            return run_cli(assistant, args)
        from assistant.interfaces.http.app import serve

        ensure_index(assistant)
        serve(assistant, args.host, args.port, ui=not args.no_ui)
        return 0
    except (InvalidQuestionError, DocumentNotFoundError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except PolicyQAError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def main_exit() -> None:
    """Console-script entry point."""
    sys.exit(main())
