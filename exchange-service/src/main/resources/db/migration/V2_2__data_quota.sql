-- Rows delivered per agreement per day (Asia/Shanghai), for the daily row quota of governed reads
-- (docs/decisions/0040). Updated in the same transaction as the read's audit event.
create table data_quota (
    agreement_id  uuid    not null,
    day           date    not null,
    rows_used     bigint  not null default 0,
    primary key (agreement_id, day)
);
