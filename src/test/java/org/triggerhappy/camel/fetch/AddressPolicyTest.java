package org.triggerhappy.camel.fetch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Addresses here are classification inputs only: nothing in this class opens a connection. */
class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0.0.0.0, unspecified",
            "10.1.2.3, private",
            "100.64.0.1, shared (CGNAT)",
            "100.127.255.255, shared (CGNAT)",
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "169.254.169.254, link-local",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "224.0.0.251, multicast",
            "255.255.255.255, reserved",
            "::, unspecified",
            "::1, loopback",
            "fd00::1, private",
            "fc00::1, private",
            "fe80::1, link-local",
            "ff02::1, multicast",
            "::ffff:10.0.0.1, private",
            "::ffff:127.0.0.1, loopback",
            "::ffff:169.254.169.254, link-local",
            "'64:ff9b::a00:1', private (embedded IPv4 10.0.0.1)",
            "'::a9fe:a9fe', link-local (embedded IPv4 169.254.169.254)",
    })
    void classifies_non_public_addresses(String address, String category) {
        InetAddress a = IpRange.parseLiteral(address);

        assertThat(SpecialAddresses.category(a)).contains(category);
        assertThat(AddressPolicy.strict().permits(a, 80)).isFalse();
        assertThat(AddressPolicy.allowAll().permits(a, 80)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "192.169.0.1", "169.253.1.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void public_addresses_are_permitted_by_the_strict_policy(String address) {
        InetAddress a = IpRange.parseLiteral(address);

        assertThat(SpecialAddresses.category(a)).isEmpty();
        assertThat(AddressPolicy.strict().permits(a, 443)).isTrue();
    }

    @ParameterizedTest(name = "[{0}] permits {1} port {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "                        | 127.0.0.1       | 8765 | false",
            "false                   | 127.0.0.1       | 8765 | false",
            "true                    | 10.1.2.3        | 22   | true",
            "TRUE                    | 169.254.169.254 | 80   | true",
            "127.0.0.1:8765          | 127.0.0.1       | 8765 | true",
            "127.0.0.1:8765          | 127.0.0.1       | 8766 | false",
            "127.0.0.1:8765          | 127.0.0.2       | 8765 | false",
            "127.0.0.1:8765          | ::ffff:127.0.0.1| 8765 | true",
            "127.0.0.0/8             | 127.1.2.3       | 1    | true",
            "127.0.0.0/8             | ::1             | 80   | false",
            "127.0.0.0/8, ::1/128    | ::1             | 80   | true",
            "10.0.0.0/8              | 192.168.1.1     | 80   | false",
            "192.168.1.0/24          | 192.168.1.200   | 80   | true",
            "192.168.1.0/24          | 192.168.2.1     | 80   | false",
            "172.16.0.0/13           | 172.23.0.1      | 80   | true",
            "172.16.0.0/13           | 172.24.0.1      | 80   | false",
            "'[::1]:8080'            | ::1             | 8080 | true",
            "'[::1]:8080'            | ::1             | 8081 | false",
            "fd00::/8                | fd12::1         | 80   | true",
            "10.1.2.3                | 10.1.2.3        | 9    | true",
            "10.1.2.3                | 10.1.2.4        | 9    | false",
            "' 127.0.0.1:1 , 10.0.0.0/8 ' | 10.9.9.9   | 9    | true",
    })
    void parse_builds_the_allow_list(String setting, String address, int port, boolean permitted) {
        AddressPolicy policy = AddressPolicy.parse(setting);

        assertThat(policy.permits(IpRange.parseLiteral(address), port)).isEqualTo(permitted);
    }

    @Test
    void an_allow_list_still_permits_public_addresses() {
        assertThat(AddressPolicy.parse("127.0.0.1:8765").permits(IpRange.parseLiteral("8.8.8.8"), 80)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "localhost:8080", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:http",
            "127.0.0.0/33", "::1/129", "10.0.0.0/x", "999.1.1.1", "127.1", "10.0.0.1/8/9", "[::1]:", "fe80::1%eth0",
            "1.2.3.4.5:80"})
    void parse_rejects_invalid_entries_naming_them(String entry) {
        assertThatThrownBy(() -> AddressPolicy.parse("127.0.0.1:1," + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "'")
                .hasMessageContaining("TH_ALLOW_PRIVATE_NETWORKS");
    }

    @Test
    void check_refuses_every_hop_to_a_private_literal_with_a_clear_message() {
        FetchException e = catchThrowableOfType(FetchException.class,
                () -> AddressPolicy.strict().check(URI.create("http://10.0.0.1/feed")));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
        assertThat(e.getMessage()).isEqualTo(
                "address 10.0.0.1 of host 10.0.0.1 is private; set TH_ALLOW_PRIVATE_NETWORKS to allow it");
    }

    @Test
    void check_handles_bracketed_ipv6_hosts_and_default_ports() throws Exception {
        FetchException e = catchThrowableOfType(FetchException.class,
                () -> AddressPolicy.strict().check(URI.create("https://[fd00::1]/feed")));
        assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);

        AddressPolicy.parse("[fd00::1]:443").check(URI.create("https://[fd00::1]/feed"));
        assertThat(catchThrowableOfType(FetchException.class,
                () -> AddressPolicy.parse("[fd00::1]:443").check(URI.create("http://[fd00::1]/feed"))))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.org/feed", "jar:file:/x.jar!/a.xml",
            "gopher://example.org/", "//example.org/feed", "http:/relative"})
    void check_accepts_only_http_and_https_with_a_host(String url) {
        FetchException e = catchThrowableOfType(FetchException.class,
                () -> AddressPolicy.allowAll().check(URI.create(url)));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.INVALID_URL);
    }
}
