"""Guards against toolkit releases that break the program on our Python.

PySide6 6.12.0 drops a reference to ``None`` on every call of a method returning nothing,
under Python 3.11 (where ``None`` is not yet immortal); the program then aborts with
"deallocating None" after a few thousand calls. pyproject.toml excludes that release; this
test fails if a broken one comes back."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_methods_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.show()
    assert sys.getrefcount(None) >= before - 50
