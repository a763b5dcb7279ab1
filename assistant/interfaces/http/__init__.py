"""The FastAPI app: routers per resource, request/response schemas, SSE."""
