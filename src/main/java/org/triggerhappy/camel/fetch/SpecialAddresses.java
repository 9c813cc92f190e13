package org.triggerhappy.camel.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Address blocks a feed fetch must not reach by default: everything that is not the public internet. */
final class SpecialAddresses {

    private static final Map<IpRange, String> BLOCKS = new LinkedHashMap<>();

    static {
        block("0.0.0.0/8", "unspecified");
        block("10.0.0.0/8", "private");
        block("100.64.0.0/10", "shared (CGNAT)");
        block("127.0.0.0/8", "loopback");
        block("169.254.0.0/16", "link-local");
        block("172.16.0.0/12", "private");
        block("192.168.0.0/16", "private");
        block("224.0.0.0/4", "multicast");
        block("240.0.0.0/4", "reserved"); // includes 255.255.255.255 broadcast
        block("::/128", "unspecified");
        block("::1/128", "loopback");
        block("fc00::/7", "private");
        block("fe80::/10", "link-local");
        block("fec0::/10", "site-local");
        block("ff00::/8", "multicast");
    }

    private static final IpRange IPV4_COMPATIBLE = IpRange.parse("::/96");
    private static final IpRange NAT64 = IpRange.parse("64:ff9b::/96");

    private SpecialAddresses() {
    }

    private static void block(String cidr, String category) {
        BLOCKS.put(IpRange.parse(cidr), category);
    }

    /** The category ("private", "loopback", …) of a non-public address, empty for a public one. */
    static Optional<String> category(InetAddress address) {
        InetAddress a = IpRange.unmapped(address);
        for (Map.Entry<IpRange, String> block : BLOCKS.entrySet()) {
            if (block.getKey().contains(a)) {
                return Optional.of(block.getValue());
            }
        }
        // IPv6 forms that carry an IPv4 address through to the IPv4 network
        if (a instanceof Inet6Address && (IPV4_COMPATIBLE.contains(a) || NAT64.contains(a))) {
            InetAddress embedded = IpRange.v4(Arrays.copyOfRange(a.getAddress(), 12, 16));
            return category(embedded).map(c -> c + " (embedded IPv4 " + embedded.getHostAddress() + ")");
        }
        return Optional.empty();
    }
}
