"""indicator-level observation scores, a teacher's planning period, pairs not to match,
a principal's review of suggested matches and the note sent with a suggested match

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-22 22:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user') as batch:
        batch.add_column(sa.Column('planning_period', sa.String(120), nullable=False,
                                   server_default=''))
    with op.batch_alter_table('partnership') as batch:
        batch.add_column(sa.Column('suggestion_note', sa.Text(), nullable=False,
                                   server_default=''))
    op.create_table(
        'indicator_score',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('district_id', sa.Integer(), sa.ForeignKey('district.id'), nullable=False),
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('teacher_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('indicator', sa.String(120), nullable=False),
        sa.Column('score', sa.Numeric(3, 1), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('imported_by_id', sa.Integer(),
                  sa.ForeignKey('user.id', ondelete='SET NULL'), nullable=True),
        sa.UniqueConstraint('teacher_id', 'school_year', 'indicator'),
    )
    op.create_index('ix_indicator_score_district_id', 'indicator_score', ['district_id'])
    op.create_index('ix_indicator_score_school_year', 'indicator_score', ['school_year'])
    op.create_index('ix_indicator_score_teacher_id', 'indicator_score', ['teacher_id'])
    op.create_table(
        'match_exclusion',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('school_id', sa.Integer(), sa.ForeignKey('school.id'), nullable=False),
        sa.Column('first_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('second_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('set_by_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='SET NULL'),
                  nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint('first_id', 'second_id'),
    )
    op.create_index('ix_match_exclusion_school_id', 'match_exclusion', ['school_id'])
    op.create_table(
        'match_run',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('school_id', sa.Integer(), sa.ForeignKey('school.id'), nullable=False),
        sa.Column('program_id', sa.Integer(), sa.ForeignKey('program.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(),
                  sa.ForeignKey('user.id', ondelete='SET NULL'), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('pairs', sa.JSON(), nullable=False),
        sa.Column('unmatched', sa.JSON(), nullable=False),
        sa.Column('locked', sa.JSON(), nullable=False),
        sa.Column('excluded', sa.JSON(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('finalized_at', sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index('ix_match_run_school_id', 'match_run', ['school_id'])


def downgrade():
    op.drop_table('match_run')
    op.drop_table('match_exclusion')
    op.drop_table('indicator_score')
    with op.batch_alter_table('partnership') as batch:
        batch.drop_column('suggestion_note')
    with op.batch_alter_table('user') as batch:
        batch.drop_column('planning_period')
