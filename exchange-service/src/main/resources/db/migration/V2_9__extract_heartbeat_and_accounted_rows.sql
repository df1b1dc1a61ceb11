-- Exports a crashed exchange left RUNNING (issue 9's kill -9 of the exchange found one holding the whole day's quota).
-- rows_accounted: rows counted as delivered before they are sent (recorded ahead, in steps), so a crash refunds only
-- what certainly never left; heartbeat_at: refreshed by the instance streaming the export, so another instance can
-- tell a live slow export from an abandoned one (AbandonedExports; decision 0041).
alter table data_extract add column rows_accounted bigint not null default 0;
alter table data_extract add column heartbeat_at timestamptz not null default now();
update data_extract set rows_accounted = rows_written where state <> 'RUNNING';
create index data_extract_running on data_extract (heartbeat_at) where state = 'RUNNING';
