"""StepDeck: visual execution lessons from one YAML model."""
from .check.pipeline import CheckResult, check_project
from .commands.build import build
from .commands.check import check
from .core.errors import Diagnostic, RenderError, Severity, StepDeckError, ValidationFailed
from .model.lesson import Lesson
from .model.project import Project, load_project

__all__ = ["build", "check", "check_project", "CheckResult", "Diagnostic", "RenderError", "Severity",
           "StepDeckError", "ValidationFailed", "Lesson", "Project", "load_project"]
