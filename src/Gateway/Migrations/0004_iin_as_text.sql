-- IINs as text with a shape check. Npgsql sends a string as text, and comparing a char(12) column with a text value
-- casts the column, so its index was never used: every profile read by IIN scanned the whole table.
ALTER TABLE gateway.child_records DROP CONSTRAINT child_records_iin_fkey;
ALTER TABLE gateway.reported_identity DROP CONSTRAINT reported_identity_iin_fkey;
ALTER TABLE gateway.children ALTER COLUMN iin TYPE text, ADD CONSTRAINT children_iin_shape CHECK (iin ~ '^[0-9]{12}$');
ALTER TABLE gateway.child_records ALTER COLUMN iin TYPE text,
    ADD CONSTRAINT child_records_iin_fkey FOREIGN KEY (iin) REFERENCES gateway.children (iin);
ALTER TABLE gateway.reported_identity ALTER COLUMN iin TYPE text,
    ADD CONSTRAINT reported_identity_iin_fkey FOREIGN KEY (iin) REFERENCES gateway.children (iin);
ALTER TABLE gateway.timeline ALTER COLUMN iin TYPE text;
ALTER TABLE gateway.signals ALTER COLUMN iin TYPE text;
ALTER TABLE gateway.profile_changes ALTER COLUMN iin TYPE text;
-- A profile shows its cleared signals too, which the partial index of open ones cannot find.
CREATE INDEX signals_by_iin ON gateway.signals (iin);
