-- 0002: answers, ratings and stored conversations shared by the replicas (the SQLite tables of
-- assistant/store/feedback.py and conversations.py); ingest jobs keep their start time, result and
-- the sha256 of their upload (a second upload of the same bytes while one is queued is refused).

ALTER TABLE ingest_jobs
    ADD COLUMN started timestamptz,
    ADD COLUMN result jsonb,              -- {"doc_id", "title", "sections", "embedded", "documents", "chunks"}
    ADD COLUMN payload_sha256 text;

-- Every answer given (Answer.to_dict() as JSON text, as in SQLite) and the latest rating of each.
CREATE TABLE answers (
    id text PRIMARY KEY,                  -- uuid4
    question text NOT NULL,
    answer_json text NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    seq bigserial NOT NULL                -- insertion order (ties of created)
);
CREATE INDEX answers_created ON answers (created);

CREATE TABLE feedback (
    answer_id text PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
    rating text NOT NULL CHECK (rating IN ('up', 'down')),
    comment text NOT NULL DEFAULT '',
    created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversations (
    id text PRIMARY KEY,                  -- uuid4
    title text NOT NULL,
    created timestamptz NOT NULL,
    updated timestamptz NOT NULL,         -- last continued
    seq bigserial NOT NULL
);
CREATE INDEX conversations_updated ON conversations (updated);

CREATE TABLE turns (
    conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    position integer NOT NULL,
    answer_id text,
    question text NOT NULL,
    answer_json text NOT NULL,
    created timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, position)
);
