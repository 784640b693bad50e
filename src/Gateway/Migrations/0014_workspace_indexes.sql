-- Measured with the workspace benchmark (1,000,000 children, 100,000 cases): the work queue found a territory's
-- children by scanning every reported identity, and a territory's cases by scanning every case.
-- A territory is a range of КАТО prefixes: these indexes serve `region LIKE '71121%'` and `commission LIKE ...`.
CREATE INDEX reported_identity_by_region ON gateway.reported_identity (region bpchar_pattern_ops, iin);
CREATE INDEX cases_by_commission_prefix ON gateway.cases (commission text_pattern_ops);
-- The work queue lists first the cases whose referrals need attention: only those rows are looked at.
CREATE INDEX case_referrals_needing_attention ON gateway.case_referrals (case_id) WHERE attention <> 'none';
