"""Seeds the default catalogue and requirements once per installation (several workers may race;
inserts keyed by code make the first one win and the others change nothing). Each app remembers
that its store is seeded, so a second app in one process (tests) seeds its own store."""
from __future__ import annotations

import logging

from flask import current_app
from mongoengine.errors import NotUniqueError
from pymongo.errors import PyMongoError

from ..domain.catalogue import DEFAULT_COURSES, DEFAULT_REQUIREMENTS
from ..models import Course, Requirement, SeedMarker
from .unit_compliance import bump_basis

log = logging.getLogger(__name__)
MARKER = "default-catalogue-v1"


def _insert(document) -> None:
    try:
        document.save(force_insert=True)
    except NotUniqueError:
        pass


def ensure_defaults() -> None:
    """Insert the default courses and requirements unless this installation was seeded before."""
    state = current_app.extensions["training_seeding"]
    if state["done"]:
        return
    try:
        if SeedMarker.objects(id=MARKER).first() is None:
            for course in DEFAULT_COURSES:
                _insert(Course(id=course["code"], **{k: v for k, v in course.items() if k != "code"}))
            for req in DEFAULT_REQUIREMENTS:
                _insert(Requirement(id=req["code"], **{k: v for k, v in req.items() if k != "code"}))
            _insert(SeedMarker(id=MARKER))
            bump_basis()  # a unit computed before the defaults were there is out of date
        state["done"] = True
    except PyMongoError as exc:  # the store is down: readiness says so; try again on the next request
        log.warning("default catalogue not seeded yet: %s", exc.__class__.__name__)


def init_app(app) -> None:
    from flask import request

    state = app.extensions["training_seeding"] = {"done": False}

    @app.before_request
    def _seed_once():
        # health checks and the API description never wait on the store
        if not state["done"] and request.path.startswith("/api/") and not request.path.endswith("/openapi.json"):
            ensure_defaults()
