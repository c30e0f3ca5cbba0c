"""Optional rewrite of a draft through an OpenAI-compatible chat endpoint (for example a local one).

Off unless AMICABLE_LLM_BASE_URL and AMICABLE_LLM_MODEL are set. The page shows the exact request
text (``request_preview``) and asks for confirmation before ``rewrite`` sends anything. Uses urllib
from the standard library, with a timeout; every failure is an LlmError with a message for the user.

Pure Python: nothing here imports Django (settings are passed in).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

SYSTEM_PROMPT = (
    "You help a freelancer write calm, professional messages to a client during a dispute. Rewrite the "
    "user's draft so that it is courteous, specific and firm: keep every fact, amount, date and request, "
    "remove accusations, sarcasm, absolutes, threats and insults, and do not add promises or admissions. "
    "Reply with the rewritten message only."
)
MAX_CHARS = 20_000


class LlmError(Exception):
    """The endpoint could not produce a rewrite; the message says why, for the user."""


@dataclass(frozen=True)
class LlmConfig:
    base_url: str
    model: str
    api_key: str = ""
    timeout: float = 30.0

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.model)

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"


def payload(config: LlmConfig, text: str) -> dict:
    return {
        "model": config.model,
        "temperature": 0.2,
        "messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": text}],
    }


def request_preview(config: LlmConfig, text: str) -> str:
    """Exactly what will be sent (the API key is sent as a header and not shown)."""
    return f"POST {config.endpoint}\n\n" + json.dumps(payload(config, text), ensure_ascii=False, indent=2)


def rewrite(config: LlmConfig, text: str) -> str:
    """Send ``text`` to the endpoint and return the suggested rewrite."""
    if not config.enabled:
        raise LlmError("The rewrite service is not configured (AMICABLE_LLM_BASE_URL, AMICABLE_LLM_MODEL).")
    if not text.strip():
        raise LlmError("There is no text to rewrite.")
    if len(text) > MAX_CHARS:
        raise LlmError(f"The draft is too long to send for a rewrite (over {MAX_CHARS:,} characters).")
    data = json.dumps(payload(config, text)).encode("utf-8")
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    req = urllib.request.Request(config.endpoint, data=data, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=config.timeout) as resp:  # noqa: S310 - URL from settings
            raw = resp.read(2_000_000)
    except urllib.error.HTTPError as exc:
        raise LlmError(f"The rewrite service answered {exc.code} {exc.reason}.") from None
    except TimeoutError:
        raise LlmError(f"The rewrite service did not answer within {config.timeout:g} seconds.") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise LlmError(f"Could not reach the rewrite service: {reason}.") from None
    try:
        answer = json.loads(raw.decode("utf-8"))
        content = answer["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise LlmError("The rewrite service sent an answer in an unexpected format.") from None
    if not isinstance(content, str) or not content.strip():
        raise LlmError("The rewrite service sent an empty answer.")
    return content.strip()
