"""The HTTP API and dashboard over the store (FastAPI): `create_app(store)` and `serve(db)`."""
