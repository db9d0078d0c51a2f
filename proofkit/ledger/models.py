"""SQLAlchemy 2.0 typed models of the current ledger schema (v9).

The tables themselves are created by the migrations in :mod:`proofkit.ledger.migrations`
(frozen DDL, so an old schema never changes when these classes evolve); these models
describe the current schema for the ORM, and a test checks both agree.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC (SQLite has no time zones), hands back aware UTC. Refuses naive
    input: a naive datetime is ambiguous and would silently shift a proof's time."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the ledger stores only timezone-aware datetimes")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class Work(Base):
    __tablename__ = "works"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text, unique=True)
    pen_name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Version(Base):
    __tablename__ = "versions"
    __table_args__ = (
        CheckConstraint("kind IN ('file', 'manifest')", name="ck_versions_kind"),
        Index("ix_versions_digest_hex", "digest_hex"),
        Index("ix_versions_work_id", "work_id"),
        Index("ix_versions_file_name", "file_name"),
        Index("ix_versions_created_at", "created_at"),
        Index("ix_versions_work_created_at", "work_id", "created_at"),
        Index("ix_versions_work_number", "work_id", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("works.id"))
    kind: Mapped[str] = mapped_column(String(16), default="file")
    file_name: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    hash_alg: Mapped[str] = mapped_column(String(32))
    digest_hex: Mapped[str] = mapped_column(String(256))
    manifest_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: 1, 2, ... within the work, in id order (schema v4; derived, not in the hash chain)
    number: Mapped[int | None] = mapped_column(Integer)


class ManifestEntry(Base):
    """One line of a folder manifest version (schema v2): derived from, and checked against,
    ``Version.manifest_text``; written in the same transaction as the version."""

    __tablename__ = "manifest_entries"
    __table_args__ = (
        Index("ix_manifest_entries_digest_hex", "digest_hex"),
        Index("ix_manifest_entries_version_id", "version_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    rel_path: Mapped[str] = mapped_column(Text)
    digest_hex: Mapped[str] = mapped_column(String(256))


class Receipt(Base):
    __tablename__ = "receipts"
    __table_args__ = (
        CheckConstraint("status IN ('verified', 'failed', 'pending')", name="ck_receipts_status"),
        CheckConstraint(
            "status != 'verified' OR (response IS NOT NULL AND gen_time IS NOT NULL)",
            name="ck_receipts_verified_has_token",
        ),
        Index("ix_receipts_version_id", "version_id"),
        Index("ix_receipts_status", "status"),
        Index("ix_receipts_gen_time", "gen_time"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    tsa_name: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    # RFC 3161 nonces are up to 64-bit unsigned; SQLite INTEGER is signed 64-bit, so decimal text.
    nonce: Mapped[str | None] = mapped_column(Text)
    # The time-stamp response exactly as received from the TSA; NULL while pending.
    response: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    gen_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    serial: Mapped[str | None] = mapped_column(Text)
    policy: Mapped[str | None] = mapped_column(Text)
    hash_alg: Mapped[str] = mapped_column(String(32))
    anchor: Mapped[str | None] = mapped_column(Text)
    checks_json: Mapped[str] = mapped_column(Text, default="[]")
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # v4: 1 when ``response`` holds the token packed (packing.py), 0 when as received.
    response_packed: Mapped[int] = mapped_column(Integer, default=0)


class Certificate(Base):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(Text)
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_entity", "entity", "entity_id"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Dictionary(Base):
    """A preset DEFLATE dictionary of packed values (schema v4, see packing.py); immutable."""

    __tablename__ = "dictionaries"
    __table_args__ = (Index("ix_dictionaries_family", "family", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Meta(Base):
    """Small key/value facts outside the hash chain (last backup time...)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RevocationBlob(Base):
    """An OCSP response or CRL exactly as received, addressed by its SHA-256 (schema v3)."""

    __tablename__ = "revocation_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)


class RevocationEvidence(Base):
    """Which receipt got which revocation evidence, from where, when (schema v3)."""

    __tablename__ = "revocation_evidence"
    __table_args__ = (
        CheckConstraint("kind IN ('ocsp', 'crl')", name="ck_revocation_evidence_kind"),
        Index("ix_revocation_evidence_receipt_id", "receipt_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"))
    kind: Mapped[str] = mapped_column(String(8))
    url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sha256: Mapped[str] = mapped_column(ForeignKey("revocation_blobs.sha256"))


class RenewalBatch(Base):
    """One TSA's answer in an RFC 4998 renewal and what its hash tree covers (schema v9,
    see proofkit.ledger.evidence); never changes once written."""

    __tablename__ = "renewal_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    tsa_name: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    alg: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    gen_time: Mapped[datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the TSA's answer exactly as received
    response: Mapped[bytes] = mapped_column(LargeBinary)
    items: Mapped[str] = mapped_column(Text)
    leaves: Mapped[bytes] = mapped_column(LargeBinary)
    renews: Mapped[str] = mapped_column(Text, default="[]")
