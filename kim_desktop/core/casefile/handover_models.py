"""The tables of handing cases over and of cover (DESIGN.md §11; core/sync/handover.py,
cover.py, cover_merge.py; migrations 0016 and 0018). Part of the schema of ``models.py``,
which imports them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kim_desktop.core.casefile.model_base import Base, Id


class ReceivedHandover(Base):
    """A handover this file imported (core/sync/handover.py, migration 0016): the same file
    imported again is a no-op; other bytes under its id are refused as a replay."""

    __tablename__ = "received_handovers"
    handover_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sender_key_id: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[str] = mapped_column(String(32))


class CoverSent(Base):
    """A cover this file sent (core/sync/cover.py, migration 0018): to whom, until when, and
    when its return was merged (then a second return is refused)."""

    __tablename__ = "covers_sent"
    handover_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    to_key_id: Mapped[str] = mapped_column(String(32))
    to_name: Mapped[str] = mapped_column(Text)
    until: Mapped[dt.date] = mapped_column(Date)
    sent_on: Mapped[dt.date] = mapped_column(Date)
    merged_at: Mapped[str | None] = mapped_column(String(32))


class CoverBase(Base):
    """The merge base of a cover: a SHA-256 of each record as it was sent, by kind and id
    (never the content)."""

    __tablename__ = "cover_bases"
    handover_id: Mapped[str] = mapped_column(
        ForeignKey("covers_sent.handover_id", ondelete="CASCADE"), primary_key=True
    )
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))


class MergeConflict(Base):
    """A record changed on both sides during a cover: the owner's stays in place, the
    substitute's version (its interchange record as JSON; NULL: they deleted it) waits here
    until the owner decides (core/sync/cover_merge.py)."""

    __tablename__ = "merge_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    handover_id: Mapped[str] = mapped_column(String(36))
    case_id: Mapped[str | None] = mapped_column(Id, index=True)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(Id)
    theirs: Mapped[str | None] = mapped_column(Text)
    found_on: Mapped[dt.date] = mapped_column(Date)
