-- Proxied datasets (docs/decisions/0041): the provider's endpoint for a dataset version and its credential,
-- sealed with AES-256-GCM under the master key (associated data: dataset id and version). Never returned.
create table proxy_endpoint (
    dataset_id       uuid        not null,
    dataset_version  int         not null,
    endpoint         text        not null,
    auth_scheme      text        not null check (auth_scheme in ('NONE', 'BEARER', 'BASIC', 'API_KEY')),
    auth_header      text,
    sealed_secret    bytea,
    registered_by    text        not null,
    registered_at    timestamptz not null default now(),
    primary key (dataset_id, dataset_version)
);

-- Usage that does not fit its agreement, flagged for the provider's CDO and auditors (also an audit event).
create table usage_flag (
    id                   uuid        primary key,
    agreement_id         uuid        not null,
    provider_department  text        not null,
    consumer_department  text        not null,
    kind                 text        not null,
    observed             jsonb       not null,
    flagged_at           timestamptz not null default now(),
    audit_event_id       uuid        not null
);
create index usage_flag_by_provider on usage_flag (provider_department, flagged_at desc);
create index usage_flag_by_agreement on usage_flag (agreement_id, flagged_at desc);
