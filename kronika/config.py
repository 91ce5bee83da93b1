"""Settings: defaults ← optional kronika.toml ← KRONIKA_* environment. Validated at the boundary."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kronika.errors import ConfigError

DEFAULT_DATA_DIR = Path(os.environ.get("KRONIKA_DATA_DIR", "~/.local/share/kronika")).expanduser()


class Settings(BaseModel):
    """Every setting Kronika reads. Each one is documented in the README's configuration table."""

    model_config = ConfigDict(extra="forbid")

    store_url: str = Field(default="", description="database URL; empty = sqlite file in data_dir")
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, description="where the default SQLite file lives")
    max_input_bytes: int = Field(default=50 * 1024 * 1024, description="size cap for one input file")
    stages: list[str] | None = Field(default=None, description="pipeline stages; None = all")
    published: str | None = Field(default=None, description="publication date for input lacking one")
    near_duplicate_threshold: float = Field(default=0.8, description="MinHash Jaccard threshold")
    api_token: str | None = Field(default=None, description="token required by ingest endpoints")
    max_request_bytes: int = Field(default=5 * 1024 * 1024, description="HTTP request size limit")
    stage_options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="per-stage options")

    def resolved_store_url(self) -> str:
        if self.store_url:
            return self.store_url
        return f"sqlite:///{self.data_dir / 'kronika.db'}"


ENV_KEYS = {
    "KRONIKA_STORE_URL": "store_url",
    "KRONIKA_DATA_DIR": "data_dir",
    "KRONIKA_MAX_INPUT_BYTES": "max_input_bytes",
    "KRONIKA_API_TOKEN": "api_token",
}


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Read kronika.toml (explicit path, or ./kronika.toml if present), then env, then overrides."""
    raw: dict[str, Any] = {}
    candidate = Path(path) if path else Path("kronika.toml")
    if path and not candidate.exists():
        raise ConfigError(f"{candidate}: config file not found")
    if candidate.exists():
        try:
            with candidate.open("rb") as fh:
                raw = tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{candidate}: not valid TOML ({e})") from e
        raw = _flatten(raw)
    for env, key in ENV_KEYS.items():
        if os.environ.get(env):
            raw[key] = os.environ[env]
    raw.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**raw)
    except ValidationError as e:
        first = e.errors()[0]
        key = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"{candidate}: setting '{key}': {first['msg']}") from e


def _flatten(raw: dict[str, Any]) -> dict[str, Any]:
    """[store] url → store_url; [pipeline] stages → stages; [stages.X] → stage_options[X]."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "store" and isinstance(value, dict):
            for k, v in value.items():
                out[f"store_{k}"] = v
        elif key == "pipeline" and isinstance(value, dict):
            out.update(value)
        elif key == "stages" and isinstance(value, dict):
            out["stage_options"] = value
        else:
            out[key] = value
    return out
