"""Answering: extractive composition, refusal signals, LLM client, prompting, verification, generative.

May import: ``assistant.text``, ``assistant.store``, ``assistant.retrieve``, records, errors, settings.
"""
