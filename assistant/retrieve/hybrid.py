"""Retrieval: the structural router first, else BM25 and dense lists fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial

import numpy as np

from assistant.records import Chunk, Hit
from assistant.retrieve.definitions import asked_terms, definition_index, favour_definitions, matching_terms
from assistant.retrieve.doc_refs import named_documents
from assistant.retrieve.docnames import DocName, doc_kinds, doc_names, strip_names
from assistant.retrieve.fusion import DEFAULT_RRF_K, group_max, reciprocal_rank_fusion, top_indices
from assistant.retrieve.router import Route, missing_route, route, section_refs
from assistant.retrieve.title_fit import document_texts, fact_title_route, names_a_title, title_route_fits
from assistant.store.embedders import Embedder
from assistant.store.folder import IndexData
from assistant.text.chinese import fold_traditional, has_cjk, tokenize
from assistant.text.glossary import expand_terms, load_glossary

# A route naming sections in more documents than this keeps those of the best-ranked documents.
MAX_ROUTED_DOCUMENTS = 10
# Share of the Chinese glossary terms' vector in the vector of a question without Chinese (see
# HybridRetriever._search_vector); chosen on the calibration sets' English questions.
CROSS_LINGUAL_WEIGHT = 0.5
# The same share for a Chinese question (its everyday words' legal terms); chosen on the calibration
# sets among 0.15, 0.3, 0.5 and 0.8 (0.3 best hit@1; 0.8 moved hit@3 down).
EXPANSION_WEIGHT = 0.3


@dataclass(frozen=True)
class Retrieval:
    """What the retriever found for one question, with the signals the answerer needs."""

    question: str
    hits: tuple[Hit, ...]
    route: Route | None
    query_vector: np.ndarray
    tokens: tuple[str, ...]
    sentence_scores: dict[int, float] = field(default_factory=dict)
    # doc_ids the question names (by title, short name or document number), in index order.
    named: tuple[str, ...] = ()
    # Cosine similarity of the question to each hit's unit as a whole (its best chunk vector).
    unit_scores: tuple[float, ...] = ()


class HybridRetriever:
    """Routes structural references; fuses BM25, chunk-dense and sentence-dense rankings otherwise."""

    def __init__(self, index: IndexData, embedder: Embedder, candidates: int = 30,
                 rrf_k: int = DEFAULT_RRF_K, weights: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> None:
        self.index, self.embedder = index, embedder
        self.weights = weights
        # Ranking lists fused by RRF (the evaluation restricts them, e.g. to ("bm25",)).
        self.rankings: tuple[str, ...] = ("bm25", "dense", "sentence")
        self.candidates, self.rrf_k = candidates, rrf_k
        self.refs = section_refs(index.chunks)
        documents = index.manifest.get("documents", [])
        self.documents = [(d["doc_id"], d["title"]) for d in documents]
        self.names: list[DocName] = doc_names(  # an attachment's own title ("…资金管理办法") names its notice too
            [(d["doc_id"], d["title"], (d.get("metadata") or {}).get("doc_number", "")) for d in documents]
            + [(c.doc_id, c.part_title, "") for c in index.chunks if c.level == "attachment" and doc_kinds(c.part_title)
               and c.piece == 0])
        self.rows_by_key: dict[tuple[str, str], list[int]] = {}
        self._points: dict[tuple[str, str], list[int]] = {}  # (doc_id, lead-in text) -> its points' rows
        for row, chunk in enumerate(index.chunks):
            self.rows_by_key.setdefault(chunk.key, []).append(row)
            if chunk.level == "point" and chunk.context:
                self._points.setdefault((chunk.doc_id, chunk.context), []).append(row)
        order = np.argsort(index.sentences[:, 0], kind="stable")
        self._sentence_order = order
        self._sentence_bounds = np.searchsorted(index.sentences[order, 0],
                                                np.arange(len(index.chunks) + 1))
        headings = dict.fromkeys(h for c in index.chunks for h in (c.part_title, c.doc_title) if h)  # named too
        self.corpus_text = fold_traditional("\n".join([c.text for c in index.chunks] + list(headings))).lower()
        self.doc_texts = document_texts(index.chunks, fold_traditional)  # title routes are checked on them
        sample = [c for c in self.corpus_text[:20000] if not c.isspace()]
        # documents mostly in Chinese: a question in another language is searched towards Chinese terms
        self.chinese = sum("\u4e00" <= c <= "\u9fff" for c in sample) > 0.3 * max(1, len(sample))
        self.vocab = set(getattr(index.bm25, "vocab_dict", {}) or {})
        self.definitions = definition_index(((c.key, c.text) for c in index.chunks), fold_traditional)
        # An HNSW index (large libraries, see index.ANN_MIN_CHUNKS) cannot list every row by score.
        self.approximate = "HNSW" in type(index.faiss_index).__name__

    def points(self, chunk: Chunk) -> list[Chunk]:
        """The points ("1.", "2." …) of a task split into points, when ``chunk`` is its lead-in."""
        return [self.index.chunks[r] for r in self._points.get((chunk.doc_id, chunk.text), ())]

    def sentence_rows(self, row: int) -> np.ndarray:
        """Indices (into ``index.sentences``) of the sentences of chunk ``row``."""
        lo, hi = self._sentence_bounds[row], self._sentence_bounds[row + 1]
        return self._sentence_order[lo:hi]

    def retrieve(self, question: str, top_k: int = 5, doc_ids: set[str] | None = None) -> Retrieval:
        """Retrieve the sections for a normalised ``question`` (see ``text.normalize_query``): ``top_k`` sections
        from hybrid search, in the documents ``doc_ids`` only (None: all). Returns a :class:`Retrieval` with hits
        best first (routed hits in document order)."""
        restricted = doc_ids is not None  # a caller's filter: its documents, not every one, lack an article
        named = named_documents(question, self.names) if doc_ids is None else []
        doc_ids = set(named) if named else doc_ids
        allowed = self.refs if doc_ids is None else [r for r in self.refs if r.key[0] in doc_ids]
        extra = " ".join(expand_terms(question, load_glossary()))
        topic = strip_names(question) if named else question  # the named document is searched already
        words = tokenize(f"{topic} {extra}", self.index.user_words)
        tokens = tuple(t for t in words if t in self.vocab)
        search = self._search_vector(question, qvec := self.embedder.embed_query_vector(question), extra)
        decision = route(question, allowed)
        decision = decision if named or self._title_fits(question, decision) else None  # see retrieve.title_fit
        rows_ok = self._allowed_rows(doc_ids)
        dense_rank, dense = self._dense(search, rows_ok)
        bm25_rank, bm25 = self._bm25(tokens, rows_ok)
        candidates = list(dict.fromkeys(dense_rank + bm25_rank))
        decision = self._few_documents(decision, dense_rank, bm25_rank)
        if decision is None and (len(named) == 1 or not (named or restricted)):
            decision = missing_route(question, self.corpus_text)
        asked = {} if decision else self._defining(question, doc_ids)
        defining = list(dict.fromkeys(k for keys in asked.values() for k in keys))
        candidates = list(dict.fromkeys(candidates + [r for k in (decision.keys if decision else defining)
                                                      for r in self.rows_by_key[k]]))
        sent_scores, sent_best = self._sentences(search, candidates)
        sent_scores = self._favour_definitions(sent_scores, asked) if asked else sent_scores
        keys = decision.keys if decision else ()  # a bare "第N条" of the other documents: right after the one answered
        if decision and decision.kind in ("task", "part") and not named:
            decision = self._one_document(decision, sent_best, tokens)
        elsewhere = {k[0]: k for k in reversed(keys) if decision and decision.others and k not in decision.keys}
        fused = self._fuse(bm25_rank, dense_rank, sorted(sent_best, key=lambda r: -sent_best[r]))
        sections = group_max(fused, {row: self.index.chunks[row].key for row in candidates})
        decision = fact_title_route(question, decision, [k for k, _ in sections])
        if decision:  # in document order ("（一）" of each part: 一、（一） before 二、（一）1.)
            routed = [(k, 1.0) for k in sorted(decision.keys, key=lambda k: self.rows_by_key.get(k, [0])[0])]
            sections = routed + sorted((x for x in sections if x[0] not in decision.keys),
                                       key=lambda x: x[0] not in elsewhere.values())[: top_k]
        else:  # a unit defining the term asked ahead of those using it, at the best fused score
            first = [(k, sections[0][1] if sections else 1.0) for k in defining]
            sections = (first + [(k, s) for k, s in sections if k not in defining])[:top_k]
        hits = tuple(self._hit(k, s, dense, bm25, sent_best, bool(decision and k in decision.keys))
                     for k, s in sections)
        return Retrieval(question, hits, decision, qvec, tokens, sent_scores, tuple(named),
                         tuple(self._unit_score(h.chunk_ids, search) for h in hits))

    def _title_fits(self, question: str, decision: Route | None) -> bool:
        """False for a route by a section's or a part's title (or its task's, above routed points) when the
        question's other words belong to another document (:func:`title_fit.title_route_fits`); True otherwise."""
        if decision is None or decision.kind not in ("task", "part"):
            return True
        chunks = [self.index.chunks[self.rows_by_key[k][0]] for k in decision.keys if k in self.rows_by_key]
        if not names_a_title(decision.reference, chunks):  # a route by number
            return True
        return title_route_fits(question, decision.reference, [k[0] for k in decision.keys], self.doc_texts,
                                lambda t: tokenize(t, self.index.user_words))

    def _fuse(self, bm25_rank: list[int], dense_rank: list[int], sent_rank: list[int]) -> list[tuple[int, float]]:
        """The rankings kept (``self.rankings``) fused by weighted reciprocal rank, best first."""
        lists = dict(zip(("bm25", "dense", "sentence"),
                         zip([bm25_rank, dense_rank, sent_rank], self.weights, strict=True), strict=True))
        kept = [lists[name] for name in self.rankings]
        return reciprocal_rank_fusion([r for r, _ in kept], k=self.rrf_k, weights=[w for _, w in kept])

    def _search_vector(self, question: str, vector: np.ndarray, terms: str) -> np.ndarray:
        """The vector searched with: the question's own moved towards the vector of its glossary terms
        in Chinese (``terms``; "fine" -> 罚款, "红包" -> 贿赂) and normalised again, when the documents are
        mostly Chinese. The move is ``CROSS_LINGUAL_WEIGHT`` for a question in another language (the
        multilingual model matches Chinese to Chinese better than English to Chinese; calibration:
        English hit@1 0.50 -> 0.55 over 62 questions) and ``EXPANSION_WEIGHT`` for a Chinese question
        in everyday words (calibration: paraphrase hit@1 0.663 -> 0.685 over 89 questions, plan
        paraphrases unchanged). The refusal model keeps the question's own vector
        (``Retrieval.query_vector``)."""
        if not terms or not self.chinese:
            return vector
        weight = EXPANSION_WEIGHT if has_cjk(question) else CROSS_LINGUAL_WEIGHT
        mixed = vector + weight * self.embedder.embed_query_vector(terms)
        return (mixed / np.linalg.norm(mixed)).astype(np.float32)

    def _few_documents(self, decision: Route | None, dense_rank: list[int], bm25_rank: list[int]
                       ) -> Route | None:
        """Keep a route's sections in at most ``MAX_ROUTED_DOCUMENTS`` documents.

        "第十七项" names a task in every plan of a large library; the documents kept are those
        whose chunks rank best in search (reciprocal-rank fusion of BM25 and dense), then in index
        order. With few documents (the usual case) the route is unchanged.
        """
        if decision is None:
            return None
        docs = list(dict.fromkeys(k[0] for k in decision.keys))
        if len(docs) <= MAX_ROUTED_DOCUMENTS:
            return decision
        ranked = reciprocal_rank_fusion([bm25_rank, dense_rank], k=self.rrf_k)
        order = list(dict.fromkeys(self.index.chunks[row].doc_id for row, _ in ranked))
        wanted = set(docs)
        keep = set(([d for d in order if d in wanted] + docs)[:MAX_ROUTED_DOCUMENTS])
        return replace(decision, keys=tuple(k for k in decision.keys if k[0] in keep))

    def _one_document(self, decision: Route, sent_best: dict[int, float], tokens: tuple[str, ...]) -> Route:
        """A bare "第N条" or "附件" (one unit each), a heading's title ("工作目标") or a part ("第二章", "第五部分")
        found in several documents: keep the document the rest of the question points to (best
        sentence similarity plus a share of BM25 over the routed sections), naming the others in
        ``Route.others``; unchanged when the route lies in one document."""
        docs = list(dict.fromkeys(k[0] for k in decision.keys))
        rows = {k: self.rows_by_key[k] for k in decision.keys}
        articles = all(self.index.chunks[r[0]].level in ("article", "attachment") for r in rows.values())
        titles = {r.key: (r.title, r.parent_title) for r in self.refs if r.key in rows}
        titled = all(decision.reference in titles.get(k, ()) for k in decision.keys)  # "工作目标" in each
        single = (len(decision.keys) == len(docs) and articles) or titled  # a title: a task's points too
        if len(docs) < 2 or not (single or decision.kind == "part"):
            return decision
        lexical = np.asarray(self.index.bm25.get_scores(list(tokens))) if tokens else None
        top = float(max((lexical[r] for rs in rows.values() for r in rs), default=0.0)) if tokens else 0.0

        def score(key: tuple[str, str]) -> float:
            dense = max(sent_best.get(r, 0.0) for r in rows[key])
            bm25 = max(lexical[r] for r in rows[key]) / top if lexical is not None and top > 0 else 0.0
            return dense + 0.1 * float(bm25)

        best = max(decision.keys, key=lambda k: (not k[1].startswith("附件"), score(k)))[0]  # own articles first
        titles = {d: t for d, t in self.documents}
        others = tuple(titles.get(d, d) for d in docs if d != best)
        return replace(decision, keys=tuple(k for k in decision.keys if k[0] == best), others=others)

    def _defining(self, question: str, doc_ids: set[str] | None) -> dict[str, list[tuple[str, str]]]:
        """Term a question asks the meaning of ("什么是政府采购") -> keys of the units within ``doc_ids``
        defining it (see :mod:`assistant.retrieve.definitions`)."""
        terms = matching_terms(asked_terms(question, partial(expand_terms, glossary=load_glossary())),
                               self.definitions)
        found = {t: [k for k in self.definitions[t] if doc_ids is None or k[0] in doc_ids] for t in terms}
        return {t: keys for t, keys in found.items() if keys}

    def _favour_definitions(self, scores: dict[int, float], asked: dict[str, list]) -> dict[int, float]:
        """Sentence scores with the sentences defining the terms asked first (``favour_definitions``)."""
        spans = self.index.sentences
        texts = [(int(i), self.index.chunks[r].text[spans[i, 1]:spans[i, 2]]) for keys in asked.values()
                 for k in keys for r in self.rows_by_key[k] for i in self.sentence_rows(r)]
        return favour_definitions(scores, texts, asked, fold_traditional)

    def _unit_score(self, rows: tuple[int, ...], qvec: np.ndarray) -> float:
        """Best similarity of the question to the chunk vectors of one unit (its pieces)."""
        vectors = self.index.faiss_index.reconstruct_batch(np.asarray(rows, dtype=np.int64))
        return float((vectors @ qvec).max()) if len(vectors) else 0.0

    def _allowed_rows(self, doc_ids: set[str] | None) -> np.ndarray | None:
        if doc_ids is None:
            return None
        return np.fromiter((i for i, c in enumerate(self.index.chunks) if c.doc_id in doc_ids),
                           dtype=np.int64)

    def _dense(self, qvec: np.ndarray, rows_ok: np.ndarray | None) -> tuple[list[int], dict]:
        if rows_ok is not None and self.approximate:
            return self._dense_subset(qvec, rows_ok)
        n = self.index.faiss_index.ntotal
        k = min(n, self.candidates if rows_ok is None else n)
        scores, ids = self.index.faiss_index.search(qvec.reshape(1, -1), k)
        allowed = None if rows_ok is None else set(rows_ok.tolist())
        pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True)
                 if i >= 0 and (allowed is None or int(i) in allowed)][: self.candidates]
        return [i for i, _ in pairs], dict(pairs)

    def _dense_subset(self, qvec: np.ndarray, rows: np.ndarray) -> tuple[list[int], dict]:
        """Exact scores over some rows (a document filter) of an approximate index."""
        if len(rows) == 0:
            return [], {}
        scores = self.index.faiss_index.reconstruct_batch(rows) @ qvec
        top = top_indices(scores, self.candidates)
        pairs = [(int(rows[i]), float(scores[i])) for i in top]
        return [i for i, _ in pairs], dict(pairs)

    def _bm25(self, tokens: tuple[str, ...], rows_ok: np.ndarray | None) -> tuple[list[int], dict]:
        if not tokens:
            return [], {}
        scores = np.asarray(self.index.bm25.get_scores(list(tokens)))
        if rows_ok is not None:
            mask = np.zeros_like(scores, dtype=bool)
            mask[rows_ok] = True
            scores = np.where(mask, scores, 0.0)
        top = top_indices(scores, self.candidates)
        pairs = [(int(i), float(scores[i])) for i in top if scores[i] > 0]
        return [i for i, _ in pairs], dict(pairs)

    def _sentences(self, qvec: np.ndarray, rows: list[int]) -> tuple[dict[int, float], dict]:
        per_sentence: dict[int, float] = {}
        best: dict[int, float] = {}
        for row in rows:
            idx = self.sentence_rows(row)
            if len(idx) == 0:
                continue
            sims = self.index.sentence_vectors[idx] @ qvec
            per_sentence.update(zip(idx.tolist(), sims.tolist(), strict=True))
            best[row] = float(sims.max())
        return per_sentence, best

    def _hit(self, key, score, dense, bm25, sent_best, routed) -> Hit:
        rows = self.rows_by_key[key]
        return Hit(
            chunk=self.index.chunks[rows[0]],
            score=float(score),
            dense=max([dense.get(r, 0.0) for r in rows] + [sent_best.get(r, 0.0) for r in rows]),
            lexical=max(bm25.get(r, 0.0) for r in rows),
            routed=routed,
            chunk_ids=tuple(rows),
        )

