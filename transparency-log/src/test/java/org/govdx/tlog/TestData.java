package org.govdx.tlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Locates the read-only public test vectors in {@code shared/testdata/transparency} and small test utilities. */
public final class TestData {

    /** The 15 entries of the tessera golden log, in order. */
    public static final List<String> GOLDEN_ENTRIES = List.of(
            "one", "two", "three", "four", "five", "six", "seven", "eit", "nain", "ten",
            "ileven", "twelf", "threeten", "fourten", "fivten");
    public static final String GOLDEN_ORIGIN = "example.com/log/testdata";
    public static final String GOLDEN_VKEY = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
    public static final String GOLDEN_SKEY = "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";

    private TestData() {
    }

    /**
     * {@code shared/testdata/transparency}: beside the repository root given by the system property
     * {@code govdx.root} (set by the build), else {@code ../../shared} from the module directory.
     */
    public static Path transparencyDir() {
        List<Path> candidates = new ArrayList<>();
        String root = System.getProperty("govdx.root");
        if (root != null && !root.isBlank()) {
            candidates.add(Path.of(root).resolve("../shared/testdata/transparency"));
        }
        candidates.add(Path.of("../../shared/testdata/transparency"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("transparency test vectors not found; looked in " + candidates
                + " (set -Dgovdx.root=<repository root>)");
    }

    public static Path goldenLogDir() {
        return transparencyDir().resolve("tessera-golden-log");
    }

    /** Every *.json file under {@code transparencyDir()/sub}, sorted. */
    public static List<Path> jsonFiles(String sub) {
        try (Stream<Path> files = Files.walk(transparencyDir().resolve(sub))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The RFC 6962 test leaves of transparency-dev/merkle testonly/constants.go. */
    public static List<byte[]> rfc6962Leaves() {
        return Stream.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                "606162636465666768696a6b6c6d6e6f").map(TestData::hex).toList();
    }
}
