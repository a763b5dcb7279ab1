"""A deterministic synthetic policy library made from the plan's sentences, recombined, with labels.

Document ``d`` is "<district><year>年数据工作计划" with 7 parts and ``tasks_per_doc`` numbered tasks
"（N）<title>。<sentence><sentence>[<sentence>]"; titles, part titles and sentences are the plan's,
sentences with "全市"/"青岛" replaced by the document's district. Every chunk is a real
:class:`assistant.records.Chunk`, so the real index writer, loader and retriever run over it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.chunking import build_chunks
from assistant.ingest.documents import load_documents
from assistant.records import Chunk
from assistant.text.numerals import int_to_cn
from assistant.text.sentences import split_sentences

SEED = 20250101
PLACES = ("市南区", "市北区", "李沧区", "崂山区", "西海岸新区", "城阳区", "即墨区", "胶州市", "平度市", "莱西市")
PLAN_ID = "qingdao-bigdata-2025-work-plan"


@dataclass(frozen=True)
class Plan:
    """What the synthetic corpus is made of: the plan's task titles, part titles and sentences."""

    titles: tuple[tuple[str, str, str], ...]  # (part numeral, part title, task title)
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class SynthChunk:
    """A synthetic chunk and the component texts its vector can be composed from."""

    chunk: Chunk
    sentences: tuple[str, ...]  # the body sentences (district variants), in order
    header: str  # "<part title>\n<task title>。"


def load_plan(corpus: Path = Path("corpus")) -> Plan:
    """Read the plan from the corpus folder and take its task titles and body sentences."""
    documents, _ = load_documents([corpus])
    doc = next(d for d in documents if d.doc_id == PLAN_ID)
    chunks = build_chunks(doc.text, doc.doc_id, doc.title, 10_000, 0)
    titles, sentences = [], []
    for chunk in chunks:
        if chunk.number is None:
            continue
        titles.append((chunk.part, chunk.part_title, chunk.title))
        spans = split_sentences(chunk.text)
        sentences += [chunk.text[s:e] for s, e in spans[1:]]  # the first is "(N)title。"
    return Plan(tuple(titles), tuple(dict.fromkeys(sentences)))


def variant(sentence: str, place: str) -> str:
    """The sentence as written for a district."""
    return sentence.replace("全市", place).replace("青岛", place)


def synth_chunks(plan: Plan, documents: int, tasks_per_doc: int = 100, seed: int = SEED) -> list[SynthChunk]:
    """Generate ``documents * tasks_per_doc`` chunks, the same for the same arguments."""
    rng = random.Random(seed)
    out = []
    for d in range(documents):
        place, year = PLACES[d % len(PLACES)], 2021 + (d // len(PLACES)) % 10
        doc_id, doc_title = f"synth-{d:05d}", f"{place}{year}年数据工作计划（第{d // 100 + 1}辑）"
        offset = 0
        for n in range(1, tasks_per_doc + 1):
            part, part_title, title = plan.titles[rng.randrange(len(plan.titles))]
            body = tuple(variant(s, place) for s in rng.sample(plan.sentences, rng.choice((2, 2, 3))))
            label = f"（{int_to_cn(n)}）"
            text = f"{label}{title}。" + "".join(body)
            chunk = Chunk(doc_id, doc_title, label, n, title, part, part_title, text, offset,
                          offset + len(text), "task", (f"{part}、",), 0, label)
            offset += len(text) + 1
            out.append(SynthChunk(chunk, body, f"{part_title}\n{title}。"))
    return out


def component_texts(chunks: list[SynthChunk]) -> list[str]:
    """The distinct sentences and headers of the chunks (what composed vectors are made of)."""
    return list(dict.fromkeys(t for c in chunks for t in (c.header, *c.sentences)))


def write_corpus(chunks: list[SynthChunk], folder: Path) -> int:
    """Write the chunks as plan-like text files (one per document) for a real ``policyqa ingest``."""
    folder.mkdir(parents=True, exist_ok=True)
    by_doc: dict[str, list[Chunk]] = {}
    for item in chunks:
        by_doc.setdefault(item.chunk.doc_id, []).append(item.chunk)
    for doc_id, items in by_doc.items():
        lines, part = [items[0].doc_title], None
        for chunk in items:
            if chunk.part != part:
                part = chunk.part
                lines.append(f"{part}、{chunk.part_title}")
            lines.append(chunk.text)
        (folder / f"{doc_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(by_doc)
