-- A case handed to the commission of another territory (the family moved): it closes here and opens there as that
-- commission's case, each pointing at the other. The receiving commission then works on the child as on its own.
ALTER TABLE gateway.cases ADD COLUMN transferred_from uuid REFERENCES gateway.cases (case_id);
ALTER TABLE gateway.cases ADD COLUMN transferred_to uuid REFERENCES gateway.cases (case_id);
