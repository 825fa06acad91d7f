"""``claimtrace chat``: the chat page and the OpenAI-compatible API, or a terminal conversation.

``claimtrace chat`` serves the page at ``/`` and the API at ``/v1/`` (``assistant/web/app.py``)
and prints the address; ``claimtrace chat --terminal`` keeps the conversation in the
terminal. Gradio is imported only when the page is served.
"""

from __future__ import annotations

import click

from ..backends import BackendChoice
from ..models import Turn
from ..plaintext import render_answer
from ..settings import BACKENDS
from .base import Context

__all__ = ["chat"]


@click.command("chat")
@click.option("--terminal", is_flag=True, help="Converse in the terminal instead of serving.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=7860, show_default=True, type=int, help="Port to serve on.")
@click.option("--auth", default=None, metavar="USER:PASSWORD", help="Page login; API key too.")
@click.option("--no-auth", is_flag=True, help="Serve a non-loopback host without a login.")
@click.option(
    "--api-key", default=None, help="Bearer key of the API (env CLAIMTRACE_API_KEY_SERVE)."
)
@click.option("--backend", type=click.Choice(BACKENDS), default=None, help="Default backend.")
@click.option("--base-url", default=None, help="OpenAI-compatible endpoint.")
@click.option("--model", default=None, help="Model name for --backend openai.")
@click.pass_obj
def chat(
    obj: Context, terminal, host, port, auth, no_auth, api_key, backend, base_url, model
) -> None:
    """Serve the chat page and the OpenAI-compatible API (or, with --terminal, chat here)."""
    if terminal:
        return _terminal(obj, BackendChoice(backend, base_url, model))
    from ..engine import Engine
    from ..web.app import check_serving, serve

    key = api_key or obj.settings.serve_api_key
    serving, warnings = check_serving(host, port, auth, no_auth, key)
    for warning in warnings:
        click.echo(warning, err=True)
    # the server's own backend, endpoint and model: the defaults of every page and API question
    engine = Engine(obj.settings.with_(backend=backend, base_url=base_url, model=model))
    click.echo(f"claimtrace chat: the page at {serving.url} and the API at {serving.url}v1/")
    if serving.api_key:
        click.echo("the API needs 'Authorization: Bearer KEY' (--api-key or the --auth password)")
    serve(engine, serving)


def _terminal(obj: Context, choice: BackendChoice) -> None:
    """A conversation in the terminal: follow-up questions see the earlier turns."""
    engine = obj.engine
    stats = engine.stats()
    click.echo(
        f"claimtrace — {stats.articles} articles in {stats.store}. "
        "Ask a question; 'new' starts over, an empty line or Ctrl-D quits."
    )
    history: list[Turn] = []
    while True:
        try:
            question = input("\n? ").strip()
        except EOFError:
            break
        if not question:
            break
        if question.lower() == "new":
            history = []
            continue
        answer = engine.ask(question, history=history, choice=choice)
        click.echo("\n" + render_answer(answer))
        history.append(Turn(question, answer.answer))
