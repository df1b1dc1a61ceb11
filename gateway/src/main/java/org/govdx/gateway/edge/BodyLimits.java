package org.govdx.gateway.edge;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The largest request body each route accepts: the default for every API call, larger ones for the routes that take
 * data uploads. Routes are path patterns in which {@code *} stands for one path segment.
 */
public final class BodyLimits {

    public record Route(Pattern path, long maxBytes) {
    }

    private final long defaultMaxBytes;
    private final List<Route> routes;

    public BodyLimits(long defaultMaxBytes, List<Route> routes) {
        this.defaultMaxBytes = defaultMaxBytes;
        this.routes = List.copyOf(routes);
    }

    /** {@code /api/exchange/datasets/* /versions/* /rows} style pattern (without the spaces) to a route. */
    public static Route route(String pattern, long maxBytes) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]+");
            }
            regex.append(Pattern.quote(part));
        }
        return new Route(Pattern.compile(regex.toString()), maxBytes);
    }

    public long maxBytes(String path) {
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                return route.maxBytes();
            }
        }
        return defaultMaxBytes;
    }

    public long largest() {
        return routes.stream().mapToLong(Route::maxBytes).reduce(defaultMaxBytes, Math::max);
    }
}
