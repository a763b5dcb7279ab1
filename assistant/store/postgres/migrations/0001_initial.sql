-- 0001: the shared index (documents, chunks, sentences, vectors), the generation counter, the
-- vector cache and ingest jobs (feedback and conversations stay in each replica's SQLite for now). Vectors are pgvector vector(384): the
-- bundled multilingual-e5-small and the test MiniLM model both give 384 dimensions.
CREATE EXTENSION IF NOT EXISTS vector;

-- One row: bumped in the same transaction as every document write or delete; replicas poll it.
CREATE TABLE generation (
    id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    value bigint NOT NULL,
    changed timestamptz NOT NULL DEFAULT now()
);
INSERT INTO generation (id, value) VALUES (1, 0);

-- Index-wide settings: embedder name and dimension, chunking parameters, background digest.
CREATE TABLE index_settings (
    key text PRIMARY KEY,
    value jsonb NOT NULL
);

CREATE TABLE documents (
    doc_id text PRIMARY KEY,
    ord bigserial NOT NULL,               -- index order (kept when a document is replaced)
    title text NOT NULL,
    path text NOT NULL DEFAULT '',
    sha256 text NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}', -- the manifest entry of the document, as written by ingest
    tree jsonb NOT NULL DEFAULT '[]',     -- the document tree (Node.to_dict() of the top-level units)
    source bytea,                         -- the uploaded file (uploads only), for re-ingesting later
    version bigint NOT NULL,              -- the generation that wrote it (snapshots reload changed ones)
    created timestamptz NOT NULL DEFAULT now(),
    updated timestamptz NOT NULL DEFAULT now()
);

-- data is Chunk.to_dict(): new chunk fields need no schema change; the columns beside it are the
-- ones searched or filtered on.
CREATE TABLE chunks (
    doc_id text NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    position integer NOT NULL,
    path text[] NOT NULL DEFAULT '{}',
    level text NOT NULL DEFAULT '',
    number integer,
    text text NOT NULL,
    data jsonb NOT NULL,
    tokens tsvector NOT NULL,             -- jieba tokens of the passage, 'simple' configuration
    embedding vector(384) NOT NULL,
    PRIMARY KEY (doc_id, position)
);
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_ip_ops)
    WITH (m = 16, ef_construction = 64);
CREATE INDEX chunks_tokens_gin ON chunks USING gin (tokens);

CREATE TABLE sentences (
    doc_id text NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    position integer NOT NULL,
    chunk_position integer NOT NULL,
    start_offset integer NOT NULL,        -- within the chunk's text
    end_offset integer NOT NULL,
    embedding vector(384) NOT NULL,
    PRIMARY KEY (doc_id, position)
);

-- Vectors of the background sentences (refusal), per embedder and background digest.
CREATE TABLE background_vectors (
    embedder text NOT NULL,
    digest text NOT NULL,
    position integer NOT NULL,
    embedding vector(384) NOT NULL,
    PRIMARY KEY (embedder, digest, position)
);

-- Passage vectors by sha256(embedder name, text): an ingest taken over after a crash re-reads them.
CREATE TABLE vector_cache (
    key text PRIMARY KEY,
    embedding vector(384) NOT NULL,
    created timestamptz NOT NULL DEFAULT now()
);

-- Ingest jobs: claimed with FOR UPDATE SKIP LOCKED; a running job whose heartbeat is stale is
-- claimed again by another worker.
CREATE TABLE ingest_jobs (
    id bigserial PRIMARY KEY,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    doc_name text NOT NULL,
    doc_id text,
    payload bytea,                        -- the uploaded file; cleared when the job is done
    progress real NOT NULL DEFAULT 0,     -- 0..1, share of the document's texts embedded or read back
    embedded integer NOT NULL DEFAULT 0,  -- texts the model embedded for this job, over all attempts
    error text,
    claimed_by text,
    heartbeat timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    created timestamptz NOT NULL DEFAULT now(),
    finished timestamptz
);
CREATE INDEX ingest_jobs_open ON ingest_jobs (state, id) WHERE state IN ('queued', 'running');
