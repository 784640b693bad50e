-- The cases of the commissions on minors' affairs (КДНЗП). A commission is known by the КАТО code of its territory;
-- its cases are numbered per year without gaps (case_numbers hands the numbers out under a row lock).
CREATE TABLE gateway.case_numbers (
    commission  text    NOT NULL CHECK (commission ~ '^[0-9]{9}$'),
    year        integer NOT NULL,
    last_number integer NOT NULL,
    PRIMARY KEY (commission, year)
);

CREATE TABLE gateway.cases (
    case_id      uuid        PRIMARY KEY,
    commission   text        NOT NULL CHECK (commission ~ '^[0-9]{9}$'),
    year         integer     NOT NULL,
    number       integer     NOT NULL,
    iin          text        NOT NULL CHECK (iin ~ '^[0-9]{12}$'),
    status       text        NOT NULL,
    responsible  text,
    -- What the case was opened on: the signals with their evidence, or the reason given by hand.
    grounds      jsonb       NOT NULL,
    opened_at    timestamptz NOT NULL,
    opened_by    text        NOT NULL,
    -- Raised by every change, so a form posted on an older state is recognised and refused.
    version      integer     NOT NULL,
    updated_at   timestamptz NOT NULL,
    UNIQUE (commission, year, number)
);
-- A child has at most one open case in a commission.
CREATE UNIQUE INDEX cases_one_open_per_child ON gateway.cases (commission, iin) WHERE status <> 'closed';
CREATE INDEX cases_by_iin ON gateway.cases (iin);
CREATE INDEX cases_open_by_commission ON gateway.cases (commission, opened_at) WHERE status <> 'closed';

-- Everything that happened on a case, in order: opened, status changes with their reasons, notes, and later the
-- plan, referrals and alerts.
CREATE TABLE gateway.case_timeline (
    case_id  uuid        NOT NULL REFERENCES gateway.cases (case_id),
    position bigint      GENERATED ALWAYS AS IDENTITY,
    at       timestamptz NOT NULL,
    actor    text        NOT NULL,
    kind     text        NOT NULL,
    details  jsonb       NOT NULL,
    PRIMARY KEY (case_id, position)
);
