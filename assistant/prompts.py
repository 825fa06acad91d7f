"""Prompts are files: ``prompts/NAME.md`` at the repository root, loaded by name.

Used by the LLM backend (``assistant/llm_messages.py``) to build its messages. Substitution uses
``string.Template`` (``$var`` / ``${var}``) so that braces in article text are safe.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from assistant.errors import ConfigError

__all__ = ["PROMPTS_DIR", "known_prompts", "load_prompt", "render"]

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"


def known_prompts(prompts_dir: Path | None = None) -> list[str]:
    """The names of the prompts available in ``prompts_dir`` (default: the repo's prompts/)."""
    folder = Path(prompts_dir) if prompts_dir is not None else PROMPTS_DIR
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.md"))


def load_prompt(name: str, prompts_dir: Path | None = None) -> str:
    """Read ``prompts/NAME.md``; an unknown name raises ConfigError listing the known names."""
    folder = Path(prompts_dir) if prompts_dir is not None else PROMPTS_DIR
    path = folder / f"{name}.md"
    if not path.is_file():
        known = ", ".join(known_prompts(folder)) or "none"
        raise ConfigError(
            f"unknown prompt {name!r} (no file {path}); choose one of: {known}, "
            f"or add {path.name} to {folder}"
        )
    return path.read_text(encoding="utf-8")


def render(name: str, prompts_dir: Path | None = None, **values: object) -> str:
    """Load prompt ``name`` and substitute ``$var`` placeholders with ``values``.

    A placeholder with no value raises ConfigError naming it; a literal ``$`` is written ``$$``.
    """
    template = Template(load_prompt(name, prompts_dir))
    try:
        return template.substitute({k: str(v) for k, v in values.items()})
    except KeyError as exc:
        raise ConfigError(
            f"prompt {name!r} needs a value for ${exc.args[0]}; pass it to render()"
        ) from None
    except ValueError as exc:
        raise ConfigError(
            f"prompt {name!r} has a bad placeholder ({exc}); write '$$' for '$'"
        ) from None
