"""The web app: the chat page at ``/`` and the OpenAI-compatible API at ``/v1/``, one process.

``create_app`` makes a FastAPI app holding the API routes (``api``) with the Gradio
page (``page``) mounted on it; ``serve`` runs it with uvicorn. One Engine, loaded
once, serves every browser tab and API request. Safe defaults: loopback only unless told
otherwise, and any other host needs ``--auth`` (page login and API key) or an explicit
``--no-auth``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import gradio as gr
from fastapi import FastAPI

from ..errors import ConfigError
from .api import Refused, api_router, refusal_handler
from .page import CSS, HEAD, THEME, build_page

__all__ = ["Serving", "check_serving", "create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
log = logging.getLogger("claimtrace.web")


@dataclass(frozen=True)
class Serving:
    """How the app is served: address, page login, API key (None: no auth)."""

    host: str = "127.0.0.1"
    port: int = 7860
    auth: tuple[str, str] | None = None
    api_key: str | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def check_serving(
    host: str, port: int, auth: str | None, no_auth: bool, api_key: str | None
) -> tuple[Serving, list[str]]:
    """The serving options, and warnings to print; ConfigError when they are unsafe or bad.

    ``api_key`` (``--api-key`` or CLAIMTRACE_API_KEY_SERVE) guards the API, or else the
    ``--auth`` password does; ``--no-auth`` turns both off.
    """
    if auth and no_auth:
        raise ConfigError("give --auth USER:PASSWORD or --no-auth, not both")
    login = None
    if auth:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise ConfigError(f"--auth must be USER:PASSWORD, got {auth.split(':')[0]!r}:…")
        login = (user, password)
    warnings = []
    if host not in LOOPBACK and not login and not no_auth:
        raise ConfigError(
            f"--host {host} lets other machines reach claimtrace; add --auth USER:PASSWORD "
            "(page login and API key), or --no-auth to serve it open on purpose"
        )
    if no_auth and host not in LOOPBACK:
        warnings.append(
            f"warning: serving on {host} with --no-auth — anyone who can reach this machine "
            "can use the page and the API and add articles"
        )
    key = None if no_auth else api_key or (login[1] if login else None)
    return Serving(host, port, login, key), warnings


def create_app(engine, serving: Serving = Serving()) -> FastAPI:
    """The FastAPI app: API routes under ``/v1`` and the chat page mounted at ``/``."""
    app = FastAPI(title="claimtrace", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine = engine
    app.add_exception_handler(Refused, refusal_handler)
    app.include_router(api_router(engine, serving.api_key))
    page = build_page(engine)
    page.queue(default_concurrency_limit=16)
    max_mb = engine.settings.upload_limit_mb
    return gr.mount_gradio_app(
        app,
        page,
        path="/",
        auth=serving.auth,
        theme=THEME,
        css=CSS,
        head=HEAD,
        max_file_size=f"{max_mb:g}mb",
        footer_links=[],
        ssr_mode=False,
    )


def serve(engine, serving: Serving) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    app = create_app(engine, serving)
    uvicorn.run(app, host=serving.host, port=serving.port, log_level="warning")
