"""LLM backends for generative answers: a small protocol and an OpenAI-compatible client (langchain-openai)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Protocol

from assistant.answer.loop import LLM_LOOP
from assistant.errors import PolicyQAError

if TYPE_CHECKING:
    from assistant.settings import Settings

log = logging.getLogger("policyqa.llm")

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": …}


class LLMUnavailableError(PolicyQAError):
    """The LLM endpoint failed: timeout (per read or in total), connection refused, an HTTP error
    status or a broken stream."""


class LLM(Protocol):
    """What the assistant needs from a chat model."""

    def complete(self, messages: list[Message]) -> str:
        """Return the whole reply to ``messages``.

        Raises:
            LLMUnavailableError: If the endpoint cannot be reached or fails.
        """
        ...

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Yield the reply to ``messages`` piece by piece.

        Raises:
            LLMUnavailableError: If the endpoint cannot be reached or fails (also mid-stream).
        """
        ...

    async def acomplete(self, messages: list[Message]) -> str:
        """As :meth:`complete`, awaited; cancelling the caller stops the request."""
        ...

    def astream(self, messages: list[Message]) -> AsyncIterator[str]:
        """As :meth:`stream`, asynchronously; cancelling the caller stops the request."""
        ...

    def warm_up(self) -> None:
        """Get ready for the first call (import, connect …); never raises."""
        ...


class OpenAICompatibleLLM:
    """A chat-completions endpoint (vLLM, Ollama, Xinference, OpenAI …) through langchain-openai's ChatOpenAI.

    Requests time out after ``timeout`` seconds without data (connect, or between streamed pieces),
    and a whole reply (streamed or not) after ``total_timeout`` seconds; they are never retried, so
    that a stalled or failing server falls back to the extractive answer soon. Every call runs on
    :data:`assistant.answer.loop.LLM_LOOP`: a caller that goes away (a cancelled task, a closed
    generator) cancels it, which closes the HTTP request.
    """

    def __init__(self, base_url: str, model: str, api_key: str | None = None, timeout: float = 30.0,
                 max_tokens: int = 800, total_timeout: float = 60.0) -> None:
        self.base_url, self.model = base_url, model
        self._api_key = api_key or "EMPTY"  # the client insists on a key; local servers ignore it
        self.timeout, self.max_tokens, self.total_timeout = timeout, max_tokens, total_timeout
        self._client = None

    @property
    def client(self):
        """The ChatOpenAI client, created on first use.

        Raises:
            LLMUnavailableError: If langchain-openai is not installed (logged with what to install).
        """
        if self._client is None:
            try:
                from langchain_openai import ChatOpenAI
            except ImportError as exc:
                log.error("generative answers need langchain-openai: pip install -e '.[llm]'")
                raise LLMUnavailableError(
                    "生成式回答需要 langchain-openai / generative answers need langchain-openai: "
                    "pip install -e '.[llm]'") from exc
            self._client = ChatOpenAI(base_url=self.base_url, model=self.model, api_key=self._api_key,
                                      timeout=self.timeout, max_retries=0, temperature=0,
                                      max_tokens=self.max_tokens)
        return self._client

    def warm_up(self) -> None:
        """Import and create the client now (it takes seconds), not on the first question."""
        with contextlib.suppress(LLMUnavailableError):  # logged; generative answers fall back
            _ = self.client

    async def _reply(self, messages: list[Message]) -> str:  # on LLM_LOOP
        return _text((await self.client.ainvoke(_to_langchain(messages))).content)

    async def _pieces(self, messages: list[Message]) -> AsyncIterator[str]:  # on LLM_LOOP
        async for chunk in self.client.astream(_to_langchain(messages)):
            piece = _text(chunk.content)
            if piece:
                yield piece

    def complete(self, messages: list[Message]) -> str:
        """Return the whole reply (see :class:`LLM`), blocking."""
        try:
            return LLM_LOOP.call(self._reply(messages), self.total_timeout)
        except LLMUnavailableError:
            raise
        except Exception as exc:  # openai/httpx errors of any kind, or the total deadline
            raise _unavailable(exc) from exc

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """Yield the reply piece by piece (see :class:`LLM`), blocking; closing the generator stops it."""
        try:
            yield from LLM_LOOP.iterate(lambda: self._pieces(messages), self.total_timeout)
        except LLMUnavailableError:
            raise
        except Exception as exc:
            raise _unavailable(exc) from exc

    async def acomplete(self, messages: list[Message]) -> str:
        """Return the whole reply (see :class:`LLM`); cancelling the caller stops the request."""
        try:
            return await LLM_LOOP.acall(self._reply(messages), self.total_timeout)
        except LLMUnavailableError:
            raise
        except Exception as exc:
            raise _unavailable(exc) from exc

    async def astream(self, messages: list[Message]) -> AsyncIterator[str]:
        """Yield the reply piece by piece (see :class:`LLM`); cancelling the caller stops the request."""
        try:
            async for piece in LLM_LOOP.aiterate(lambda: self._pieces(messages), self.total_timeout):
                yield piece
        except LLMUnavailableError:
            raise
        except Exception as exc:
            raise _unavailable(exc) from exc


def _to_langchain(messages: list[Message]) -> list[tuple[str, str]]:
    return [("human" if m["role"] == "user" else m["role"], m["content"]) for m in messages]


def _text(content: object) -> str:
    """Message content as text (a list of content blocks is joined)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(b if isinstance(b, str) else str(b.get("text", "")) for b in content)
    return str(content or "")


def _unavailable(exc: Exception) -> LLMUnavailableError:
    log.warning("LLM unavailable: %s: %s", type(exc).__name__, exc)
    return LLMUnavailableError(f"大模型不可用 / LLM unavailable: {type(exc).__name__}")


def make_llm(settings: Settings) -> LLM | None:
    """The configured LLM, or None when ``llm_base_url`` or ``llm_model`` is not set."""
    if not settings.llm_base_url or not settings.llm_model:
        return None
    return OpenAICompatibleLLM(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                               settings.llm_timeout, settings.llm_max_tokens, settings.llm_total_timeout_s)
