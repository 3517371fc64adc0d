"""The building blocks of the lesson model: ids, text, open verbs and kinds, step references."""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, WithJsonSchema

from .vocabulary import FAMILY_NAMES, KIND_PATTERN, KINDS, SHAPE_NAMES, STYLES, VERB_PATTERN, VERBS

SCHEMA_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
"""Every version 1 file is a valid version 2 file: version 2 only adds fields (see CHANGELOG.md)."""

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
"""An id: lowercase letters and digits, words joined by `-` (kebab-case) or `_` (snake_case)."""
LessonId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
STEP_ID_PATTERN = r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"
StepId = Annotated[str, StringConstraints(pattern=STEP_ID_PATTERN, max_length=64)]
"""A step's id: an id that starts with a letter, so it can never be mistaken for a step number."""
RESERVED_STEP_IDS = frozenset({"start", "final"})
Text = Annotated[str, StringConstraints(min_length=1)]
"""Plain text, shown literally. A blank line starts a paragraph; `backticks` mark code.
For several paragraphs use a literal block (`|`): in a folded block (`>`) a blank line
becomes a single line break."""

class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


# Open vocabularies: any word is valid; the schema still offers the built-in ones as completions.
Kind = Annotated[str, StringConstraints(pattern=KIND_PATTERN, max_length=40),
                 WithJsonSchema({"anyOf": [{"enum": list(KINDS)}, {"type": "string", "pattern": KIND_PATTERN}]})]
Verb = Annotated[str, StringConstraints(pattern=VERB_PATTERN, max_length=40),
                 WithJsonSchema({"anyOf": [{"enum": list(VERBS)}, {"type": "string", "pattern": VERB_PATTERN}]})]
Style = Literal[STYLES]  # type: ignore[valid-type]
Shape = Literal[SHAPE_NAMES]  # type: ignore[valid-type]
Family = Literal[FAMILY_NAMES]  # type: ignore[valid-type]


UNION_TAGS = frozenset({"checkpoint-name", "checkpoint-step", "checkpoint-id", "step-number", "step-id",
                        "step-match", "option-text", "option-mapping"})


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _checkpoint_branch(value) -> str:
    if _is_number(value):
        return "checkpoint-step"
    return "checkpoint-name" if value in ("start", "final") or not isinstance(value, str) else "checkpoint-id"


def _step_branch(value) -> str:
    return "step-number" if _is_number(value) or not isinstance(value, str) else "step-id"


StepNumber = Annotated[int, Field(ge=1)]
StepRef = Annotated[Union[Annotated[StepNumber, Tag("step-number")], Annotated[StepId, Tag("step-id")]],
                    Discriminator(_step_branch)]
"""A step named by its number (from 1) or by its `id`."""
Checkpoint = Annotated[Union[Annotated[Literal["start", "final"], Tag("checkpoint-name")],
                             Annotated[StepNumber, Tag("checkpoint-step")],
                             Annotated[StepId, Tag("checkpoint-id")]],
                       Discriminator(_checkpoint_branch)]
