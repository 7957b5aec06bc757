"""mail sent by jobs (outgoing_mail), reminders (digests, items sent, opt-outs), long
jobs with progress, the worker's heartbeat; a district's time zone and reminder pause;
a user's calendar feed; a partnership's standing meeting

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-23 00:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def _when(name, nullable=True):
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade():
    with op.batch_alter_table('district') as batch:
        batch.add_column(sa.Column('time_zone', sa.String(64), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('reminders_paused', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table('user') as batch:
        batch.add_column(sa.Column('calendar_nonce', sa.String(32), nullable=False,
                                   server_default=''))
    with op.batch_alter_table('partnership') as batch:
        batch.add_column(sa.Column('meeting_weekday', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('meeting_time', sa.Time(), nullable=True))

    op.create_table(
        'outgoing_mail',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('district_id', sa.Integer(), sa.ForeignKey('district.id'), nullable=True),
        sa.Column('to_address', sa.String(254), nullable=False),
        sa.Column('subject', sa.String(500), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('message_id', sa.String(200), nullable=False),
        sa.Column('headers', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=False),
        _when('next_attempt_at', nullable=False),
        _when('claimed_at'),
        _when('created_at', nullable=False),
        _when('sent_at'),
        sa.Column('delivered_by', sa.String(20), nullable=False),
    )
    op.create_index('ix_outgoing_mail_district_id', 'outgoing_mail', ['district_id'])
    op.create_index('ix_outgoing_mail_status', 'outgoing_mail', ['status'])

    op.create_table(
        'reminder_digest',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('mail_id', sa.Integer(),
                  sa.ForeignKey('outgoing_mail.id', ondelete='SET NULL'), nullable=True),
        _when('created_at', nullable=False),
        sa.UniqueConstraint('user_id', 'day'),
    )
    op.create_index('ix_reminder_digest_user_id', 'reminder_digest', ['user_id'])
    op.create_table(
        'reminder_sent',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('kind', sa.String(40), nullable=False),
        sa.Column('item', sa.String(200), nullable=False),
        sa.Column('digest_id', sa.Integer(),
                  sa.ForeignKey('reminder_digest.id', ondelete='CASCADE'), nullable=False),
        sa.UniqueConstraint('user_id', 'item'),
    )
    op.create_index('ix_reminder_sent_user_id', 'reminder_sent', ['user_id'])
    op.create_index('ix_reminder_sent_digest_id', 'reminder_sent', ['digest_id'])
    op.create_table(
        'reminder_opt_out',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('kind', sa.String(40), nullable=False),
        _when('created_at', nullable=False),
        sa.UniqueConstraint('user_id', 'kind'),
    )
    op.create_index('ix_reminder_opt_out_user_id', 'reminder_opt_out', ['user_id'])

    op.create_table(
        'job',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kind', sa.String(40), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('district_id', sa.Integer(), sa.ForeignKey('district.id'), nullable=False),
        sa.Column('subject', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(20), nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('result_file', sa.String(200), nullable=False),
        sa.Column('result_name', sa.String(200), nullable=False),
        sa.Column('result', sa.JSON(), nullable=False),
        _when('created_at', nullable=False),
        _when('finished_at'),
    )
    op.create_index('ix_job_user_id', 'job', ['user_id'])
    op.create_index('ix_job_district_id', 'job', ['district_id'])
    op.create_table(
        'worker_beat',
        sa.Column('name', sa.String(200), primary_key=True),
        _when('seen_at', nullable=False),
    )


def downgrade():
    op.drop_table('worker_beat')
    op.drop_table('job')
    op.drop_table('reminder_opt_out')
    op.drop_table('reminder_sent')
    op.drop_table('reminder_digest')
    op.drop_table('outgoing_mail')
    with op.batch_alter_table('partnership') as batch:
        batch.drop_column('meeting_time')
        batch.drop_column('meeting_weekday')
    with op.batch_alter_table('user') as batch:
        batch.drop_column('calendar_nonce')
    with op.batch_alter_table('district') as batch:
        batch.drop_column('reminders_paused')
        batch.drop_column('time_zone')
