"""progress report shares: a therapist's request to share a client's report, the
client's answer, and the copy frozen at their yes (issue 7, point 6)

Revision ID: 0845040c2b48
Revises: f655d3bfc9f6
Create Date: 2026-11-22 03:48:52.351282
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0845040c2b48"
down_revision: str | None = "f655d3bfc9f6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_share",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("org_id", sa.String(length=24), nullable=False),
        sa.Column("client_id", sa.String(length=24), nullable=False),
        sa.Column("requested_by", sa.String(length=24), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("sections", sa.String(length=80), nullable=False),
        sa.Column("recipient_id", sa.String(length=24), nullable=True),
        sa.Column("recipient_name", sa.Text(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["membership.id"], name=op.f("fk_report_share_client_id_membership")
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisation.id"], name=op.f("fk_report_share_org_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["membership.id"],
            name=op.f("fk_report_share_recipient_id_membership"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"],
            ["membership.id"],
            name=op.f("fk_report_share_requested_by_membership"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_share")),
    )
    with op.batch_alter_table("report_share", schema=None) as batch_op:
        batch_op.create_index(
            "ix_report_share_client_requested", ["client_id", "requested_at"], unique=False
        )
        batch_op.create_index(
            "ix_report_share_recipient_status", ["recipient_id", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("report_share", schema=None) as batch_op:
        batch_op.drop_index("ix_report_share_recipient_status")
        batch_op.drop_index("ix_report_share_client_requested")

    op.drop_table("report_share")
