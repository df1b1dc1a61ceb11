-- The Merkle tree is stored at the tlog-tiles levels only (decision 0021): merkle_node keeps the leaves (level 0, the
-- tree's own copy of each entry's leaf hash) and the nodes of tree levels 8, 16, 24, ... (the rows of C2SP hash tiles
-- of level 0, 1, 2, 3, ...). Any other node is hashed up from at most 128 stored nodes of the tile level below it.
-- About n + n/255 node rows for n entries instead of 2n.
delete from merkle_node where level % 8 <> 0;
