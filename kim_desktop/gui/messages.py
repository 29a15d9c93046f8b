"""User-facing texts for errors. Core messages are English and never contain personal data;
the window shows a translated sentence and, where it helps, core's precise detail."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from kim_desktop.core.errors import (
    InvalidInput,
    KimError,
    PassphraseTooShortError,
    RejectedInputError,
    UsageError,
    ValidationFailed,
    WrongPassphraseError,
    from_os_error,
)
from kim_desktop.gui.operations import Cancelled

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() here


def describe_error(error: BaseException) -> str:
    if isinstance(error, Cancelled):
        return tr("Cancelled. Nothing was changed.")
    if isinstance(error, WrongPassphraseError):
        return tr("Wrong passphrase, or the file is damaged. The file was not changed.")
    if isinstance(error, ValidationFailed):
        return (
            tr("The data was rejected; nothing was written.")
            + "\n\n"
            + "\n".join(error.problems[:20])
        )
    if isinstance(error, InvalidInput):
        from kim_desktop.gui import field_messages  # the engine's vocabulary: loaded by now

        return field_messages.sentence(error)
    if isinstance(error, PassphraseTooShortError):
        return tr(
            "The passphrase is too short: it needs at least {minimum} characters (it has "
            "{length}). A sentence of several words is easy to remember."
        ).format(minimum=error.minimum, length=error.length)
    if isinstance(error, RejectedInputError):
        return tr("The input was rejected; nothing was written.") + "\n\n" + error.message
    if isinstance(error, UsageError | KimError):
        return error.message
    if isinstance(error, OSError):  # writing a chosen file: a full disk, no permission, …
        return from_os_error(error).message
    # Class name only: the message of an unexpected exception could contain data.
    log.error("unexpected error in the window: %s", type(error).__name__)
    return tr("An unexpected error occurred ({name}). Your data was not changed by it.").format(
        name=type(error).__name__
    )
