-- The social service's own tables live in this schema; nobody else reads them.
CREATE SCHEMA IF NOT EXISTS social;
