"""Adapters: CLI, HTTP API, chat UI, LangChain. They only call the :class:`assistant.service.Assistant` facade.

The only package that imports argparse, FastAPI or Gradio; nothing inside ``assistant`` imports it.
"""
