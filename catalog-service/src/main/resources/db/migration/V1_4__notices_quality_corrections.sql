-- Notices to consumer departments before a retirement or a breaking version takes effect.
create table notice (
    id               uuid primary key,
    dataset_id       uuid        not null references dataset (id),
    dataset_code     text        not null,
    owner_department text        not null,
    kind             text        not null check (kind in ('RETIREMENT', 'BREAKING_VERSION')),
    from_version     integer,
    to_version       integer,
    effective_at     timestamptz not null,
    emergency        boolean     not null,
    reason           text,
    changes          text, -- JSON
    issued_by        text        not null,
    issued_at        timestamptz not null
);
create index notice_owner on notice (owner_department, issued_at desc, id);
create index notice_dataset on notice (dataset_id);

create table notice_recipient (
    id              bigserial primary key,
    notice_id       uuid    not null references notice (id),
    department      text    not null,
    agreement_id    text,
    dataset_version integer
);
create index notice_recipient_department on notice_recipient (department, notice_id);
create index notice_recipient_notice on notice_recipient (notice_id);

-- Quality figures per dataset version, as measured by the exchange service; the history is kept.
create table quality_measurement (
    id             uuid primary key,
    dataset_id     uuid             not null references dataset (id),
    version        integer          not null,
    completeness   double precision not null check (completeness between 0 and 1),
    validity       double precision not null check (validity between 0 and 1),
    uniqueness     double precision not null check (uniqueness between 0 and 1),
    row_count      bigint           not null check (row_count >= 0),
    measured_at    timestamptz      not null,
    last_upload_at timestamptz,
    recorded_at    timestamptz      not null,
    recorded_by    text             not null,
    unique (dataset_id, version, measured_at)
);
create index quality_latest on quality_measurement (dataset_id, version, measured_at desc);

-- Correction reports (DOMAIN rule 12): a consumer reports a wrong value, the provider answers by a due date.
create table correction (
    id                  uuid primary key,
    dataset_id          uuid        not null references dataset (id),
    dataset_code        text        not null,
    dataset_version     integer     not null,
    owner_department    text        not null,
    reporter_department text        not null,
    record_key          text        not null, -- JSON object: key field -> value
    field               text        not null,
    proposed_value      text        not null,
    evidence            text        not null,
    status              text        not null check (status in ('OPEN', 'ACCEPTED', 'REJECTED')),
    reported_by         text        not null,
    reported_at         timestamptz not null,
    due_date            date        not null,
    answered_by         text,
    answered_at         timestamptz,
    answer              text,
    lock_version        integer     not null default 0
);
create index correction_dataset on correction (dataset_id, status);
create index correction_owner on correction (owner_department, reported_at desc, id);
create index correction_reporter on correction (reporter_department, reported_at desc, id);
