-- The RFC 6962 Merkle tree over the log and its signed checkpoints (issue 6, decision 0020).
--
-- log_state.root_hash is the root of the tree of the first `size` entries, written in the same transaction as
-- the entries and their tree nodes. NULL means "not computed yet": a log that existed before this migration;
-- the sequencer then rebuilds the tree from the entries before it appends anything.
alter table log_state add column root_hash bytea;
update log_state set root_hash = sha256(''::bytea) where size = 0;

-- Every full subtree (level, idx) that CompactRange emits: level 0 holds the leaf hashes, and node (l, i) covers the
-- leaves [i*2^l, (i+1)*2^l). About 2n rows for n entries; a row never changes once written. Proofs, tiles and
-- restarts read from here.
create table merkle_node (
    level smallint not null,
    idx   bigint   not null,
    hash  bytea    not null,
    primary key (level, idx)
);

-- Signed C2SP checkpoints, one per tree size (the first one signed for a size wins).
create table checkpoint (
    tree_size  bigint      primary key,
    root_hash  bytea       not null,
    note       text        not null,        -- the signed note exactly as served
    created_at timestamptz not null default now()
);
