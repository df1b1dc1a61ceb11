-- Search reads a narrow table of its own (decision 0004): one row per version that search can show (the
-- current version of each dataset, and each dataset's latest version for its owner's "mine" search), holding
-- only what search filters and ranks on (a page's titles and summary come from dataset_version). Its rows are
-- small enough to keep the normalised text inline and uncompressed (toast_tuple_target), so the trigram recheck
-- of a match costs one heap page and no TOAST look-up or decompression; in the wide dataset_version row the same
-- text was compressed and often out of line.
-- A trigger keeps it in step with dataset_version, so no write path can forget it.
create extension if not exists btree_gin;

drop index if exists dataset_version_search;
drop index if exists dataset_version_current_owner;
drop index if exists dataset_version_current_category;
drop index if exists dataset_version_current_updated;
drop index if exists dataset_version_current_title;
drop index if exists dataset_version_latest_owner;
alter table dataset_version drop column search_doc, drop column title_doc, drop column keywords_doc, drop column title_sort;

create table dataset_search (
    version_id       uuid primary key references dataset_version (id),
    dataset_id       uuid        not null,
    version          integer     not null,
    owner_department text        not null,
    status           text        not null,
    is_current       boolean     not null,
    is_latest        boolean     not null,
    classification   text        not null,
    category         text        not null,
    update_frequency text        not null,
    updated_at       timestamptz not null,
    title_sort       text        not null,
    title_doc        text        not null,
    keywords_doc     text        not null,
    search_doc       text        not null
) with (toast_tuple_target = 8160);
alter table dataset_search alter column search_doc set storage main;

-- text, with the facet columns in the same GIN index (btree_gin), so "text and department and class" is one index scan
create index dataset_search_text on dataset_search
    using gin (owner_department, classification, category, update_frequency, search_doc gin_trgm_ops) where is_current and status = 'PUBLISHED';
create index dataset_search_updated on dataset_search (updated_at desc, dataset_id) where is_current and status = 'PUBLISHED';
create index dataset_search_title on dataset_search (title_sort, dataset_id) where is_current and status = 'PUBLISHED';
create index dataset_search_owner on dataset_search (owner_department, classification) where is_current and status = 'PUBLISHED';
create index dataset_search_mine on dataset_search (owner_department, updated_at desc) where is_latest;

create function dataset_search_sync() returns trigger language plpgsql as $$
begin
    if new.is_current or new.is_latest then
        insert into dataset_search (version_id, dataset_id, version, owner_department, status, is_current, is_latest, classification,
                                    category, update_frequency, updated_at, title_sort, title_doc, keywords_doc, search_doc)
        values (new.id, new.dataset_id, new.version, new.owner_department, new.status, new.is_current, new.is_latest,
                new.classification, new.category, new.update_frequency, new.updated_at, lower(new.title_en),
                catalog_search_text(new.title_zh || ' ' || new.title_en),
                catalog_search_text(new.keywords_text), catalog_search_text(new.search_source))
        on conflict (version_id) do update set
            status = excluded.status, is_current = excluded.is_current, is_latest = excluded.is_latest,
            classification = excluded.classification, category = excluded.category, update_frequency = excluded.update_frequency,
            updated_at = excluded.updated_at, title_sort = excluded.title_sort, title_doc = excluded.title_doc,
            keywords_doc = excluded.keywords_doc, search_doc = excluded.search_doc;
    else
        delete from dataset_search where version_id = new.id;
    end if;
    return null;
end $$;

create trigger dataset_search_sync after insert or update on dataset_version
    for each row execute function dataset_search_sync();

-- rows that exist already
update dataset_version set updated_at = updated_at where is_current or is_latest;
