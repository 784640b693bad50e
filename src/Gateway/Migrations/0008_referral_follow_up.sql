-- The follow-up of each referral: where its clocks stood when last read, when they next change by themselves (the
-- deadline service looks only at the referrals whose moment has come), and what needs attention now.
ALTER TABLE gateway.case_referrals
    ADD COLUMN kato             text        NOT NULL DEFAULT '',
    ADD COLUMN clocks           jsonb       NOT NULL DEFAULT '[]',
    ADD COLUMN next_change_at   timestamptz,
    ADD COLUMN attention        text        NOT NULL DEFAULT 'none' CHECK (attention IN ('none', 'warned', 'overdue')),
    ADD COLUMN escalation_level integer     NOT NULL DEFAULT 0;
CREATE INDEX case_referrals_follow_up_due ON gateway.case_referrals (next_change_at) WHERE next_change_at IS NOT NULL;
