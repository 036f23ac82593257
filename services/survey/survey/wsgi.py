"""gunicorn entry point: `gunicorn survey.wsgi:app`."""
from . import create_app

app = create_app()
