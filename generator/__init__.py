"""StepDeck: visual execution lessons from one YAML model."""
from .build import build, check
from .errors import Diagnostic, RenderError, StepDeckError, ValidationFailed
from .model import Lesson
from .project import Project, load_project

__all__ = ["build", "check", "Diagnostic", "RenderError", "StepDeckError", "ValidationFailed", "Lesson",
           "Project", "load_project"]
