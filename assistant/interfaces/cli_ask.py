"""The answers of ``policyqa ask``: one question, or one a line from stdin (``ask -``), printed as text or as
JSON (one object a line).

A bad line of ``ask -`` (not UTF-8, an invalid question, an unknown document) is reported with its number
and the other lines are still answered; the run's exit code is then 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from assistant.errors import DocumentNotFoundError, InvalidQuestionError
from assistant.interfaces.present import answer_text


def ask_one(assistant, question: str, args) -> dict:
    """The answer as a dict (its text for printing under ``_text``), or ``{"question", "error"}`` for an
    invalid question or unknown document."""
    try:
        answer = assistant.ask(question, top_k=args.top_k, doc_ids=args.doc_ids, mode=args.mode)
    except (InvalidQuestionError, DocumentNotFoundError) as exc:
        return {"question": question, "error": str(exc)}
    return answer.to_dict() | {"_text": answer_text(answer)}


def emit(result: dict, as_json: bool) -> None:
    """Print one result of :func:`ask_one`: a JSON line, or the answer's text or the error and a blank line."""
    text = result.pop("_text", None)
    if as_json:
        print(json.dumps(result, ensure_ascii=False), flush=True)
    elif text is not None:
        print(text, flush=True)
        print()
    else:
        where = f"（第 {result['line']} 行）" if "line" in result else ""
        print(f"错误{where}：{result['error']}", flush=True)
        print()


def _ask_line(assistant, number: int, raw: bytes, args) -> dict | None:
    """The result of one line of stdin; None for a blank line without ``--json``. A bad line (not UTF-8,
    an invalid question) gives ``{"question", "error", "line"}``, ``line`` counted from 1."""
    try:
        question = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        return {"question": raw.decode("utf-8", "replace").rstrip("\r\n"),
                "error": "该行不是有效的 UTF-8 文本 / the line is not valid UTF-8", "line": number}
    if not question.strip() and not args.json:
        return None  # with --json every line gets its object, so that callers can pair them
    result = ask_one(assistant, question, args)
    return result | {"line": number} if "error" in result else result


def ask_lines(assistant, lines: Iterable[bytes], args) -> int:
    """``ask -``: answer every line, one result each, whatever the lines before it were; then, if some
    lines were bad, name them on stderr and return 2."""
    bad: list[int] = []
    for number, raw in enumerate(lines, 1):
        result = _ask_line(assistant, number, raw, args)
        if result is None:
            continue
        if "error" in result:
            bad.append(number)
        emit(result, args.json)
    if not bad:
        return 0
    numbers = "、".join(map(str, bad[:20])) + ("…" if len(bad) > 20 else "")
    print(f"有 {len(bad)} 行未能回答（第 {numbers} 行）/ {len(bad)} line(s) not answered: "
          f"{numbers.replace('、', ', ')}", file=sys.stderr)
    return 2


def stdin_lines() -> Iterable[bytes]:
    """The lines of stdin as bytes, so that a line that is not UTF-8 is one bad line, not the end of the run
    (a text stream without a buffer, e.g. one put there by a caller of ``main``, is encoded back)."""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else (line.encode("utf-8", "surrogateescape") for line in sys.stdin)
