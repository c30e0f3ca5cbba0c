"""The optional rewrite client against a local stub of an OpenAI-compatible endpoint."""

from __future__ import annotations

import pytest

from amicable.messaging.llm import LlmConfig, LlmError, request_preview, rewrite

from .stubs import ChatStub


def test_it_sends_the_draft_and_returns_the_rewrite():
    with ChatStub() as stub:
        config = LlmConfig(base_url=stub.url, model="local-model", api_key="sk-test", timeout=5)
        assert rewrite(config, "You NEVER pay on time!!!") == stub.server.reply
    [req] = stub.requests
    assert req["path"] == "/v1/chat/completions"
    assert req["auth"] == "Bearer sk-test"
    assert req["body"]["model"] == "local-model"
    assert req["body"]["messages"][-1] == {"role": "user", "content": "You NEVER pay on time!!!"}


def test_it_previews_exactly_what_is_sent_without_the_key():
    config = LlmConfig(base_url="http://127.0.0.1:9/v1", model="m", api_key="sk-secret")
    preview = request_preview(config, "Draft text")
    assert preview.startswith("POST http://127.0.0.1:9/v1/chat/completions")
    assert '"content": "Draft text"' in preview and "sk-secret" not in preview


@pytest.mark.parametrize(
    ("mode", "timeout", "message"),
    [("error", 5, "answered 500"), ("slow", 0.5, "did not answer within 0.5 seconds"),
     ("garbage", 5, "unexpected format")],
)
def test_it_explains_failures(mode, timeout, message):
    with ChatStub(mode=mode) as stub, pytest.raises(LlmError, match=message):
        rewrite(LlmConfig(base_url=stub.url, model="m", timeout=timeout), "Some text")


def test_it_refuses_when_not_configured_or_unreachable():
    with pytest.raises(LlmError, match="not configured"):
        rewrite(LlmConfig(base_url="", model=""), "text")
    with pytest.raises(LlmError, match="Could not reach"):
        rewrite(LlmConfig(base_url="http://127.0.0.1:9/v1", model="m", timeout=2), "text")
    with pytest.raises(LlmError, match="no text"):
        rewrite(LlmConfig(base_url="http://127.0.0.1:9/v1", model="m"), "  ")
