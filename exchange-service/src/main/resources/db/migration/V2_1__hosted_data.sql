-- Hosted data (issue 5, the data plane; docs/decisions/0040). Rows of a HOSTED dataset version live here as
-- JSONB, validated against the catalog schema and data elements on upload. An upload replaces or appends to
-- a version in ONE database transaction, so a reader never sees half an upload.

create table data_upload (
    id               uuid primary key,
    dataset_id       uuid        not null,
    dataset_version  integer     not null,
    department       text        not null,
    uploaded_by      text        not null,
    mode             text        not null check (mode in ('REPLACE', 'APPEND')),
    format           text        not null check (format in ('NDJSON', 'CSV')),
    atomic           boolean     not null,
    state            text        not null check (state in ('RUNNING', 'COMPLETED', 'REJECTED', 'FAILED')),
    rows_read        bigint      not null default 0,
    rows_accepted    bigint      not null default 0,
    rows_rejected    bigint      not null default 0,
    errors           text        not null default '[]',   -- JSON: the first errors (row, field, reason), never a value
    quality          text,                                 -- JSON as sent to the catalog
    message          text,
    started_at       timestamptz not null,
    finished_at      timestamptz
);
create index data_upload_dataset on data_upload (dataset_id, dataset_version, started_at desc);

create table hosted_row (
    dataset_id       uuid    not null,
    dataset_version  integer not null,
    row_no           bigint  not null,     -- stable order within the version (cursor pagination key)
    upload_id        uuid    not null,
    data             jsonb   not null,
    primary key (dataset_id, dataset_version, row_no)
);
