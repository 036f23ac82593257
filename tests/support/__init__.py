"""What tests share, in one place (``tests/`` is on ``sys.path`` from the root conftest):

- ``platform``   the real parts: FerretDB and Kafka (``Infra``), the four services and their
                 workers under gunicorn (``Stack``), ``eventually`` for asynchronous effects;
- ``in_process`` one service's app on the session's store, called through Flask's test client;
- ``tokens``     access and receipt tokens signed as the gateway signs them;
- ``registry_feed`` registry events handed to an in-process service's own consumers;
- ``world``      units, positions, cadres, accounts and kiosks made through the public API,
                 with the API client the demo seeder uses (``deploy/local/c360_client.py``);
- ``kiosks``     citizens' answers and the figures they make;
- ``mail``       a real SMTP server keeping what it receives, and notification requests published
                 as a service's relay does;
- ``browser``    headless Chromium fixtures and page helpers.
"""
import sys
from pathlib import Path

# The API client and the demo roster live beside the demo seeder, which runs without the tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy" / "local"))
