"""Answering: extractive composition, the refusal model and its signals, LLM client, prompting, verification,
generative answers.

May import: ``assistant.text``, ``assistant.store``, ``assistant.retrieve``, records, errors, settings.
"""
