"""The messages of the OpenAI-compatible backend: what it sends the model, and what it reads back.

Sits inside the "compose answer with citations" step: ``assistant.llm`` sends these messages
over the wire and reads its replies with the functions here (the reply's text, the rewritten
follow-up, whether an answer's reply can be used); nothing here imports ``openai``. The
sources are numbered [1]..[n] between fence markers, and all text that comes from articles or
earlier turns is defused first, so an article cannot close the fence or pass its own "[n]"
for a source number. The prompts themselves are files (``prompts/answer.md``,
``answer_user.md``, ``condense.md``), loaded by ``assistant.prompts``.
"""

from __future__ import annotations

import re

from assistant.citations import defuse_markers, says_not_answered
from assistant.models import Citation, Evidence, Turn
from assistant.prompts import load_prompt, render

__all__ = [
    "MAX_HISTORY_TURNS",
    "answer_messages",
    "condense_messages",
    "format_conversation",
    "format_sources",
    "reply_text",
    "standalone_question",
    "unusable_reply",
]

NO_SOURCES = "(no sources were found for this question)"
#: The earlier turns the model sees, at most (the latest ones).
MAX_HISTORY_TURNS = 4
_FENCE = re.compile(r"<{3,}|>{3,}")


def _defuse(text: str | None) -> str:
    """Source text with fence-like runs (``<<<``, ``>>>``) neutralised, so data can't close a
    fence, and its own "[n]" markers written "［n］", so they can't pass for a source number."""
    text = _FENCE.sub(lambda m: "‹" if m.group(0)[0] == "<" else "›", text or "")
    return defuse_markers(text).strip()


def format_sources(evidence: list[Evidence]) -> str:
    """The numbered sources [1]..[n] as they appear between the SOURCES fence markers."""
    if not evidence:
        return NO_SOURCES
    blocks = []
    for n, ev in enumerate(evidence, start=1):
        blocks.append(
            f"[{n}] title: {_defuse(ev.title) or 'unknown'}\n"
            f"    outlet: {_defuse(ev.outlet) or 'unknown'}; "
            f"date: {_defuse(ev.date) or 'unknown'}\n"
            f"    claimant: {_defuse(ev.claimant) or 'unknown'}; cue: {_defuse(ev.cue) or 'none'}\n"
            f'    quote: "{_defuse(ev.quote)}"'
        )
    return "\n\n".join(blocks)


def format_conversation(history: list[Turn]) -> str:
    """Earlier turns as "User: …" / "Assistant: …" lines, for the condense prompt."""
    lines = []
    for turn in history[-MAX_HISTORY_TURNS:]:
        lines.append(f"User: {_defuse(turn.question)}")
        lines.append(f"Assistant: {_defuse(turn.answer)}")
    return "\n".join(lines)


def answer_messages(
    question: str, evidence: list[Evidence], history: list[Turn] | None = None
) -> list[dict[str, str]]:
    """The chat messages for ``question``: system prompt, recent turns, fenced sources."""
    messages = [{"role": "system", "content": load_prompt("answer").strip()}]
    for turn in (history or [])[-MAX_HISTORY_TURNS:]:
        messages.append({"role": "user", "content": turn.question})
        messages.append({"role": "assistant", "content": turn.answer})
    user = render("answer_user", sources=format_sources(evidence), question=question.strip())
    messages.append({"role": "user", "content": user.strip()})
    return messages


def condense_messages(question: str, history: list[Turn]) -> list[dict[str, str]]:
    """The one message asking the model to rewrite follow-up ``question`` as a standalone one."""
    prompt = render("condense", conversation=format_conversation(history), question=question)
    return [{"role": "user", "content": prompt.strip()}]


def standalone_question(reply: str | None) -> str | None:
    """The rewritten question in a condense reply: its first non-blank line, unquoted.

    None when the reply holds no text.
    """
    lines = [line.strip() for line in (reply or "").splitlines() if line.strip()]
    return lines[0].strip("\"'“”") if lines else None


def reply_text(response: object) -> str | None:
    """The text of a chat completion's first choice (None when it has none)."""
    choices = getattr(response, "choices", None)
    message = getattr(choices[0], "message", None) if choices else None
    return getattr(message, "content", None)


def unusable_reply(checked: str, citations: list[Citation], warnings: list[str]) -> str | None:
    """Why a reply, its citations checked, cannot be the answer; None when it can.

    An empty reply cannot, nor one citing none of the sources without saying that the
    sources do not answer (the reason then names the source numbers it invented).
    """
    if not checked:
        return "the reply was empty"
    if not citations and not says_not_answered(checked):
        gone = [w.split(":")[0] for w in warnings if w.startswith("removed citation ")]
        removed = " ".join(w.removeprefix("removed citation ") for w in gone)
        invented = f" (it cited {removed}, which do not exist)" if removed else ""
        return f"the reply cited none of the sources{invented}"
    return None
