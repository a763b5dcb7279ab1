"""Retrieval: structural router, lookup tables, rank fusion, the hybrid retriever. Imports text, store, records."""
