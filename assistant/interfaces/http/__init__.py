"""The FastAPI app (``app.py``): routers per resource (``routes/``), ``deps.py`` (assistant, API key),
``schemas.py`` (every pydantic model), ``errors.py`` (exceptions → JSON errors); ``launch.py`` starts a
server as a child process for tests and benchmarks. Imports ``assistant.service`` and the records inward."""
