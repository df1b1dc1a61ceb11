-- The transactional outbox shared by every govdx service: audit events are written here in the same
-- transaction as the change they record, and a relay delivers them to the audit service (at least once;
-- the audit service makes it exactly once by event_id).
create table outbox_event (
    id              bigserial primary key,
    event_id        uuid        not null unique,
    action          text        not null,
    payload         text        not null,
    created_at      timestamptz not null default now(),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text
);
create index outbox_event_due on outbox_event (next_attempt_at, id);
