-- The referrals of the cases' plans: a task for an agency with its due day, and the agency's answers as they came
-- back on the bus. referral_id is the id the agency's inbox keeps; a form posted twice carries the same id.
CREATE TABLE gateway.case_referrals (
    referral_id     uuid        PRIMARY KEY,
    case_id         uuid        NOT NULL REFERENCES gateway.cases (case_id),
    agency          text        NOT NULL CHECK (agency IN ('education', 'health', 'social')),
    task            text        NOT NULL,
    due_on          date        NOT NULL,
    issued_at       timestamptz NOT NULL,
    issued_by       text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('issued', 'acknowledged', 'completed')),
    acknowledged_at timestamptz,
    acknowledged_by text,
    completed_at    timestamptz,
    outcome         text
);
CREATE INDEX case_referrals_by_case ON gateway.case_referrals (case_id, issued_at);
