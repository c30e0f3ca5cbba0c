"""Settings: every environment variable is documented; server mode is strict and deploy-clean."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env_vars() -> set[str]:
    source = (ROOT / "amicable" / "settings.py").read_text()
    return set(re.findall(r'env(?:_bool)?\("([A-Z_]+)"', source))


def test_it_documents_every_setting():
    documented = (ROOT / "docs" / "settings.md").read_text()
    names = _env_vars()
    assert len(names) > 20
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert not missing, f"Undocumented settings (add them to docs/settings.md): {missing}"


def _run_server_mode(tmp_path: Path, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AMICABLE_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({"AMICABLE_HOME": str(tmp_path), "AMICABLE_MODE": "server", "DJANGO_SETTINGS_MODULE": "amicable.settings",
                **extra})
    return subprocess.run([sys.executable, "-m", "django", *args], env=env, capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_it_requires_a_secret_key_in_server_mode(tmp_path):
    result = _run_server_mode(tmp_path, {"AMICABLE_ALLOWED_HOSTS": "example.com"}, "check")
    assert result.returncode != 0
    assert "AMICABLE_SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_it_passes_check_deploy_in_server_mode(tmp_path):
    extra = {"AMICABLE_SECRET_KEY": "x" * 20 + "a-long-random-secret-key-for-the-deploy-check-0123456789",
             "AMICABLE_ALLOWED_HOSTS": "disputes.example.com"}
    result = _run_server_mode(tmp_path, extra, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_generates_and_keeps_a_local_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMICABLE_")}
    env.update({"AMICABLE_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "amicable.settings"})
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    assert first.stdout == second.stdout and len(first.stdout.strip()) > 50
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
