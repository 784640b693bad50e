-- IINs as text with a shape check. Npgsql sends a string as text, and comparing a char(12) column with a text value
-- casts the column, so its index was never used: every lookup by IIN scanned the whole table.
ALTER TABLE platform.records ALTER COLUMN iin TYPE text,
    ADD CONSTRAINT records_iin_shape CHECK (iin ~ '^[0-9]{12}$');
ALTER TABLE platform.record_versions ALTER COLUMN iin TYPE text,
    ADD CONSTRAINT record_versions_iin_shape CHECK (iin ~ '^[0-9]{12}$');
ALTER TABLE platform.referrals ALTER COLUMN iin TYPE text,
    ADD CONSTRAINT referrals_iin_shape CHECK (iin ~ '^[0-9]{12}$');
