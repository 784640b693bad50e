-- The day a child's signals have to be evaluated again if no record arrives before (a rule's answer changes with
-- time: thirty days pass, a child comes of school age, a status ends); null: only a new record can change them.
-- Every child already held is evaluated once more, so the signals that time has changed since are caught up.
ALTER TABLE gateway.children ADD COLUMN signals_next_check date;
UPDATE gateway.children SET signals_next_check = current_date;
CREATE INDEX children_signals_due ON gateway.children (signals_next_check) WHERE signals_next_check IS NOT NULL;
