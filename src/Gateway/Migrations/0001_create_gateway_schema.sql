-- The integrated child profile and the commissions' workspace live in this schema.
CREATE SCHEMA IF NOT EXISTS gateway;
