-- The audit trail of personal data access: who read or wrote what about which child, why, when and from where.
-- Rows are hash-chained (each row's hash covers its columns and the previous row's hash) and numbered without
-- gaps, so a verifier can tell an edited, deleted or inserted row from an honest one.

-- The single chain head hands out sequence numbers and holds the newest hash. Appenders lock it FOR UPDATE in
-- the transaction that inserts their rows: a rolled-back append leaves no gap (unlike an identity column), and
-- the tail's hash survives here when the newest rows are deleted, so truncating the tail is detected too.
CREATE TABLE platform.audit_chain_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_seq  bigint  NOT NULL,
    last_hash bytea   NOT NULL
);

-- The chain starts from 32 zero bytes (AuditRowHash.Genesis).
INSERT INTO platform.audit_chain_head (last_seq, last_hash) VALUES (0, decode(repeat('00', 32), 'hex'));

CREATE TABLE platform.audit_log (
    seq                bigint      PRIMARY KEY,
    occurred_at        timestamptz NOT NULL,
    actor_id           text        NOT NULL,
    actor_kind         text        NOT NULL CHECK (actor_kind IN ('staff_user', 'agency_system')),
    actor_role         text        NOT NULL,
    actor_territory    text        NOT NULL CHECK (actor_territory = 'national' OR actor_territory ~ '^[0-9]{9}$'),
    action             text        NOT NULL CHECK (action IN ('read', 'write', 'search', 'export')),
    subject_iin        text        CHECK (subject_iin ~ '^[0-9]{12}$'),
    sections           text[]      NOT NULL,
    purpose            text        NOT NULL CHECK (purpose <> ''),
    break_glass        boolean     NOT NULL,
    break_glass_reason text,
    flagged_for_review boolean     NOT NULL,
    client_address     text,
    outcome            text        NOT NULL CHECK (outcome IN ('allowed', 'denied')),
    trace_id           text,
    previous_hash      bytea       NOT NULL,
    row_hash           bytea       NOT NULL,
    CHECK (break_glass = (break_glass_reason IS NOT NULL)),
    CHECK (flagged_for_review OR NOT break_glass)
);

CREATE INDEX audit_log_by_subject ON platform.audit_log (subject_iin, seq DESC) WHERE subject_iin IS NOT NULL;
CREATE INDEX audit_log_flagged ON platform.audit_log (seq DESC) WHERE flagged_for_review;

-- Append-only at the database level as well: only someone who can change the schema (and disable these
-- triggers) can rewrite history, and the hash chain is what catches them.
CREATE FUNCTION platform.refuse_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'platform.audit_log is append-only: % is refused', TG_OP;
END
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON platform.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION platform.refuse_audit_log_change();

CREATE FUNCTION platform.guard_audit_chain_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'platform.audit_chain_head cannot be removed: % is refused', TG_OP;
    END IF;
    IF NEW.last_seq <= OLD.last_seq THEN
        RAISE EXCEPTION 'platform.audit_chain_head only moves forward (from % to % is refused)', OLD.last_seq, NEW.last_seq;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_chain_head_forward_only
    BEFORE UPDATE OR DELETE ON platform.audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION platform.guard_audit_chain_head();

CREATE TRIGGER audit_chain_head_not_truncated
    BEFORE TRUNCATE ON platform.audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION platform.guard_audit_chain_head();
