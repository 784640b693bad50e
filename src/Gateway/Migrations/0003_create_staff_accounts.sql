-- Staff who sign in to the Gateway's web side. Roles and territory decide what each may see and do.
CREATE TABLE gateway.staff_accounts (
    id               uuid        PRIMARY KEY,
    user_name        text        NOT NULL,
    display_name     text        NOT NULL,
    role             text        NOT NULL CHECK (role IN
                         ('commission_secretary', 'commission_member', 'project_office_analyst', 'operator', 'administrator')),
    -- A commission works on its own district, city or region (a КАТО code); everyone else works nationally.
    commission_level text        CHECK (commission_level IN ('district', 'city', 'region')),
    territory_kato   char(9),
    -- '<algorithm>$<parameters>$<salt>$<hash>': the algorithm and its cost travel with the hash, so a stronger
    -- setting can replace an old hash the next time its owner signs in.
    password_hash    text        NOT NULL,
    failed_attempts  integer     NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    disabled         boolean     NOT NULL DEFAULT false,
    -- Changes whenever the password is set or the account is disabled: a cookie carrying an older stamp is refused.
    security_stamp   text        NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    updated_by       text        NOT NULL,
    CHECK ((role IN ('commission_secretary', 'commission_member')) = (territory_kato IS NOT NULL)),
    CHECK ((commission_level IS NULL) = (territory_kato IS NULL))
);
CREATE UNIQUE INDEX staff_accounts_user_name ON gateway.staff_accounts (lower(user_name));
