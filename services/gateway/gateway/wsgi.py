"""gunicorn entry point: `gunicorn gateway.wsgi:app`."""
from . import create_app

app = create_app()
