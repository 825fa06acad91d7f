"""Settings: the one place configuration is read.

Order: explicit values (CLI options) → environment variables
(``CLAIMTRACE_*``, and ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL``) → defaults.
Nothing else in claimtrace reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from index.find import DEFAULT_MAX_FILE_MB, MAX_FILE_SETTING

from .errors import ConfigError

__all__ = ["Settings", "BACKENDS", "ENCODERS", "DEVICES"]

BACKENDS = ("extractive", "openai")
#: Encoders for the bundled MiniLM (index/embed.py); devices for them.
ENCODERS = ("onnx", "onnx-int8", "torch")
DEVICES = ("auto", "cpu", "cuda")

_ENV = {
    "store": "CLAIMTRACE_STORE",
    "backend": "CLAIMTRACE_BACKEND",
    "base_url": "CLAIMTRACE_BASE_URL",
    "model": "CLAIMTRACE_MODEL",
    "api_key": "CLAIMTRACE_API_KEY",
    "timeout": "CLAIMTRACE_TIMEOUT",
    "max_retries": "CLAIMTRACE_MAX_RETRIES",
    "top_k": "CLAIMTRACE_TOP_K",
    "bench_dir": "CLAIMTRACE_BENCH",
    "chroma_url": "CLAIMTRACE_CHROMA_URL",
    "encoder": "CLAIMTRACE_ENCODER",
    "device": "CLAIMTRACE_DEVICE",
    "debug": "CLAIMTRACE_DEBUG",
    "max_file_mb": MAX_FILE_SETTING,  # CLAIMTRACE_MAX_FILE_MB, named in index/'s errors
    "serve_api_key": "CLAIMTRACE_API_KEY_SERVE",
    "upload_max_mb": "CLAIMTRACE_UPLOAD_MAX_MB",
    "uploads": "CLAIMTRACE_UPLOADS",
    "folder_root": "CLAIMTRACE_FOLDER_ROOT",
}
_FALLBACK_ENV = {"api_key": "OPENAI_API_KEY", "base_url": "OPENAI_BASE_URL"}


@dataclass(frozen=True)
class Settings:
    """All of claimtrace's configuration, with its defaults.

    ``load`` reads explicit values (CLI options), then ``CLAIMTRACE_*`` variables, then defaults.
    """

    store: str = "./store"
    backend: str = "extractive"
    base_url: str | None = None
    model: str = "gpt-4o-mini"
    api_key: str | None = None
    timeout: float = 30.0
    max_retries: int = 1
    top_k: int = 8  # citations an answer may carry at most
    bench_dir: str | None = None  # folder holding polnear/ and ruwa/ (default ../shared/bench)
    chroma_url: str | None = None  # a Chroma server (http://host:port); None: embedded in store/
    encoder: str = "onnx"  # how the bundled MiniLM runs: one of ENCODERS
    device: str = "auto"  # auto: a CUDA GPU (fp16) when there is one, else the CPU
    debug: bool = False  # show tracebacks of unexpected errors
    max_file_mb: float = DEFAULT_MAX_FILE_MB  # larger files are refused, unread, when indexing
    serve_api_key: str | None = None  # bearer key of `claimtrace chat`'s API when auth is on
    upload_max_mb: float = 50.0  # largest file the chat page accepts
    uploads: str | None = None  # where the chat page keeps uploaded files (default <store>/uploads)
    folder_root: str = "./data"  # the page's "folder on the server" must lie under this folder

    @classmethod
    def load(cls, env: dict[str, str] | None = None, **given) -> Settings:
        """Settings from ``given`` (None means unset), then ``env``, then defaults."""
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            value = given.get(f.name)
            if value is None:
                value = env.get(_ENV[f.name]) or env.get(_FALLBACK_ENV.get(f.name, ""))
            if value is None or value == "":
                continue
            values[f.name] = _coerce(f.name, value, f.type)
        settings = cls(**values)
        settings.validate()
        return settings

    @property
    def uploads_dir(self) -> str:
        """The folder that keeps files uploaded on the chat page."""
        return self.uploads or os.path.join(self.store, "uploads")

    @property
    def upload_limit_mb(self) -> float:
        """The largest upload the page takes: no larger than a file the index will read."""
        return min(self.upload_max_mb, self.max_file_mb)

    def with_(self, **changes) -> Settings:
        new = replace(self, **{k: v for k, v in changes.items() if v is not None})
        new.validate()
        return new

    def validate(self) -> None:
        """Raise a ConfigError on the first bad value; return None when all are valid.

        Bad: an unknown backend, encoder or device, or a number out of range (named in the error).
        """
        if self.backend not in BACKENDS:
            raise ConfigError(
                f"unknown backend {self.backend!r}; choose {' or '.join(BACKENDS)} "
                "(--backend or CLAIMTRACE_BACKEND)"
            )
        if self.encoder not in ENCODERS:
            raise ConfigError(
                f"unknown encoder {self.encoder!r}; choose {', '.join(ENCODERS)} "
                "(CLAIMTRACE_ENCODER)"
            )
        if self.device not in DEVICES:
            raise ConfigError(
                f"unknown device {self.device!r}; choose {', '.join(DEVICES)} (CLAIMTRACE_DEVICE)"
            )
        if self.timeout <= 0:
            raise ConfigError(f"timeout must be positive, got {self.timeout}")
        if self.max_file_mb <= 0:
            raise ConfigError(
                f"max_file_mb must be positive, got {self.max_file_mb} — fix {_ENV['max_file_mb']}"
            )
        if self.upload_max_mb <= 0:
            raise ConfigError(
                f"upload_max_mb must be positive, got {self.upload_max_mb} — "
                "fix CLAIMTRACE_UPLOAD_MAX_MB"
            )
        if self.top_k < 1:
            raise ConfigError(f"top_k must be at least 1, got {self.top_k}")


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _coerce(name: str, value, kind) -> object:
    kind = str(kind)
    if "bool" in kind:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ConfigError(
            f"{name} must be 1/0, true/false, yes/no or on/off, got {value!r} — fix {_ENV[name]}"
        )
    try:
        if "float" in kind:
            return float(value)
        if "int" in kind:
            return int(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"{name} must be a number, got {value!r} — fix --{name.replace('_', '-')} "
            f"or {_ENV[name]}"
        ) from None
    return str(value)
