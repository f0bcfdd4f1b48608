"""The web app: FastAPI + Jinja2 + htmx. Build it with `create_app(settings)`."""
