-- The working-day calendar deadlines are counted on (DOMAIN rule 6): by default Monday-Friday work and
-- weekends rest; rows here override single days: public holidays (HOLIDAY) and make-up working weekend
-- days (WORKDAY). Platform admins edit it; seeded with the State Council's 2026 arrangement.
create table calendar_day (
    day        date primary key,
    kind       text        not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name       text        not null check (length(name) between 1 and 100),
    updated_at timestamptz not null default now()
);

insert into calendar_day (day, kind, name)
select d::date, 'HOLIDAY', n from (values
    ('2026-01-01', '2026-01-03', '元旦 New Year''s Day'),
    ('2026-02-15', '2026-02-23', '春节 Spring Festival'),
    ('2026-04-04', '2026-04-06', '清明节 Qingming Festival'),
    ('2026-05-01', '2026-05-05', '劳动节 Labour Day'),
    ('2026-06-19', '2026-06-21', '端午节 Dragon Boat Festival'),
    ('2026-09-25', '2026-09-27', '中秋节 Mid-Autumn Festival'),
    ('2026-10-01', '2026-10-07', '国庆节 National Day')
) as h(first_day, last_day, n), generate_series(first_day::date, last_day::date, interval '1 day') as d;

insert into calendar_day (day, kind, name) values
    ('2026-01-04', 'WORKDAY', '元旦调休上班 make-up working day'),
    ('2026-02-14', 'WORKDAY', '春节调休上班 make-up working day'),
    ('2026-02-28', 'WORKDAY', '春节调休上班 make-up working day'),
    ('2026-05-09', 'WORKDAY', '劳动节调休上班 make-up working day'),
    ('2026-09-20', 'WORKDAY', '国庆节调休上班 make-up working day'),
    ('2026-10-10', 'WORKDAY', '国庆节调休上班 make-up working day');
