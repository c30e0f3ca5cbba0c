"""Test settings: every run gets its own data directory; background tasks run immediately."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("AMICABLE_HOME", tempfile.mkdtemp(prefix="amicable-test-"))
os.environ.setdefault("AMICABLE_TASK_BACKEND", "immediate")
