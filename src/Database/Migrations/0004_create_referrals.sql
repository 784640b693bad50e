-- The referrals inbox of an agency service: tasks a commission referred to this agency, and how the agency
-- answered them. The referral id comes from the commission, so a redelivered referral is stored once.
CREATE TABLE platform.referrals (
    referral_id     uuid        PRIMARY KEY,
    position        bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    case_id         text        NOT NULL,
    iin             char(12)    NOT NULL,
    kato            char(9)     NOT NULL,
    task            text        NOT NULL,
    due_at          timestamptz NOT NULL,
    issued_at       timestamptz NOT NULL,
    issued_by       text        NOT NULL,
    received_at     timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('received', 'acknowledged', 'completed')),
    acknowledged_by text,
    acknowledged_at timestamptz,
    outcome         text,
    completed_at    timestamptz
);

CREATE INDEX referrals_by_status ON platform.referrals (status, position);
CREATE INDEX referrals_by_iin ON platform.referrals (iin);
