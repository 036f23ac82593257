"""gunicorn entry point: `gunicorn training.wsgi:app`."""
from . import create_app

app = create_app()
