"""gunicorn entry point: `gunicorn evaluation.wsgi:app`."""
from . import create_app

app = create_app()
