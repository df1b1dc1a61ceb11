-- Usage windows shared by every exchange replica (decision 0045): each governed read adds itself to its agreement's
-- second and day in one statement, and the detector reads the sums back, so n replicas see all of an agreement's
-- calls, not 1/n each. Seconds older than a day are pruned; days are kept (one small row per agreement and day).
create table usage_second (
    agreement_id  uuid        not null,
    second        timestamptz not null,
    reads         int         not null default 0,
    denials       int         not null default 0,
    primary key (agreement_id, second)
);

create table usage_day (
    agreement_id    uuid   not null,
    day             date   not null,
    rows_delivered  bigint not null default 0,
    primary key (agreement_id, day)
);
