"""Small Gradio building blocks shared by the chat page's panels."""

from __future__ import annotations

from typing import Any


def confirm_box(prefix: str) -> tuple[Any, Any, Any, Any]:
    """A hidden confirmation step for a deletion: its group, the question (HTML), 确认删除 and 取消.

    Element ids are ``{prefix}-confirm``, ``-confirm-text``, ``-confirm-yes`` and ``-confirm-no`` (the
    browser tests find them by these). Call inside a ``gr.Blocks`` context.
    """
    import gradio as gr

    with gr.Group(visible=False, elem_id=f"{prefix}-confirm") as group:
        question = gr.HTML(elem_id=f"{prefix}-confirm-text")
        with gr.Row():
            yes = gr.Button("确认删除", size="sm", variant="stop", elem_id=f"{prefix}-confirm-yes")
            no = gr.Button("取消", size="sm", elem_id=f"{prefix}-confirm-no")
    return group, question, yes, no
