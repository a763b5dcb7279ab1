"""The FastAPI app (``app.py``): routers per resource (``routes/``: ask, search, documents, jobs, feedback,
health), ``deps.py`` (assistant, job queue, the reader/admin key checks over ``roles.py``), ``uploads.py``
(checks of an upload, the job that indexes it), ``session.py`` (the key guard in front of the mounted UI and
its ``/ui-login`` form), ``schemas.py`` (every pydantic model), ``errors.py`` (exceptions → JSON errors);
``launch.py`` starts a server as a child process for tests and benchmarks. Imports ``assistant.service``,
``assistant.jobs`` and the records inward."""
