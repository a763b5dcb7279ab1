"""政策问答助手: an offline, retrieval-augmented Q&A assistant for Chinese policy documents."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
