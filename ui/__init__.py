"""Chat UI (Gradio) for the policy assistant; ``ui.app.mount(app, assistant)`` adds it at /ui."""
