"""Chat UI (Gradio) for the policy assistant; ``assistant.interfaces.ui.app.mount(app, assistant)`` adds it at /ui."""
