"""Where the trained model files are read from: the package's ``models/`` folder, or the folder
named by ``KRONIKA_MODELS_DIR``.

The variable lets an analyst try a retrained model (``kronika train-ner --out DIR``) without
overwriting the packaged one, and lets a held-out score be reproduced: train on one topic into a
folder, point the variable at it, evaluate on another.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from kronika.errors import ConfigError

MODELS_DIR_ENV = "KRONIKA_MODELS_DIR"


def model_file(name: str) -> Traversable | None:
    """The model file ``name`` ("mentions-pl.crfsuite"); None when the package lacks it (the rule
    path then runs without it). A file missing from ``KRONIKA_MODELS_DIR`` is an error: silently
    falling back would score the wrong model."""
    override = os.environ.get(MODELS_DIR_ENV)
    if override:
        path = Path(override).expanduser() / name
        if not path.is_file():
            raise ConfigError(f"{path}: model file not found ({MODELS_DIR_ENV}={override}); "
                              f"write it with `kronika train-ner --out {override}` or unset {MODELS_DIR_ENV}")
        return path
    ref = resources.files("kronika").joinpath("models", name)
    return ref if ref.is_file() else None
