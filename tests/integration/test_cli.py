"""The CLI as a person and a script use it, in real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import ROOT, cli_env
from support.cli import run_cli as run

from assistant.ingest.chunking import build_chunks


@pytest.fixture(scope="module")
def env(assistant) -> dict:
    return cli_env(assistant)


def test_ask_json(env: dict) -> None:
    done = run(["ask", "--json", "全市数据中心标准机架总数的目标是多少？"], env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["citations"][0]["number"] == 17
    assert "（十七）" in data["answer"] and "6.5万" in data["answer"]


def test_ask_for_a_person_shows_answer_and_citations(env: dict) -> None:
    done = run(["ask", "智能算力占比目标"], env)
    assert done.returncode == 0
    assert "出处：" in done.stdout and "（十七）夯实算力基础设施" in done.stdout and "“" in done.stdout


def test_json_lines_from_stdin(env: dict, plan_text: str) -> None:
    questions = "攻防演练一年搞几次\n\n个人所得税专项附加扣除怎么申报\n" + "长" * 600 + "\n第三部分\n"
    done = run(["ask", "--json", "-"], env, stdin=questions)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 5  # one object per input line, the blank one an error: callers pair them by position
    assert "error" in lines.pop(1) and "不能为空" in done.stdout
    assert lines[0]["citations"][0]["number"] == 22
    assert lines[1]["refused"] is True and lines[1]["citations"] == []
    assert "error" in lines[2] and "500" in lines[2]["error"]
    chunks = build_chunks(plan_text, "plan", "计划", 2000)
    part_three = list(dict.fromkeys(c.number for c in chunks if c.part == "三" and c.number is not None))
    assert [c["number"] for c in lines[3]["citations"]] == part_three  # every task of the part, in order
    assert done.returncode == 2  # one line was invalid


def test_a_bad_line_is_named_and_the_lines_after_it_are_answered(env: dict) -> None:
    """A line that is not UTF-8, a blank one and one too long among good ones: each bad line is a record
    naming its line, every other line is answered, and the exit code comes at the end."""
    not_utf8 = b"\xff\xfe\xe6\x9c\xba"  # two stray bytes, then 机
    lines = ["攻防演练一年搞几次".encode(), not_utf8, b"", ("长" * 600).encode(), "智能算力占比目标".encode()]
    done = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", "-"], input=b"\n".join(lines) + b"\n",
                          capture_output=True, env=env, cwd=ROOT, timeout=300)
    stderr = done.stderr.decode("utf-8")
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]  # valid UTF-8 throughout
    assert "Traceback" not in stderr and len(records) == 5, stderr
    assert [r.get("line") for r in records] == [None, 2, 3, 4, None]
    assert "UTF-8" in records[1]["error"] and "不能为空" in records[2]["error"] and "500" in records[3]["error"]
    assert records[0]["citations"][0]["number"] == 22 and records[4]["citations"][0]["number"] == 17
    assert "第 2、3、4 行" in stderr and "2, 3, 4" in stderr
    assert done.returncode == 2


def test_without_json_a_bad_line_is_named_and_blank_lines_are_skipped(env: dict) -> None:
    done = run(["ask", "-"], env, stdin="\n机架\u0007\n智能算力占比目标\n")
    assert "错误（第 2 行）：" in done.stdout and "控制字符" in done.stdout
    assert "（十七）" in done.stdout  # the line after the bad one is answered
    assert "第 2 行" in done.stderr and done.returncode == 2


def test_bad_question_exit_code_and_message(env: dict) -> None:
    done = run(["ask", "   "], env)
    assert done.returncode == 2 and "问题不能为空" in done.stdout + done.stderr
    stray = subprocess.run([sys.executable, "-m", "assistant", "ask", b"\xff\xfe\xe6\x95\xb0"],
                           capture_output=True, env=env, cwd=ROOT, timeout=300)  # two stray bytes, then 数
    message = (stray.stdout + stray.stderr).decode("utf-8")
    assert stray.returncode == 2 and "无效字符" in message and "Traceback" not in message
    done = run(["ask", "--top-k", "99", "机架"], env)
    assert done.returncode == 2 and "1 到 20" in done.stderr


def test_ask_builds_a_missing_index_and_says_so(tmp_path: Path, plan_corpus: Path) -> None:
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(tmp_path / "fresh"), "POLICYQA_CORPUS_DIR": str(plan_corpus)}
    done = run(["ask", "--json", "电子证照质检合格率要求多少"], env)
    assert done.returncode == 0, done.stderr
    assert "正在首次构建" in done.stderr
    assert json.loads(done.stdout)["citations"][0]["number"] == 11
    assert (tmp_path / "fresh" / "manifest.json").is_file()
    again = run(["ingest"], env)
    assert again.returncode == 0 and "无需重建" in again.stdout


def test_ingest_reports_a_missing_path(env: dict, tmp_path: Path) -> None:
    done = run(["ingest", str(tmp_path / "missing")], {**env, "POLICYQA_INDEX_DIR": str(tmp_path / "i")})
    assert done.returncode == 2 and "路径不存在" in done.stderr  # bad input, not an error of the assistant
    assert "Traceback" not in done.stderr


def test_ingest_of_unreadable_files_only_says_why(env: dict, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    done = run(["ingest", str(broken)], {**env, "POLICYQA_INDEX_DIR": str(tmp_path / "i")})
    assert done.returncode == 1 and "broken.pdf" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("variable", "value", "said"), [
    ("POLICYQA_DATABASE_URL", "mysql://user:secret@127.0.0.1/policies", "postgresql://"),
    ("POLICYQA_DATABASE_URL", "postgresql://user:secret@127.0.0.1:1/policies", "无法连接数据库"),
    ("POLICYQA_TOP_K", "many", "top_k"),
])
def test_a_bad_setting_is_one_clear_line_not_a_traceback(env: dict, variable: str, value: str, said: str) -> None:
    result = run(["ask", "机架总数"], {**env, variable: value})
    assert result.returncode == 1
    assert said in result.stderr and "Traceback" not in result.stderr
    assert "secret" not in result.stderr  # the password is not printed


def test_a_reader_that_stops_early_gets_no_traceback(env: dict) -> None:
    """`policyqa ask … | head -1`: the reader closes the pipe before the answer is written."""
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "ask", "--json", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    proc.stdout.close()  # nobody reads: every answer written meets a closed pipe
    _, err = proc.communicate("\n".join(["智能算力占比目标"] * 3).encode("utf-8"), timeout=300)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode("utf-8", "replace")
    assert proc.returncode == 141


def test_ingest_force_embeds_every_document_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rule.md").write_text("# 澄江市路灯管理办法\n\n第一条 路灯由市城市管理部门统一维护。\n", encoding="utf-8")
    env = {**os.environ, "POLICYQA_INDEX_DIR": str(tmp_path / "index"), "POLICYQA_CORPUS_DIR": str(corpus),
           "POLICYQA_DATA_DIR": str(tmp_path / "data")}
    assert run(["ingest"], env).returncode == 0
    assert "无需重建" in run(["ingest"], env).stdout
    forced = run(["ingest", "--force"], env)
    assert forced.returncode == 0 and "新嵌入：rule" in forced.stdout and "无需重建" not in forced.stdout
