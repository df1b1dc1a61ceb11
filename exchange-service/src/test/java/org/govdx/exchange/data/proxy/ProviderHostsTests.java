package org.govdx.exchange.data.proxy;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHostsTests {

    /** Names resolve only through this table (no DNS in the test). */
    static final Map<String, String> DNS = Map.of("api.civil-affairs.gov.cn", "10.20.0.5", "rebind.civil-affairs.gov.cn", "169.254.169.254",
            "evil.example.com", "203.0.113.9", "v6.civil-affairs.gov.cn", "fe80::1");

    static InetAddress[] resolve(String host) {
        try {
            if (DNS.containsKey(host)) {
                return new InetAddress[] {InetAddress.getByName(DNS.get(host))};
            }
            return Character.isDigit(host.charAt(0)) || host.contains(":") ? new InetAddress[] {InetAddress.getByName(host)} : new InetAddress[0];
        } catch (UnknownHostException e) {
            return new InetAddress[0];
        }
    }

    static final ProviderHosts HOSTS = new ProviderHosts(List.of("*.gov.cn", "127.0.0.1", " ", "169.254.169.254", "*"), ProviderHostsTests::resolve);
    static final ProviderHosts GOV_ONLY = new ProviderHosts(List.of("*.gov.cn", "127.0.0.1"), ProviderHostsTests::resolve);

    @Test
    void onlyListedHostsAreCalled() {
        assertThat(GOV_ONLY.refusal(URI.create("https://api.civil-affairs.gov.cn/rows"))).isEmpty();
        assertThat(GOV_ONLY.refusal(URI.create("http://127.0.0.1:8080/rows"))).isEmpty();
        assertThat(GOV_ONLY.refusal(URI.create("https://evil.example.com/rows"))).get().asString().contains("allow-list");
        assertThat(GOV_ONLY.refusal(URI.create("https://gov.cn.evil.example.com/rows"))).isPresent();
        assertThat(GOV_ONLY.refusal(URI.create("https://evilgov.cn/rows"))).isPresent();
        assertThat(GOV_ONLY.refusal(URI.create("http://127.0.0.2/rows"))).isPresent();
        assertThat(new ProviderHosts(List.of(), ProviderHostsTests::resolve).refusal(URI.create("https://api.civil-affairs.gov.cn/rows"))).isPresent();
    }

    @Test
    void linkLocalWildcardMulticastAndMetadataAddressesAreNeverCalledWhateverTheList() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x", "http://0.0.0.0/x", "http://224.0.0.1/x",
                "http://metadata.google.internal/computeMetadata/v1/", "https://rebind.civil-affairs.gov.cn/rows", "https://v6.civil-affairs.gov.cn/rows",
                "http://nowhere.gov.cn/rows")) {
            assertThat(HOSTS.refusal(URI.create(url))).as(url).isPresent();
        }
        assertThat(HOSTS.refusal(URI.create("https://evil.example.com/rows"))).isEmpty(); // '*' allows any name that resolves to an ordinary address
    }
}
