-- The append-only audit log. Indices are assigned under the single log_state row, locked by each ingest
-- transaction, so they have no gaps and follow commit order (a sequence would give neither).
create table log_state (
    singleton boolean primary key default true check (singleton),
    size      bigint  not null
);
insert into log_state (singleton, size) values (true, 0);

create table log_entry (
    idx              bigint      primary key,
    event_id         uuid        not null unique,
    entry            text        not null,          -- the RFC 8785 canonical JSON of the event: what is hashed
    leaf_hash        bytea       not null,          -- SHA-256(0x00 || entry)
    occurred_at      timestamptz not null,
    ingested_at      timestamptz not null default now(),
    source           text        not null,
    action           text        not null,
    outcome          text        not null,
    actor_username   text,
    actor_department text,
    owner_department text,
    dataset_id       text,
    agreement_id     text
);
create index log_entry_occurred on log_entry (occurred_at, idx);
create index log_entry_actor_department on log_entry (actor_department, idx);
create index log_entry_owner_department on log_entry (owner_department, idx);
create index log_entry_dataset on log_entry (dataset_id, idx);
create index log_entry_agreement on log_entry (agreement_id, idx);
create index log_entry_action on log_entry (action, idx);

-- Nobody edits or deletes the log through the application; the tamper tests do it by hand and the
-- verifier must notice.
