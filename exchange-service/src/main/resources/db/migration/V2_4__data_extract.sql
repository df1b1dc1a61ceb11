-- EXTRACT exports (issue 5; docs/decisions/0041). One row per export: written with the data.extract audit event
-- (outbox) and the quota reservation in ONE transaction before the first byte leaves; finished with the row
-- count and the SHA-256 of the bytes sent, in the transaction of the data.extract-completed (or -stopped) event.
create table data_extract (
    id               uuid primary key,
    agreement_id     uuid        not null,
    dataset_id       uuid        not null,
    dataset_version  integer     not null,
    department       text        not null,
    principal        text        not null,
    on_behalf_of     text,
    purpose          text        not null,
    case_reference   text,
    format           text        not null check (format in ('NDJSON', 'CSV')),
    fields           text        not null,            -- JSON array of the delivered fields, in order
    watermark        text        not null,            -- JSON: carrier fields, pseudonymised fields
    request_hash     text        not null,
    audit_event_id   uuid        not null,
    rows_reserved    bigint      not null,            -- taken from the daily row quota at the start, the unused rest refunded at the end
    state            text        not null check (state in ('RUNNING', 'COMPLETED', 'STOPPED', 'FAILED')),
    stop_reason      text,
    rows_written     bigint      not null default 0,
    response_hash    text,
    completion_event_id uuid,
    started_at       timestamptz not null,
    finished_at      timestamptz
);
create index data_extract_agreement on data_extract (agreement_id, started_at desc);
create index data_extract_dataset on data_extract (dataset_id, dataset_version);
