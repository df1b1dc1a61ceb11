-- Access requests, their review history, the agreements made from them, department signing keys,
-- disputes and platform settings (DOMAIN rules 4-6; the regulation's 2 + 5 working days).

create table platform_setting (
    name       text primary key,
    value      text        not null,
    updated_at timestamptz not null default now()
);
insert into platform_setting (name, value) values
    ('conformity-review-working-days', '2'),
    ('provider-answer-working-days', '5'),
    ('provider-answer-working-days-not-hosted', '10'),
    ('endorsement-working-days', '5'),
    ('consumer-acceptance-working-days', '5'),
    ('max-term-days', '1095'),
    ('max-retention-days', '3650');

create table access_request (
    id                   uuid primary key,
    kind                 text        not null check (kind in ('AGREEMENT', 'OPEN_USE')),
    state                text        not null,
    consumer_department  text        not null,
    provider_department  text        not null,
    dataset_id           uuid        not null,
    dataset_code         text        not null,
    dataset_title        text        not null,
    dataset_version      integer     not null,
    dataset_class        text        not null,
    schema_hash          text        not null,
    requested_terms      text        not null,   -- JSON of the terms as requested (and edited while a draft)
    proposed_terms       text,                   -- JSON of narrowed terms awaiting the consumer CDO
    case_reference       text,
    amends_agreement_id  uuid,
    created_by           text        not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    endorsed_by          text,
    endorsed_at          timestamptz,
    step_started_on      date,
    step_due_on          date,
    overdue              boolean     not null default false,
    escalated_at         timestamptz,
    decision_reason      text,
    agreement_id         uuid,
    version              integer     not null default 0
);
create index access_request_consumer on access_request (consumer_department, updated_at desc);
create index access_request_provider on access_request (provider_department, updated_at desc);
create index access_request_due on access_request (state, step_due_on);

create table request_step (
    id               bigserial primary key,
    request_id       uuid        not null references access_request (id),
    action           text        not null,
    actor            text        not null,
    actor_name       text,
    actor_department text,
    from_state       text,
    to_state         text        not null,
    reason           text,
    terms            text,
    at               timestamptz not null
);
create index request_step_request on request_step (request_id, id);

create table agreement (
    id                  uuid primary key,
    agreement_number    integer     not null default 1,  -- amended versions of one agreement line count up
    lineage_id          uuid        not null,            -- the first agreement of the line
    request_id          uuid        not null references access_request (id),
    kind                text        not null check (kind in ('AGREEMENT', 'OPEN_USE')),
    state               text        not null check (state in ('ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED', 'SUPERSEDED')),
    consumer_department text        not null,
    provider_department text        not null,
    dataset_id          uuid        not null,
    dataset_version     integer     not null,
    schema_hash         text        not null,
    document            text        not null,            -- RFC 8785 canonical JSON: exactly what was signed
    content_hash        text        not null,            -- hex SHA-256 of the document bytes
    consumer_signature  text,                            -- JWS of the consumer CDO (null for an open-use grant)
    provider_signature  text,                            -- JWS of the provider CDO (null for an open-use grant)
    term_start          date        not null,
    term_end            date        not null,
    state_reason        text,
    superseded_by       uuid,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             integer     not null default 0
);
create index agreement_consumer on agreement (consumer_department, state);
create index agreement_provider on agreement (provider_department, state);
create index agreement_dataset on agreement (dataset_id, state);

create table department_key (
    kid                text primary key,
    department         text        not null,
    public_key         bytea       not null,            -- raw 32-byte Ed25519 public key
    sealed_private_key bytea       not null,            -- AES-256-GCM under the configured master key
    created_at         timestamptz not null,
    retired_at         timestamptz
);
create unique index department_key_one_active on department_key (department) where retired_at is null;

create table dispute (
    id                  uuid primary key,
    request_id          uuid        not null references access_request (id),
    consumer_department text        not null,
    provider_department text        not null,
    raised_by           text        not null,
    statement           text        not null,
    state               text        not null check (state in ('OPEN', 'CLOSED')),
    outcome             text check (outcome in ('UPHELD', 'DISMISSED', 'SETTLED')),
    resolution          text,
    closed_by           text,
    created_at          timestamptz not null,
    closed_at           timestamptz,
    version             integer     not null default 0
);
create unique index dispute_one_open_per_request on dispute (request_id) where state = 'OPEN';

alter table access_request add column provider_decided_by text;
alter table access_request add column provider_decided_name text;
alter table access_request add column provider_decided_at timestamptz;
alter table access_request add column endorsed_name text;
alter table access_request add column reminded_on date;
