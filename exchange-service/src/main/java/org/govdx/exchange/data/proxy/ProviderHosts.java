package org.govdx.exchange.data.proxy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which hosts a provider endpoint may point at (server-side request forgery defence, decision 0045). A host must
 * match the allow-list ({@code govdx.data.proxy.allowed-hosts}: exact names or IP literals, or {@code *.suffix} for
 * any name under a domain, or {@code *} for any name), and none of the addresses it resolves to may be a
 * link-local (169.254.0.0/16 and fe80::/10, where cloud metadata services answer), wildcard or multicast
 * address, nor a known metadata host name, whatever the allow-list says. Checked when an endpoint is registered and
 * again before every call (a name may resolve elsewhere later), and for every page link a provider answers with.
 * Plain Java; the resolver is a parameter so the rules are tested without DNS.
 */
public final class ProviderHosts {

    private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal", "metadata.goog", "instance-data",
            "instance-data.ec2.internal");

    private final List<String> allowed;
    private final Function<String, InetAddress[]> resolver;

    /** {@code allowed}: the allow-list entries; an empty list allows no host. */
    public ProviderHosts(List<String> allowed, Function<String, InetAddress[]> resolver) {
        this.allowed = allowed.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        this.resolver = resolver;
    }

    public static ProviderHosts resolving(List<String> allowed) {
        return new ProviderHosts(allowed, host -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                return new InetAddress[0];
            }
        });
    }

    /** Why {@code uri}'s host may not be called, or empty when it may. */
    public Optional<String> refusal(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("the endpoint has no host");
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (METADATA_NAMES.contains(h)) {
            return Optional.of("metadata service hosts are never called");
        }
        if (!allows(h)) {
            return Optional.of("the host " + h + " is not on the exchange's allow-list of provider hosts (govdx.data.proxy.allowed-hosts)");
        }
        InetAddress[] addresses = resolver.apply(h);
        if (addresses == null || addresses.length == 0) {
            return Optional.of("the host " + h + " does not resolve");
        }
        for (InetAddress a : addresses) {
            if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
                return Optional.of("the host " + h + " resolves to a link-local, wildcard or multicast address, which is never called");
            }
        }
        return Optional.empty();
    }

    private boolean allows(String host) {
        for (String entry : allowed) {
            if (entry.equals("*") || entry.equals(host)) {
                return true;
            }
            if (entry.startsWith("*.") && host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1) {
                return true;
            }
        }
        return false;
    }
}
