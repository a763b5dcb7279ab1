"""The outline API on a real server: the whole tree with metadata, units by path, ambiguous numbers (409)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from support.servers import running_server

from assistant.service import Assistant
from assistant.settings import Settings

# A notice whose 1./2. numbering restarts under each part, written for this test.
NOTICE = """清河市人民政府办公室关于做好公共停车设施管理工作的通知
清政办发〔2025〕7号
一、规划建设
1. 新建住宅小区应当按照标准配建停车位。
2. 老旧小区可以利用边角空地增设停车位。
二、运营管理
1. 公共停车场应当公示收费标准和投诉电话。
2. 停车收费实行政府指导价，具体标准由价格主管部门制定。
清河市人民政府办公室
2025年3月1日
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, e5):
    root = tmp_path_factory.mktemp("tree-api")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "tingche.txt").write_text(NOTICE, encoding="utf-8")
    helper = Assistant(Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data"), embedder=e5)
    helper.ingest(progress=False)
    with running_server(helper, Path(root / "data")) as base:
        yield base


def test_a_document_comes_with_its_metadata_and_whole_tree(server: str) -> None:
    doc = httpx.get(f"{server}/documents/tingche", timeout=30).json()
    assert doc["metadata"]["doc_number"] == "清政办发〔2025〕7号"
    parts = doc["children"]
    assert [p["label"] for p in parts] == ["一、", "二、"] and all(p["level"] == "part" for p in parts)
    points = parts[1]["children"]
    assert [p["path"] for p in points] == ["二、1.", "二、2."]
    assert "价格主管部门" in points[1]["text"]
    # metadata (document number, signature) is never a unit's text
    texts = [n["text"] for p in parts for n in [p, *p["children"]]]
    assert not any("清政办发" in t or "2025年3月1日" in t for t in texts)


def test_a_unit_is_addressed_by_its_path_in_either_width(server: str) -> None:
    unit = httpx.get(f"{server}/documents/tingche/sections/二、1.", timeout=30).json()
    assert unit["path"] == "二、1." and "公示收费标准" in unit["whole_text"]
    same = httpx.get(f"{server}/documents/tingche/sections/二、1．", timeout=30).json()
    assert same["whole_text"] == unit["whole_text"]
    part = httpx.get(f"{server}/documents/tingche/sections/一、", timeout=30).json()
    assert "配建停车位" in part["whole_text"] and "增设停车位" in part["whole_text"]
    assert httpx.get(f"{server}/documents/tingche/sections/三、", timeout=30).status_code == 404


def test_a_number_that_restarts_is_a_conflict_naming_the_candidates(server: str) -> None:
    response = httpx.get(f"{server}/documents/tingche/tasks/1", timeout=30)
    assert response.status_code == 409
    assert [c["path"] for c in response.json()["error"]["candidates"]] == ["一、1.", "二、1."]
