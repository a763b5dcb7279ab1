"""Retrieval: structural router, lookup tables, rank fusion, the hybrid retriever, the catalog of what is indexed.

May import: ``assistant.text``, ``assistant.store``, records, errors, settings.
"""
