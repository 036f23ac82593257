"""The registry aggregate's documents, importable from one place."""
from .appendices import AreaAppendix
from .cadres import Cadre
from .competencies import Competency
from .positions import Position
from .units import Unit

__all__ = ["AreaAppendix", "Cadre", "Competency", "Position", "Unit"]
