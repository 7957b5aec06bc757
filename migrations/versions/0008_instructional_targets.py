"""a school's Instructional Target with look-fors and comments; look-fors chosen by
partnerships and seen in cycle entries

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'instructional_target',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('school_id', sa.Integer(), nullable=False),
        sa.Column('program_id', sa.Integer(), nullable=False),
        sa.Column('vision', sa.Text(), nullable=False),
        sa.Column('focus_areas', sa.JSON(), nullable=False),
        sa.Column('retired', sa.JSON(), nullable=False),
        sa.Column('next_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['program_id'], ['program.id'],
                                name=op.f('fk_instructional_target_program_id_program'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['school_id'], ['school.id'],
                                name=op.f('fk_instructional_target_school_id_school')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'],
                                name=op.f('fk_instructional_target_updated_by_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_instructional_target')),
        sa.UniqueConstraint('school_id', 'program_id',
                            name=op.f('uq_instructional_target_school_id')),
    )
    op.create_index(op.f('ix_instructional_target_school_id'), 'instructional_target',
                    ['school_id'], unique=False)
    op.create_index(op.f('ix_instructional_target_program_id'), 'instructional_target',
                    ['program_id'], unique=False)
    op.create_table(
        'target_comment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['target_id'], ['instructional_target.id'],
                                name=op.f('fk_target_comment_target_id_instructional_target'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['user.id'],
                                name=op.f('fk_target_comment_author_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_target_comment')),
    )
    op.create_index(op.f('ix_target_comment_target_id'), 'target_comment', ['target_id'],
                    unique=False)
    # Existing partnerships and entries chose and saw no look-fors.
    with op.batch_alter_table('partnership', schema=None) as batch_op:
        batch_op.add_column(sa.Column('look_fors', sa.JSON(), nullable=False,
                                      server_default='[]'))
    with op.batch_alter_table('cycle_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('look_fors_seen', sa.JSON(), nullable=False,
                                      server_default='[]'))


def downgrade():
    with op.batch_alter_table('cycle_entry', schema=None) as batch_op:
        batch_op.drop_column('look_fors_seen')
    with op.batch_alter_table('partnership', schema=None) as batch_op:
        batch_op.drop_column('look_fors')
    op.drop_index(op.f('ix_target_comment_target_id'), table_name='target_comment')
    op.drop_table('target_comment')
    op.drop_index(op.f('ix_instructional_target_program_id'), table_name='instructional_target')
    op.drop_index(op.f('ix_instructional_target_school_id'), table_name='instructional_target')
    op.drop_table('instructional_target')
