-- What the agencies recorded about a child while a commission had an open case about it, and new signals: each
-- stays unseen until someone of the commission marks it seen. Written in the projection's own transaction, so an
-- alert exists exactly when the profile changed. risk orders them: 1 violence and self-harm, 2 family at risk, 3 the rest.
CREATE TABLE gateway.case_alerts (
    alert_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       uuid        NOT NULL REFERENCES gateway.cases (case_id),
    what          text        NOT NULL CHECK (what IN ('record', 'correction', 'withdrawal', 'signal')),
    source_agency text,
    record_kind   text,
    signal_code   text,
    evidence      text[]      NOT NULL,
    risk          integer     NOT NULL CHECK (risk BETWEEN 1 AND 3),
    occurred_at   timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    seen_at       timestamptz,
    seen_by       text
);
CREATE INDEX case_alerts_unseen ON gateway.case_alerts (case_id, risk, created_at) WHERE seen_at IS NULL;
CREATE INDEX case_alerts_by_case ON gateway.case_alerts (case_id, created_at);
