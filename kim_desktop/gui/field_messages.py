"""Core's rules as sentences a case manager reads beside the field.

Core names a broken rule in English developer terms (``InvalidInput(field, rule)``, e.g.
"family_name: is required and must not be blank"), the same for the CLI and the window. The
window shows each beside its field, in the window's language: this module turns a rule into
that sentence. A rule without a sentence here falls back to a general one, never to the
English developer text (``tests/test_field_messages.py`` checks every rule core raises)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QLocale

from kim_desktop.core.casework import restriction
from kim_desktop.core.errors import InvalidInput, UnknownRecord


class FieldProblem(InvalidInput):
    """A problem the window itself found in a field, already in the window's language."""


def required() -> str:
    return QCoreApplication.translate("FieldMessages", "Please fill in this field.")


def choose() -> str:
    return QCoreApplication.translate("FieldMessages", "Please choose an entry of the list.")


def _sentences() -> dict[str, str]:
    return {
        "is required": QCoreApplication.translate("FieldMessages", "Please fill in this field."),
        "is required and must not be blank": QCoreApplication.translate(
            "FieldMessages", "Please fill in this field."
        ),
        "lies in the future": QCoreApplication.translate(
            "FieldMessages", "The date lies in the future."
        ),
        "lies more than two years ahead": QCoreApplication.translate(
            "FieldMessages", "The date lies more than two years ahead: please check the year."
        ),
        "must be an e-mail address (name@domain)": QCoreApplication.translate(
            "FieldMessages", "Please type an e-mail address such as name@example.org."
        ),
        "must be a date": QCoreApplication.translate(
            "FieldMessages", "Please type a date such as 15.03.1988."
        ),
        "must be a time of day in whole minutes": QCoreApplication.translate(
            "FieldMessages", "Please type a time such as 9:30."
        ),
        "must be a whole number": QCoreApplication.translate(
            "FieldMessages", "Please type a whole number."
        ),
        "names a language twice": QCoreApplication.translate(
            "FieldMessages", "A language is named twice."
        ),
        "names a theme twice": QCoreApplication.translate(
            "FieldMessages", "A theme is ticked twice."
        ),
        "names a client twice": QCoreApplication.translate(
            "FieldMessages", "A person is named twice."
        ),
        "at least one theme is required": QCoreApplication.translate(
            "FieldMessages", "Please tick at least one theme."
        ),
        "at least one life area must be rated": QCoreApplication.translate(
            "FieldMessages", "Please rate at least one life area."
        ),
        "only when an interpreter took part": QCoreApplication.translate(
            "FieldMessages", "A language only when an interpreter took part."
        ),
        "the case is closed; reopen it first": QCoreApplication.translate(
            "FieldMessages", "The case is closed; reopen it first."
        ),
        "the case is not closed": QCoreApplication.translate(
            "FieldMessages", "The case is not closed."
        ),
        "the consent is already withdrawn": QCoreApplication.translate(
            "FieldMessages", "This consent is already withdrawn."
        ),
        "client is already a member of the case": QCoreApplication.translate(
            "FieldMessages", "This person already belongs to the case."
        ),
        "client is not a member of the case": QCoreApplication.translate(
            "FieldMessages", "This person does not belong to the case."
        ),
        "a case keeps at least one member": QCoreApplication.translate(
            "FieldMessages", "A case keeps at least one person."
        ),
        "client has assessments in this case": QCoreApplication.translate(
            "FieldMessages", "This person has assessments in this case and stays a member."
        ),
        "client is a member of a case": QCoreApplication.translate(
            "FieldMessages", "This person belongs to a case and cannot be deleted."
        ),
        "client is named by an assessment": QCoreApplication.translate(
            "FieldMessages", "This person is named by an assessment and cannot be deleted."
        ),
        "required unless the status is 'open'": QCoreApplication.translate(
            "FieldMessages", "Please give the date the goal was closed."
        ),
        "an open goal has no closing date": QCoreApplication.translate(
            "FieldMessages", "An open goal has no closing date."
        ),
        "required for a reported gap": QCoreApplication.translate(
            "FieldMessages", "Please give the report date."
        ),
        "a draft has no report date": QCoreApplication.translate(
            "FieldMessages", "A draft has no report date."
        ),
        "must be one of the file's municipalities": QCoreApplication.translate(
            "FieldMessages", "Please choose a municipality of the list."
        ),
        "the file already has this municipality": QCoreApplication.translate(
            "FieldMessages", "This municipality is already in the list."
        ),
        "a withdrawn consent is kept as proof and cannot be removed": (
            QCoreApplication.translate(
                "FieldMessages", "A withdrawn consent is kept as proof and cannot be removed."
            )
        ),
        "a withdrawal is recorded as such, not corrected": QCoreApplication.translate(
            "FieldMessages", "A withdrawal is recorded as such and cannot be undone here."
        ),
        "lies after the date the goal was closed": QCoreApplication.translate(
            "FieldMessages", "The date lies after the date the goal was closed."
        ),
        "a withdrawn consent keeps what was consented to; only its dates change": (
            QCoreApplication.translate(
                "FieldMessages",
                "A withdrawn consent keeps what was consented to; only its dates can be corrected.",
            )
        ),
        "is required: choose the life area of the goal": QCoreApplication.translate(
            "FieldMessages", "Please choose the life area of the goal."
        ),
        "must be an open phase": QCoreApplication.translate(
            "FieldMessages", "Please choose an open phase."
        ),
        "must be an ISO 639-1 code (or ISO 639-3 for a language without one)": (
            QCoreApplication.translate(
                "FieldMessages", "Please choose a language or type its ISO 639 code, e.g. ar."
            )
        ),
        "required: another member who becomes the primary member": QCoreApplication.translate(
            "FieldMessages", "Please choose who becomes the primary person of the case."
        ),
        "must be an ISO 3166-1 alpha-2 code, 'XK', 'stateless', 'unresolved' or 'unknown'": (
            QCoreApplication.translate("FieldMessages", "Please choose a nationality of the list.")
        ),
        "required for counselling appointments": QCoreApplication.translate(
            "FieldMessages", "A counselling appointment belongs to a case."
        ),
        restriction.CLIENT_RESTRICTED: QCoreApplication.translate(
            "FieldMessages",
            "Processing of this person is restricted (Art. 18 GDPR): their data cannot be "
            "changed until the restriction is lifted.",
        ),
        restriction.CASE_RESTRICTED: QCoreApplication.translate(
            "FieldMessages",
            "Processing of every person of this case is restricted (Art. 18 GDPR): the case "
            "cannot be changed.",
        ),
        restriction.CASE_HANDED_OVER: QCoreApplication.translate(
            "FieldMessages",
            "The case was handed over to a colleague: it cannot be changed here.",
        ),
        restriction.COVER_RETURNED: QCoreApplication.translate(
            "FieldMessages",
            "The cover copy was given back to the colleague: it cannot be changed here.",
        ),
        restriction.ONLY_OWN_COPY: QCoreApplication.translate(
            "FieldMessages",
            "Processing of this person is restricted (Art. 18 GDPR): no document about them "
            "is printed except their own copy (Art. 15).",
        ),
        restriction.ALREADY_RESTRICTED: QCoreApplication.translate(
            "FieldMessages", "Processing of this person is already restricted."
        ),
        restriction.NOT_RESTRICTED: QCoreApplication.translate(
            "FieldMessages", "Processing of this person is not restricted."
        ),
        "must be a code of the restriction reasons": QCoreApplication.translate(
            "FieldMessages", "Please choose a reason of the list."
        ),
    }


_LIES_BEFORE = re.compile(r"lies before (?P<what>.+)")
_COVER_ENDED = re.compile(r"the cover ended on (?P<until>\d{4}-\d{2}-\d{2}); the copy is read-only")
_AT_MOST = re.compile(r"must be at most (?P<n>[\d,]+) characters")
_BETWEEN = re.compile(r"must be between (?P<low>-?\d+) and (?P<high>-?\d+)")


def sentence(error: InvalidInput) -> str:
    """What the field's message says for this broken rule."""
    if isinstance(error, FieldProblem):
        return error.rule
    if isinstance(error, UnknownRecord):
        return QCoreApplication.translate(
            "FieldMessages", "This entry no longer exists; please reload the view."
        )
    known = _sentences().get(error.rule)
    if known is not None:
        return known
    if found := _LIES_BEFORE.fullmatch(error.rule):
        what = {
            "the birth date": QCoreApplication.translate("FieldMessages", "the birth date"),
            "start": QCoreApplication.translate("FieldMessages", "the start"),
            "the case's last phase change": QCoreApplication.translate(
                "FieldMessages", "the case's last phase change"
            ),
            "the last phase change": QCoreApplication.translate(
                "FieldMessages", "the case's last phase change"
            ),
            "the case was opened": QCoreApplication.translate(
                "FieldMessages", "the opening of the case"
            ),
            "the case was closed": QCoreApplication.translate(
                "FieldMessages", "the closing of the case"
            ),
            "the consent was given": QCoreApplication.translate(
                "FieldMessages", "the date the consent was given"
            ),
            "agreed_on": QCoreApplication.translate("FieldMessages", "the date of the agreement"),
        }.get(found["what"])
        if what is None:
            return QCoreApplication.translate("FieldMessages", "The date lies too early.")
        return QCoreApplication.translate("FieldMessages", "The date lies before {what}.").format(
            what=what
        )
    if found := _COVER_ENDED.fullmatch(error.rule):
        until = dt.date.fromisoformat(found["until"])
        return QCoreApplication.translate(
            "FieldMessages", "The cover ended on {date}: the copy cannot be changed any more."
        ).format(date=until.strftime("%d.%m.%Y"))
    if found := _AT_MOST.fullmatch(error.rule):
        limit = int(found["n"].replace(",", ""))
        return QCoreApplication.translate(
            "FieldMessages", "At most {n} characters, please."
        ).format(n=QLocale().toString(limit))
    if found := _BETWEEN.fullmatch(error.rule):
        return QCoreApplication.translate(
            "FieldMessages", "Please type a number from {low} to {high}."
        ).format(low=found["low"], high=found["high"])
    if error.rule.startswith("must be a code of the catalogue"):
        return QCoreApplication.translate("FieldMessages", "Please choose an entry of the list.")
    return QCoreApplication.translate("FieldMessages", "This entry is not accepted here.")
