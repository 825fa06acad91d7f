"""The web interface: the chat page at ``/`` and the OpenAI-compatible API at ``/v1/``.

Sits on top of the answering core (``assistant/``), which never imports it:
``app`` (the FastAPI app and uvicorn), ``api`` and ``protocol`` (the OpenAI-compatible routes),
``page``, ``session``, ``render``, ``facets`` and ``uploads`` (the Gradio page).
"""
