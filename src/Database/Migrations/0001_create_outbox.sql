-- The transactional outbox: an integration event is written here in the same transaction as the change it
-- reports, and the relay publishes it afterwards. Nothing is lost if the broker is down or the process dies.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.outbox_messages (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id    uuid        NOT NULL UNIQUE,
    partition_key text        NOT NULL,
    message_type  text        NOT NULL,
    payload       jsonb       NOT NULL,
    trace_parent  text,
    trace_state   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);

CREATE INDEX outbox_messages_pending ON platform.outbox_messages (id) WHERE sent_at IS NULL;
