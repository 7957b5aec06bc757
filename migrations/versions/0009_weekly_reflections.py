"""members' weekly written reflections (seed 001)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 18:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'weekly_reflection',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('partnership_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('week_of', sa.Date(), nullable=False),
        sa.Column('principle', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('shared', sa.Boolean(), nullable=False),
        sa.Column('written_on', sa.Date(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('edit_token', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'],
                                name=op.f('fk_weekly_reflection_partnership_id_partnership'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_weekly_reflection_user_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_weekly_reflection')),
        sa.UniqueConstraint('partnership_id', 'user_id', 'week_of',
                            name=op.f('uq_weekly_reflection_partnership_id')),
    )
    op.create_index(op.f('ix_weekly_reflection_partnership_id'), 'weekly_reflection',
                    ['partnership_id'], unique=False)
    op.create_index(op.f('ix_weekly_reflection_user_id'), 'weekly_reflection', ['user_id'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_weekly_reflection_user_id'), table_name='weekly_reflection')
    op.drop_index(op.f('ix_weekly_reflection_partnership_id'), table_name='weekly_reflection')
    op.drop_table('weekly_reflection')
