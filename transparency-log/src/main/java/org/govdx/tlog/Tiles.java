package org.govdx.tlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Contents of a C2SP tiled log (https://c2sp.org/tlog-tiles), laid out by {@link TileId}:
 * <ul>
 *   <li>a hash tile is the concatenation of its nodes' 32-byte hashes, left to right;</li>
 *   <li>an entry bundle is its entries in order, each as a big-endian uint16 length followed by the entry bytes.</li>
 * </ul>
 */
public final class Tiles {

    /** Largest entry an entry bundle can hold. */
    public static final int MAX_ENTRY_SIZE = 0xFFFF;

    private Tiles() {
    }

    /** The bytes of hash tile {@code tile}, read from {@code store} in one {@link HashStore#nodeHashes} call. */
    public static byte[] hashTile(HashStore store, TileId tile) {
        List<NodeId> nodes = tile.nodes();
        List<byte[]> hashes = ProofGenerator.requireStored(nodes, store.nodeHashes(nodes));
        byte[] out = new byte[hashes.size() * MerkleHashes.HASH_SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, out, i * MerkleHashes.HASH_SIZE, MerkleHashes.HASH_SIZE);
        }
        return out;
    }

    /** Splits hash-tile bytes into its hashes; throws {@link IllegalArgumentException} unless a whole number of 1..256 hashes. */
    public static List<byte[]> parseHashTile(byte[] tile) {
        if (tile.length == 0 || tile.length % MerkleHashes.HASH_SIZE != 0 || tile.length / MerkleHashes.HASH_SIZE > TileId.WIDTH) {
            throw new IllegalArgumentException("a hash tile is 1.." + TileId.WIDTH + " hashes of 32 bytes, got " + tile.length + " bytes");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int offset = 0; offset < tile.length; offset += MerkleHashes.HASH_SIZE) {
            byte[] hash = new byte[MerkleHashes.HASH_SIZE];
            System.arraycopy(tile, offset, hash, 0, hash.length);
            hashes.add(hash);
        }
        return hashes;
    }

    /** The bytes of an entry bundle holding {@code entries} (1..256 entries of at most 65535 bytes). */
    public static byte[] entryBundle(List<byte[]> entries) {
        if (entries.isEmpty() || entries.size() > TileId.WIDTH) {
            throw new IllegalArgumentException("an entry bundle holds 1.." + TileId.WIDTH + " entries, got " + entries.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_SIZE) {
                throw new IllegalArgumentException("entry of " + entry.length + " bytes exceeds " + MAX_ENTRY_SIZE);
            }
            out.write(entry.length >>> 8);
            out.write(entry.length & 0xFF);
            out.write(entry, 0, entry.length);
        }
        return out.toByteArray();
    }

    /** The entries of an entry bundle; throws {@link IllegalArgumentException} if truncated or holding more than 256 entries. */
    public static List<byte[]> parseEntryBundle(byte[] bundle) {
        List<byte[]> entries = new ArrayList<>();
        int offset = 0;
        while (offset < bundle.length) {
            if (offset + 2 > bundle.length) {
                throw new IllegalArgumentException("entry bundle truncated in a length prefix at byte " + offset);
            }
            int length = ((bundle[offset] & 0xFF) << 8) | (bundle[offset + 1] & 0xFF);
            offset += 2;
            if (offset + length > bundle.length) {
                throw new IllegalArgumentException("entry bundle truncated in entry " + entries.size());
            }
            byte[] entry = new byte[length];
            System.arraycopy(bundle, offset, entry, 0, length);
            entries.add(entry);
            offset += length;
            if (entries.size() > TileId.WIDTH) {
                throw new IllegalArgumentException("entry bundle holds more than " + TileId.WIDTH + " entries");
            }
        }
        return entries;
    }
}
