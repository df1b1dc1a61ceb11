-- The shared standard vocabulary (DOMAIN rule 9): one data element per datum, with its format, validator and
-- the one department designated as its source (rule 11, 一数一源). Platform-admin manages them.
create table data_element (
    code                 text primary key check (code ~ '^[A-Z][A-Z0-9_-]{1,31}$'),
    name_zh              text        not null check (length(name_zh) between 1 and 200),
    name_en              text        not null check (length(name_en) between 1 and 200),
    definition           text        not null check (length(definition) between 1 and 4000),
    type                 text        not null,
    validator            text        not null,
    pattern              text,
    enum_values          text,        -- JSON array of strings, set exactly when validator = 'ENUM'
    collection_frequency text        not null,
    source_department    text references department (code),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    version              integer     not null default 0,
    check ((validator = 'PATTERN') = (pattern is not null)),
    check ((validator = 'ENUM') = (enum_values is not null))
);
