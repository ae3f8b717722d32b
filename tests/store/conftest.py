"""The store tests are about generated/'s mechanics (layout, history, transactions, recovery), so the
emitters of generated code are off here by default; tests/store/test_artifacts.py and the emitters'
own tests cover what they write."""

from __future__ import annotations

import pytest

from specguard.compiler.emit import artifacts


@pytest.fixture(autouse=True)
def _no_code_emitters(monkeypatch):
    monkeypatch.setattr(artifacts, "EMITTERS", ())
