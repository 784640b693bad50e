-- The integrated child profile, built from the agencies' events.
CREATE TABLE gateway.children (
    iin        char(12)    PRIMARY KEY,
    birth_date date        NOT NULL,
    sex        text        NOT NULL,
    updated_at timestamptz NOT NULL
);

-- The current version of every agency record about a child; a withdrawn record stays as a tombstone so that an
-- older version delivered late cannot bring it back.
CREATE TABLE gateway.child_records (
    source_agency text        NOT NULL,
    record_id     text        NOT NULL,
    iin           char(12)    NOT NULL REFERENCES gateway.children (iin),
    kind          text        NOT NULL,
    version       integer     NOT NULL,
    region        char(9)     NOT NULL,
    occurred_at   timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL,
    withdrawn     boolean     NOT NULL DEFAULT false,
    event         jsonb       NOT NULL,
    PRIMARY KEY (source_agency, record_id)
);
CREATE INDEX child_records_by_iin ON gateway.child_records (iin);

-- Names and territory as each agency last reported them: disagreements stay visible.
CREATE TABLE gateway.reported_identity (
    iin           char(12)    NOT NULL REFERENCES gateway.children (iin),
    source_agency text        NOT NULL,
    last_name     text,
    first_name    text,
    patronymic    text,
    region        char(9)     NOT NULL,
    reported_at   timestamptz NOT NULL,
    PRIMARY KEY (iin, source_agency)
);

-- Every event about a child, in the order received.
CREATE TABLE gateway.timeline (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iin           char(12)    NOT NULL,
    event_id      uuid        NOT NULL UNIQUE,
    source_agency text        NOT NULL,
    record_id     text        NOT NULL,
    kind          text        NOT NULL,
    version       integer     NOT NULL,
    occurred_at   timestamptz NOT NULL,
    received_at   timestamptz NOT NULL
);
CREATE INDEX timeline_by_iin ON gateway.timeline (iin, occurred_at);

-- Signals raised for a child, with their evidence; cleared_at is set when the rule no longer holds.
CREATE TABLE gateway.signals (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iin        char(12)    NOT NULL,
    code       text        NOT NULL,
    evidence   text[]      NOT NULL,
    raised_at  timestamptz NOT NULL,
    cleared_at timestamptz
);
CREATE UNIQUE INDEX signals_open ON gateway.signals (iin, code) WHERE cleared_at IS NULL;
CREATE INDEX signals_open_by_code ON gateway.signals (code) WHERE cleared_at IS NULL;

-- A position for every change of a profile, so watchers can resume from where they stopped.
CREATE TABLE gateway.profile_changes (
    position   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iin        char(12)    NOT NULL,
    changed_at timestamptz NOT NULL
);
