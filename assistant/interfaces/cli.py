"""Command-line interface: ``policyqa ingest | ask | docs | feedback | serve | mcp | eval``
(also ``python -m assistant``).

Exit codes: 0 success; 1 an error of the assistant (e.g. a damaged index); 2 bad input (an
invalid question, unknown document or option; for ``ask -``, once every line is answered, when
some line was bad); 3 ingest finished but some files were skipped.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from assistant.errors import DocumentNotFoundError, InvalidQuestionError, PolicyQAError
from assistant.interfaces.cli_ask import ask_lines, ask_one, emit, stdin_lines
from assistant.text.chinese import book_title


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
    fb = sub.add_parser("feedback", help="反馈库维护 / feedback store maintenance")
    fb.add_subparsers(dest="feedback_command", required=True).add_parser(
        "prune", help="按保留期限和条数上限清理 / remove answers past the retention or over the cap")
    ask = sub.add_parser("ask", help="提问 / ask a question")
    ask.add_argument("question", help='the question, or "-" to read one question a line from stdin '
                     "(with --json one object per line, a blank line's an error; without, blank lines are skipped; "
                     "a bad line is reported with its number and the others are answered, exit code 2 at the end)")
    ask.add_argument("--json", action="store_true", help="print JSON (one object a line)")
    ask.add_argument("--top-k", type=int, default=None, help="number of citations (1-20)")
    ask.add_argument("--doc", action="append", dest="doc_ids", help="only this doc_id (repeatable)")
    ask.add_argument("--mode", choices=["extractive", "generative"], default="extractive",
                     help="generative: the configured LLM writes the answer, citations verified")
    serve = sub.add_parser("serve", help="启动 HTTP 服务 / serve the HTTP API")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--no-ui", action="store_true", help="API only, without the chat UI at /ui")
    serve.add_argument("--insecure", action="store_true",
                       help="allow a non-loopback host without POLICYQA_API_KEY / 允许无密钥对外监听")
    sub.add_parser("mcp", help="以 MCP 服务器运行（stdio）/ serve the MCP tools over stdio")
    ev = sub.add_parser("eval", help="评测 / run the evaluation suite")
    ev.add_argument("--gold", type=Path, default=Path("eval/gold.jsonl"), help="gold set (JSON Lines)")
    ev.add_argument("--retriever", choices=["bm25", "dense", "hybrid", "all"], default="hybrid")
    ev.add_argument("--json", action="store_true", help="print the results as one JSON object")
    ev.add_argument("--out", type=Path, default=None, help="write report.md, chart.png, results.json here")
    ev.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="diff two results files")
    ev.add_argument("--top-k", type=int, default=None, help="citations per answer (default: settings)")
    ev.add_argument("--no-baseline", action="store_true", help="skip the LangChain baseline run")
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
    print(book_title(tree['title']))
    for key, value in tree["metadata"].items():
        if value and key != "title":
            print(f"  {key}: {'；'.join(value) if isinstance(value, list) else value}")

    def show(nodes: list[dict], depth: int) -> None:
        for n in nodes:
            print(f"{'  ' * depth}{n['path']}\t{n['level']}\t{n['title']}")
            show(n["children"], depth + 1)

    show(tree["children"], 0)
    return 0


def _cmd_feedback(assistant) -> int:
    from assistant.store.feedback import FeedbackStore

    settings = assistant.settings
    if assistant.store.shared:  # PostgreSQL: the replicas' shared tables
        from assistant.store.postgres.feedback import PostgresFeedbackStore

        store = PostgresFeedbackStore(assistant.store.pool, assistant.store.label, settings.feedback_retention_days,
                                      settings.feedback_max_rows, prune_on_open=False)
    else:
        store = FeedbackStore(settings.data_dir, settings.feedback_retention_days, settings.feedback_max_rows,
                              prune_on_open=False)
    report = store.prune(vacuum=True)
    store.close()
    print(f"已清理反馈库 {store.path}：删除 {report.expired} 条超过 {settings.feedback_retention_days:g} 天的"
          f"未评价回答，{report.over_cap} 条超出 {settings.feedback_max_rows} 条上限的回答；"
          f"现有 {report.answers} 条回答，{report.ratings} 条评价")
    return 0


def ensure_index(assistant) -> None:
    """Build the index first if it is missing or of an older format, saying so on stderr."""
    assistant.ensure_index(lambda message: print(message, file=sys.stderr), progress=sys.stderr.isatty())


def _cmd_ask(assistant, args) -> int:
    if args.top_k is not None and not 1 <= args.top_k <= 20:
        print("--top-k 须在 1 到 20 之间 / must be 1-20", file=sys.stderr)
        return 2
    ensure_index(assistant)
    if args.question != "-":
        result = ask_one(assistant, args.question, args)
        emit(result, args.json)
        return 2 if "error" in result else 0
    return ask_lines(assistant, stdin_lines(), args)


def _exposed_without_key(settings, args) -> bool:
    """True (and a message on stderr) when ``serve`` would listen beyond loopback with no API key."""
    import ipaddress

    host = args.host or settings.host
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if loopback or settings.api_key or args.insecure:
        return False
    print(f"拒绝启动：监听地址 {host} 不是本机回环地址，且未设置 POLICYQA_API_KEY，任何人都可访问。"
          "请设置密钥，或确认风险后加 --insecure。\n"
          f"Refusing to start: {host} is not a loopback address and POLICYQA_API_KEY is not set. "
          "Set a key, or pass --insecure to serve without one.", file=sys.stderr)
    return True


def _cmd_mcp(assistant) -> int:
    """Serve the MCP tools (ask, search, get_section) over stdio; stdout carries only the protocol."""
    from assistant.interfaces.mcp_server import run_stdio

    with contextlib.redirect_stdout(sys.stderr):  # index building prints nothing into the protocol stream
        ensure_index(assistant)
    run_stdio(assistant)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    args = _parser().parse_args(argv)
    from assistant.service import Assistant

    try:
        assistant = Assistant()  # settings and the store: a bad setting or database is reported, not raised
        if args.command == "ingest":
            if missing := [p for p in args.paths or () if not Path(p).exists()]:  # bad input: code 2, not 1
                raise DocumentNotFoundError(f"路径不存在 / no such path: {missing[0]}")
            report = assistant.ingest(args.paths or None, progress=sys.stderr.isatty(), force=args.force)
            _print_ingest(report)
            return 3 if report.skipped else 0
        if args.command == "ask":
            return _cmd_ask(assistant, args)
        if args.command == "docs":
            return _cmd_docs(assistant, args)
        if args.command == "feedback":
            return _cmd_feedback(assistant)
        if args.command == "mcp":
            return _cmd_mcp(assistant)
        if args.command == "eval":
            from assistant.evaluation import run_cli

            return run_cli(assistant, args)
        from assistant.interfaces.http.app import serve

        if _exposed_without_key(assistant.settings, args):
            return 2
        ensure_index(assistant)
        serve(assistant, args.host, args.port, ui=not args.no_ui)
        return 0
    except (InvalidQuestionError, DocumentNotFoundError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except (PolicyQAError, ValidationError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def main_exit() -> None:
    """Console-script entry point. A reader that stops early (``policyqa ask … | head -1``) ends the
    output quietly: no traceback, exit status 141 as a shell gives a process killed by SIGPIPE."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the interpreter's last flush
        code = 141
    sys.exit(code)
