-- The registry of departments that share data (seeded from the Keycloak realm's groups; platform-admin edits).
create table department (
    code        text primary key check (code ~ '^[a-z][a-z0-9-]{1,63}$'),
    name_zh     text        not null check (length(name_zh) between 1 and 200),
    name_en     text        not null check (length(name_en) between 1 and 200),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    version     integer     not null default 0
);
