-- Proofs read merkle_node by (level, idx) only for the hash: with the hash in the primary key's index, each node is
-- one index-only lookup and the proofs' working set is the index alone (decision 0020).
alter table merkle_node drop constraint merkle_node_pkey;
alter table merkle_node add constraint merkle_node_pkey primary key (level, idx) include (hash);
