-- The inbox: ids of messages a consumer has processed, written in the same transaction as the effect, so a
-- redelivered message is recognised and skipped.
CREATE TABLE platform.inbox_messages (
    message_id   uuid        NOT NULL,
    consumer     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
