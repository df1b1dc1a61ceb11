package org.govdx.exchange.data.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.govdx.exchange.catalog.CatalogDataset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a provider's answer read a row at a time, as it arrives (plain Java over a stream; memory: one row).
 * The answer is what {@link ProxiedRows} reads, a JSON array of flat objects or an object whose {@code rows} member is
 * one, and an object may also name the next page: {@code "next": "<URL>"} (absolute, or relative to this page), which
 * must stay on the registered endpoint's scheme, host and port. Rows are typed by the schema and members outside it
 * dropped while reading, exactly as for VIEW; anything malformed is a {@link ProviderFailure} of kind BAD_ANSWER
 * at the point it is read (the rows before it may already have been delivered).
 */
public final class ProxiedPage implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser parser;
    private final InputStream in;
    private final URI page;
    private final URI endpoint;
    private final Map<String, String> types = new HashMap<>();
    private boolean wrapped;
    private boolean inRows;
    private boolean done;
    private boolean rowsFound;
    private long rowsRead;
    private URI next;

    /** {@code page}: the URL this answer came from; {@code endpoint}: the registered one, whose origin every page link must keep. */
    public ProxiedPage(InputStream in, CatalogDataset dataset, URI page, URI endpoint) {
        this.in = in;
        this.page = page;
        this.endpoint = endpoint;
        dataset.fields().forEach(f -> types.put(f.name(), f.type() == null ? "STRING" : f.type()));
        try {
            this.parser = JSON.createParser(in);
        } catch (IOException e) {
            throw ProxiedRows.bad("unreadable answer");
        }
    }

    /** The next row of this page typed by the schema, or empty at its end. */
    public Optional<Map<String, Object>> next() {
        try {
            if (done) {
                return Optional.empty();
            }
            if (!inRows) {
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_ARRAY) {
                    inRows = true;
                } else if (first == JsonToken.START_OBJECT) {
                    wrapped = true;
                    if (!seekRows()) {
                        return Optional.empty();
                    }
                } else {
                    throw ProxiedRows.bad("not an array or object");
                }
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                inRows = false;
                if (wrapped) {
                    if (!seekRows()) {
                        return Optional.empty();
                    }
                    throw ProxiedRows.bad("two rows members");
                }
                end();
                return Optional.empty();
            }
            if (t != JsonToken.START_OBJECT) {
                throw ProxiedRows.bad("a row is not an object");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken v = parser.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    throw ProxiedRows.bad("a nested value");
                }
                String type = types.get(name);
                if (type != null) {
                    row.put(name, ProxiedRows.value(parser, v, type));
                }
            }
            rowsRead++;
            return Optional.of(row);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProxiedRows.bad("malformed JSON");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ProviderFailure.Transient(ProviderFailure.Kind.TIMEOUT, "answer stalled");
        } catch (IOException e) {
            throw new ProviderFailure.Transient(ProviderFailure.Kind.UNAVAILABLE, "answer cut off: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Reads the members of the wrapping object up to the start of {@code rows} (true) or to its end (false, the
     * page is over); remembers {@code next} on the way.
     */
    private boolean seekRows() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            if ("rows".equals(name) && v == JsonToken.START_ARRAY) {
                if (rowsFound) {
                    throw ProxiedRows.bad("two rows members");
                }
                rowsFound = true;
                inRows = true;
                return true;
            }
            if ("next".equals(name) && v == JsonToken.VALUE_STRING) {
                next = link(parser.getText());
            } else if ("next".equals(name) && v != JsonToken.VALUE_NULL) {
                throw ProxiedRows.bad("next is not a URL");
            } else {
                parser.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw ProxiedRows.bad("malformed JSON");
        }
        if (!rowsFound) {
            throw ProxiedRows.bad("no rows member");
        }
        end();
        return false;
    }

    private void end() throws IOException {
        done = true;
        if (parser.nextToken() != null) {
            throw ProxiedRows.bad("trailing content");
        }
        if (next != null && rowsRead == 0) {
            throw ProxiedRows.bad("an empty page that names a next one");
        }
    }

    private URI link(String text) {
        URI target;
        String ref = text.trim();
        try {
            // a reference that is only a query replaces the page's query (RFC 3986; java.net.URI would also drop the last path segment)
            target = ref.startsWith("?") ? URI.create(page.getScheme() + "://" + page.getRawAuthority() + page.getRawPath() + ref) : page.resolve(ref);
        } catch (IllegalArgumentException e) {
            throw ProxiedRows.bad("next is not a URL");
        }
        if (!endpoint.getScheme().equalsIgnoreCase(String.valueOf(target.getScheme())) || !endpoint.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
                || endpoint.getPort() != target.getPort() || target.getUserInfo() != null) {
            throw ProxiedRows.bad("next leaves the registered endpoint's origin");
        }
        return target;
    }

    /** The next page's URL, once this page was read to its end; empty when this is the last page. */
    public Optional<URI> nextPage() {
        return done ? Optional.ofNullable(next) : Optional.empty();
    }

    /** Closes the answer's stream (also from another thread, to wake a read waiting for the provider). */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
