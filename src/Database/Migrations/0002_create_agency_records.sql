-- An agency service's records: every version kept (record_versions), and the current state of each record
-- (records). Each service has its own database, so these tables hold only that agency's records.
CREATE TABLE platform.records (
    source_record_id  text        PRIMARY KEY,
    kind              text        NOT NULL,
    iin               char(12)    NOT NULL,
    current_version   integer     NOT NULL,
    withdrawn_at      timestamptz,
    withdrawal_reason text
);

CREATE INDEX records_by_iin ON platform.records (iin);

CREATE TABLE platform.record_versions (
    source_record_id  text        NOT NULL REFERENCES platform.records (source_record_id),
    version           integer     NOT NULL,
    kind              text        NOT NULL,
    iin               char(12)    NOT NULL,
    kato              char(9)     NOT NULL,
    organization_id   text        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    recorded_at       timestamptz NOT NULL,
    payload           bytea       NOT NULL,
    payload_sha256    bytea       NOT NULL,
    change            text        NOT NULL CHECK (change IN ('submitted', 'corrected')),
    correction_reason text,
    event_id          uuid        NOT NULL,
    PRIMARY KEY (source_record_id, version)
);
