"""The web UI's blueprint: every page module registers its routes on it, and the package wires
its hooks and error pages. Kept apart from the package so pages need not import the package
that imports them."""
from flask import Blueprint

blueprint = Blueprint("ui", __name__)
