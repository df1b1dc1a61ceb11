-- The commit point of a sequencer group (decisions 0020, 0022) in one statement: lock the coordinator row, check that
-- the log is where the group started, move it to where the group ends. A group sends this and its COMMIT together
-- (pipelined): when the log moved, the exception aborts the transaction and the COMMIT rolls it back, so nothing is
-- committed at indices another group or replica took. SELECT ... FOR UPDATE waits for an earlier group's uncommitted
-- update of the row and then reads the row as that group left it (a conditional UPDATE would skip the row instead).
create function log_state_advance(from_size bigint, from_root bytea, to_size bigint, to_root bytea) returns void
    language plpgsql as $$
declare
    current_size bigint;
    current_root bytea;
begin
    select size, root_hash into current_size, current_root from log_state for update;
    if current_size <> from_size or current_root is distinct from from_root then
        raise exception 'the log is at size %, not at %', current_size, from_size using errcode = 'GX409';
    end if;
    update log_state set size = to_size, root_hash = to_root;
end
$$;
