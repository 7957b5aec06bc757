"""records for the file: versions, signatures, filed PDFs; district letterhead and templates

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-22 21:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('district') as batch:
        batch.add_column(sa.Column('letterhead_lines', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('logo_png', sa.LargeBinary(), nullable=True))
    op.create_table(
        'record',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('subject', sa.String(80), nullable=False, unique=True),
        sa.Column('kind', sa.String(40), nullable=False),
        sa.Column('partnership_id', sa.Integer(),
                  sa.ForeignKey('partnership.id', ondelete='CASCADE'), nullable=False),
        sa.Column('visit_id', sa.Integer(), sa.ForeignKey('visit.id', ondelete='CASCADE'),
                  nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_record_partnership_id', 'record', ['partnership_id'])
    op.create_table(
        'record_version',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('record_id', sa.Integer(), sa.ForeignKey('record.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(20), nullable=False, unique=True),
        sa.Column('status', sa.String(20), nullable=False),
        sa.Column('content', sa.JSON(), nullable=False),
        sa.Column('fingerprint', sa.String(64), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('filed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('signed_on', sa.String(10), nullable=False),
        sa.Column('filed_by_id', sa.Integer(), sa.ForeignKey('user.id'), nullable=True),
        sa.Column('pdf', sa.LargeBinary(), nullable=True),
        sa.Column('sha256', sa.String(64), nullable=True),
        sa.Column('scan', sa.LargeBinary(), nullable=True),
        sa.Column('scan_type', sa.String(40), nullable=False),
        sa.Column('reopened_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reopened_by_id', sa.Integer(), sa.ForeignKey('user.id'), nullable=True),
        sa.Column('reopen_reason', sa.Text(), nullable=False),
        sa.UniqueConstraint('record_id', 'number'),
    )
    op.create_index('ix_record_version_record_id', 'record_version', ['record_id'])
    op.create_index('ix_record_version_sha256', 'record_version', ['sha256'])
    op.create_table(
        'record_signature',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('version_id', sa.Integer(),
                  sa.ForeignKey('record_version.id', ondelete='CASCADE'), nullable=False),
        sa.Column('slot', sa.String(60), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id'), nullable=False),
        sa.Column('role', sa.String(200), nullable=False),
        sa.Column('typed_name', sa.String(200), nullable=False),
        sa.Column('statement', sa.Text(), nullable=False),
        sa.Column('drawn', sa.Text(), nullable=False),
        sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ip', sa.String(64), nullable=False),
        sa.Column('user_agent', sa.String(300), nullable=False),
        sa.UniqueConstraint('version_id', 'slot'),
    )
    op.create_index('ix_record_signature_version_id', 'record_signature', ['version_id'])
    op.create_table(
        'district_template',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('district_id', sa.Integer(),
                  sa.ForeignKey('district.id', ondelete='CASCADE'), nullable=False),
        sa.Column('document', sa.String(40), nullable=False),
        sa.Column('file_name', sa.String(200), nullable=False),
        sa.Column('docx', sa.LargeBinary(), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), sa.ForeignKey('user.id'), nullable=False),
        sa.UniqueConstraint('district_id', 'document'),
    )
    op.create_index('ix_district_template_district_id', 'district_template', ['district_id'])


def downgrade():
    op.drop_table('district_template')
    op.drop_table('record_signature')
    op.drop_table('record_version')
    op.drop_table('record')
    with op.batch_alter_table('district') as batch:
        batch.drop_column('logo_png')
        batch.drop_column('letterhead_lines')
