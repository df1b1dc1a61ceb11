-- Classified datasets (DOMAIN rules 1, 2, 7): a dataset and its versions. A version is immutable once
-- submitted; published versions stay readable after a newer one takes effect (consumers' agreements name a
-- version). Search runs on pg_trgm over a normalised text (see docs/decisions/0004).
create extension if not exists pg_trgm;

-- Normalised search text: lower case, and every non-ASCII character doubled, so that a two-character Chinese
-- word ("户籍" -> "户户籍籍") still yields trigrams the GIN index can use. Substring matches are preserved.
create function catalog_search_text(t text) returns text
    language sql immutable strict parallel safe
as $$ select regexp_replace(lower(t), '([^\x01-\x7f])', '\1\1', 'g') $$;

create table dataset (
    id                   uuid primary key,
    code                 text        not null unique check (code ~ '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$' and length(code) <= 64),
    owner_department     text        not null references department (code),
    current_version      integer,     -- the version consumers see; null until the first publication
    latest_version       integer     not null,
    pending_version      integer,     -- a published version waiting for its notice period
    pending_effective_at timestamptz,
    retire_effective_at  timestamptz,
    retire_notice_id     uuid,
    retire_reason        text,
    retired_at           timestamptz,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    lock_version         integer     not null default 0
);
create index dataset_owner on dataset (owner_department);
create index dataset_pending on dataset (pending_effective_at) where pending_effective_at is not null;
create index dataset_retiring on dataset (retire_effective_at) where retire_effective_at is not null and retired_at is null;

create table dataset_version (
    id                    uuid primary key,
    dataset_id            uuid        not null references dataset (id),
    version               integer     not null check (version >= 1),
    code                  text        not null,
    owner_department      text        not null,
    status                text        not null check (status in ('DRAFT', 'SUBMITTED', 'REJECTED', 'SCHEDULED', 'PUBLISHED', 'SUPERSEDED', 'RETIRED')),
    is_current            boolean     not null default false, -- the version search and consumers see
    is_latest             boolean     not null default false, -- the newest version (the owner's working copy)
    title_zh              text        not null check (length(title_zh) between 1 and 200),
    title_en              text        not null check (length(title_en) between 1 and 200),
    description           text        not null check (length(description) <= 4000),
    keywords              text        not null, -- JSON array
    keywords_text         text        not null, -- the keywords joined, for matching
    category              text        not null,
    update_frequency      text        not null,
    classification        text        not null check (classification in ('OPEN', 'RESTRICTED', 'FORBIDDEN')),
    legal_basis           text,
    sharing_conditions    text,
    open_attribute        text        not null,
    distribution_mode     text        not null check (distribution_mode in ('HOSTED', 'PROXIED')),
    distribution_endpoint text,
    fields                text        not null, -- JSON array, the canonical field list
    field_count           integer     not null,
    schema_hash           text        not null,
    overlap               text,        -- JSON, reuse candidates found at submission
    changes               text,        -- JSON, what changed against the version it replaces
    created_by            text        not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    submitted_by          text,
    submitted_by_subject  text,
    submitted_at          timestamptz,
    published_by          text,
    published_at          timestamptz,
    effective_at          timestamptz,
    superseded_at         timestamptz,
    retired_at            timestamptz,
    rejected_by           text,
    rejected_at           timestamptz,
    rejection_reason      text,
    search_source         text        not null,
    search_doc            text generated always as (catalog_search_text(search_source)) stored,
    title_doc             text generated always as (catalog_search_text(title_zh || ' ' || title_en)) stored,
    keywords_doc          text generated always as (catalog_search_text(keywords_text)) stored,
    title_sort            text generated always as (lower(title_en)) stored,
    unique (dataset_id, version),
    check (is_current = (status in ('PUBLISHED', 'RETIRED'))),
    check ((classification = 'OPEN') or legal_basis is not null)
);
-- at most one current and one latest version per dataset (deferred: a switch flips two rows in one transaction)
alter table dataset_version add constraint dataset_version_one_current exclude using btree (dataset_id with =) where (is_current) deferrable initially deferred;
alter table dataset_version add constraint dataset_version_one_latest exclude using btree (dataset_id with =) where (is_latest) deferrable initially deferred;

-- search over the current published versions: text (trigram GIN), filters, sort keys
create index dataset_version_search on dataset_version using gin (search_doc gin_trgm_ops) where is_current and status = 'PUBLISHED';
create index dataset_version_current_owner on dataset_version (owner_department) where is_current and status = 'PUBLISHED';
create index dataset_version_current_category on dataset_version (category) where is_current and status = 'PUBLISHED';
create index dataset_version_current_updated on dataset_version (updated_at desc, dataset_id) where is_current and status = 'PUBLISHED';
create index dataset_version_current_title on dataset_version (title_sort, dataset_id) where is_current and status = 'PUBLISHED';
create index dataset_version_latest_owner on dataset_version (owner_department, updated_at desc) where is_latest;

-- one row per field of every version: data-element filters, "who publishes element X", overlap by similarity
create table dataset_field (
    id           bigserial primary key,
    dataset_id   uuid    not null,
    version      integer not null,
    position     integer not null,
    name         text    not null,
    title_zh     text    not null,
    title_en     text    not null,
    type         text    not null,
    data_element text references data_element (code),
    field_class  text    not null,
    foreign key (dataset_id, version) references dataset_version (dataset_id, version),
    unique (dataset_id, version, name)
);
create index dataset_field_element on dataset_field (data_element, dataset_id, version) where data_element is not null;
create index dataset_field_name_trgm on dataset_field using gin (name gin_trgm_ops);
create index dataset_field_title_zh_trgm on dataset_field using gin (title_zh gin_trgm_ops);
create index dataset_field_title_en_trgm on dataset_field using gin (lower(title_en) gin_trgm_ops);
