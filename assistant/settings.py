"""The one Settings class; every field can be set by an environment variable ``POLICYQA_<FIELD>``."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration of the assistant, read when an instance is created (never at import time).

    Every field maps to an environment variable with the ``POLICYQA_`` prefix, e.g.
    ``POLICYQA_INDEX_DIR=/srv/policyqa/index``. Relative paths are resolved against the
    current working folder.
    """

    model_config = SettingsConfigDict(env_prefix="POLICYQA_", extra="ignore")

    database_url: str | None = Field(None, description="PostgreSQL (with pgvector) shared by replicas, "
                                     "e.g. postgresql://user:pw@db:5432/policyqa (unset: the index folder).")
    corpus_dir: Path = Field(Path("corpus"), description="Folder of policy texts to index.")
    index_dir: Path = Field(Path("index"), description="Folder the index is written to.")
    data_dir: Path = Field(Path("data"), description="Folder for feedback and other state.")
    embedder: str = Field("e5", description="Embedding backend: e5 | sentence-transformers.")
    model_path: str | None = Field(None, description="Local model folder (sentence-transformers).")
    query_prefix: str = Field("", description="Prefix for queries (sentence-transformers).")
    passage_prefix: str = Field("", description="Prefix for passages (sentence-transformers).")
    chunk_max_chars: int = Field(200, ge=50, le=2000, description="Split sections longer than this.")
    chunk_overlap: int = Field(0, ge=0, le=500, description="Overlap between split pieces.")
    top_k: int = Field(5, ge=1, le=20, description="Citations returned by default.")
    rrf_k: int = Field(5, ge=1, description="Reciprocal-rank-fusion constant "
                       "(the ingest-time refusal calibration uses retrieve.fusion.DEFAULT_RRF_K, the same).")
    candidates: int = Field(30, ge=5, description="Chunks taken from each retriever before fusion.")
    min_confidence: float = Field(0.3, description="Refuse below this evidence confidence (0–1).")
    refusal_calibration: bool = Field(True, description="Fit the refusal model to the corpus at ingest "
                                      "(refusal.json in the index); off: the default weights.")
    refusal_max_false: float = Field(0.02, ge=0.0, le=0.5, description="Share of the corpus's own probe "
                                     "questions the calibrated model may refuse (0–1); README \"Refusal\" "
                                     "says how it was chosen.")
    max_question_chars: int = Field(500, ge=1, description="Longest accepted question.")
    host: str = Field("127.0.0.1", description="Address `policyqa serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `policyqa serve` listens on.")
    api_key: str | None = Field(None, description="Readers' key (ask, search, documents, feedback, the UI); "
                                "when unset and admin_key is set, readers need the admin key.")
    admin_key: str | None = Field(None, description="Maintainers' key (upload, delete, jobs, feedback export); "
                                  "when unset, api_key also opens these routes.")
    max_upload_mb: float = Field(10.0, gt=0, description="Largest document accepted by POST /documents.")
    max_body_bytes: int = Field(64 * 1024, ge=1024, description="Largest request body of the API's JSON "
                                "routes, in bytes (checked while reading; larger: 413).")
    max_ui_body_bytes: int = Field(1024 * 1024, ge=1024, description="Largest request body of the chat "
                                   "UI's routes under /ui except uploads, in bytes.")
    ask_rate_per_minute: float = Field(120, ge=0, description="Questions per minute a client may send "
                                       "to POST /ask (token bucket; 0: no limit).")
    feedback_retention_days: float = Field(30.0, ge=0, description="Days an unrated answer is kept "
                                           "in the feedback store (rated ones are kept).")
    feedback_max_rows: int = Field(100_000, ge=0, description="Most answers kept in the feedback store "
                                   "(the oldest unrated are removed first).")
    store_conversations: bool = Field(True, description="Store each asked question's conversation (POST /ask "
                                      "without conversation_id or history starts one), under the feedback "
                                      "store's retention.")
    ui_restore_delay_ms: int = Field(0, ge=0, le=60_000, description="Milliseconds the chat page waits "
                                     "before restoring the open conversation on load: a test aid that "
                                     "stands for a busy server (0, the default, in service).")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint for generative answers, "
                                     "e.g. http://127.0.0.1:8001/v1 (unset: extractive only).")
    llm_model: str | None = Field(None, description="Model name the endpoint serves.")
    llm_api_key: str | None = Field(None, description="API key of the LLM endpoint, if it needs one.")
    llm_timeout: float = Field(30.0, gt=0, description="Seconds without data before the LLM counts as unavailable.")
    llm_total_timeout_s: float = Field(60.0, gt=0, description="Seconds a whole generative answer may "
                                       "take (streamed or not) before the extractive answer is given.")
    llm_max_tokens: int = Field(800, ge=16, description="Longest generated answer, in tokens.")
    llm_min_verified_share: float = Field(0.5, ge=0, le=1, description="Fall back to extractive below this "
                                          "share of verified sentences.")

    @property
    def max_upload_bytes(self) -> int:
        """``max_upload_mb`` in bytes."""
        return int(self.max_upload_mb * 1024 * 1024)
