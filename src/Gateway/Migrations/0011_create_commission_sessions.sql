-- The commission as a collegial body: its composition, its sessions with their agendas, who attended, each heard
-- case's resolution with the vote, and the measures decided. A measure given to an agency is also a referral
-- (gateway.case_referrals, the same id) and is followed up like one; a measure given to a member is followed here.
CREATE TABLE gateway.commission_members (
    member_id  uuid        PRIMARY KEY,
    commission text        NOT NULL CHECK (commission ~ '^[0-9]{9}$'),
    full_name  text        NOT NULL,
    position   text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('chair', 'deputy_chair', 'secretary', 'member')),
    -- The member's staff account, when the member signs in to the platform.
    user_name  text,
    active     boolean     NOT NULL,
    added_at   timestamptz NOT NULL,
    added_by   text        NOT NULL
);
CREATE INDEX commission_members_active ON gateway.commission_members (commission) WHERE active;
-- A commission has one chair at a time.
CREATE UNIQUE INDEX commission_members_one_chair ON gateway.commission_members (commission) WHERE active AND role = 'chair';

CREATE TABLE gateway.session_numbers (
    commission  text    NOT NULL CHECK (commission ~ '^[0-9]{9}$'),
    year        integer NOT NULL,
    last_number integer NOT NULL,
    PRIMARY KEY (commission, year)
);

CREATE TABLE gateway.commission_sessions (
    session_id uuid        PRIMARY KEY,
    commission text        NOT NULL CHECK (commission ~ '^[0-9]{9}$'),
    year       integer     NOT NULL,
    number     integer     NOT NULL,
    meets_at   timestamptz NOT NULL,
    place      text        NOT NULL,
    -- planned: the agenda, attendance and decisions are being recorded; held: the protocol is signed and final.
    status     text        NOT NULL CHECK (status IN ('planned', 'held')),
    planned_at timestamptz NOT NULL,
    planned_by text        NOT NULL,
    held_at    timestamptz,
    held_by    text,
    -- How many members the commission had when the protocol was signed: the quorum it was held with.
    composition integer,
    version    integer     NOT NULL,
    UNIQUE (commission, year, number)
);
CREATE INDEX commission_sessions_by_commission ON gateway.commission_sessions (commission, meets_at);

-- The cases a session hears, in order, each with its resolution once the commission has voted.
CREATE TABLE gateway.session_agenda (
    session_id      uuid        NOT NULL REFERENCES gateway.commission_sessions (session_id),
    case_id         uuid        NOT NULL REFERENCES gateway.cases (case_id),
    position        integer     NOT NULL,
    resolution      text,
    votes_for       integer     CHECK (votes_for >= 0),
    votes_against   integer     CHECK (votes_against >= 0),
    votes_abstained integer     CHECK (votes_abstained >= 0),
    adopted         boolean,
    decided_at      timestamptz,
    decided_by      text,
    PRIMARY KEY (session_id, case_id)
);
CREATE INDEX session_agenda_by_case ON gateway.session_agenda (case_id);

CREATE TABLE gateway.session_attendance (
    session_id uuid NOT NULL REFERENCES gateway.commission_sessions (session_id),
    member_id  uuid NOT NULL REFERENCES gateway.commission_members (member_id),
    PRIMARY KEY (session_id, member_id)
);

CREATE TABLE gateway.decision_measures (
    measure_id  uuid        PRIMARY KEY,
    session_id  uuid        NOT NULL,
    case_id     uuid        NOT NULL,
    -- An agency executes it as a referral (case_referrals.referral_id = measure_id), or a member of the commission.
    agency      text,
    member_id   uuid        REFERENCES gateway.commission_members (member_id),
    task        text        NOT NULL,
    due_on      date        NOT NULL,
    decided_at  timestamptz NOT NULL,
    done_at     timestamptz,
    done_by     text,
    done_note   text,
    CHECK ((agency IS NULL) <> (member_id IS NULL)),
    FOREIGN KEY (session_id, case_id) REFERENCES gateway.session_agenda (session_id, case_id)
);
CREATE INDEX decision_measures_by_case ON gateway.decision_measures (case_id);
CREATE INDEX decision_measures_open_by_member ON gateway.decision_measures (member_id, due_on) WHERE member_id IS NOT NULL AND done_at IS NULL;
