"""Engine-neutral content model: parse and validate everything authors write.

Nothing in this package imports MkDocs, so the model outlives the engine.
"""

from .load import Remembered, load_project
from .problems import ContentError, Problem
from .schema import Project

__all__ = ["ContentError", "Problem", "Project", "Remembered", "load_project"]
