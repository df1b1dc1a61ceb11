package org.govdx.audit.mapping;

import io.vertx.mutiny.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip archive written piece by piece: each call returns the bytes the archive gained, so a response can stream
 * an archive of any size in constant memory (entries carry data descriptors, as streamed zips do).
 */
public final class ZipStream {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(64 * 1024);
    private final ZipOutputStream zip = new ZipOutputStream(pending, StandardCharsets.UTF_8);

    /** A whole small file. */
    public Buffer file(String name, String content) {
        Buffer out = begin(name);
        return out.appendBuffer(write(content));
    }

    /** Starts a file; its content follows through {@link #write}. */
    public Buffer begin(String name) {
        try {
            zip.putNextEntry(new ZipEntry(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drain();
    }

    public Buffer write(String text) {
        try {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drain();
    }

    /** Closes the archive (last entry and central directory). */
    public Buffer finish() {
        try {
            zip.closeEntry();
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drain();
    }

    private Buffer drain() {
        Buffer out = Buffer.buffer(pending.toByteArray());
        pending.reset();
        return out;
    }
}
