package dev.gust.policy;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address block in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}); an address alone is
 * a block of one. Parsed without name resolution. Immutable.
 */
record Cidr(byte[] network, int prefix) {

    /** @throws MalformedPolicyException if {@code value} is not an address or block */
    static Cidr parse(String value) {
        int slash = value.indexOf('/');
        byte[] address = address(slash < 0 ? value.trim() : value.substring(0, slash).trim());
        if (address == null) {
            throw new MalformedPolicyException(PolicyValues.LEGACY_PARSING);
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                throw new MalformedPolicyException(PolicyValues.LEGACY_PARSING);
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new MalformedPolicyException(PolicyValues.LEGACY_PARSING);
            }
        }
        return new Cidr(address, prefix);
    }

    /** Whether {@code address} (a literal IPv4 or IPv6 address) lies in this block. */
    boolean contains(String address) {
        byte[] bytes = address(address);
        if (bytes == null || bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    /** The address's bytes (4 or 16), or {@code null} if it is not a literal address; never a DNS lookup. */
    private static byte[] address(String literal) {
        if (literal.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(literal).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
