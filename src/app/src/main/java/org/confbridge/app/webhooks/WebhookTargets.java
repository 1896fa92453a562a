package org.confbridge.app.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.confbridge.app.config.Settings;

/**
 * Where webhooks may point (against server-side request forgery: a client must not make the server POST to
 * its own admin ports, the cloud metadata address or hosts of the internal network). A URL's host is
 * resolved and every address it has must be a public unicast one, unless the host or the address is in
 * {@code webhook.allowed.hosts} (comma-separated host names, IP addresses and CIDR ranges such as
 * {@code 10.1.0.0/16}). Checked when a webhook is registered and again before each delivery attempt, so a
 * name that later resolves to an internal address (DNS rebinding) is refused then.
 *
 * <p>Refused: loopback, unspecified ({@code 0.0.0.0}, {@code ::}), private (10/8, 172.16/12, 192.168/16,
 * IPv6 fc00::/7), link-local (169.254/16 with the metadata service, fe80::/10), carrier-grade NAT
 * (100.64/10), {@code 0/8}, multicast and broadcast.
 */
public final class WebhookTargets {

    public static final String SETTING = "webhook.allowed.hosts";

    private final List<String> hostNames = new ArrayList<>();
    private final List<byte[]> networks = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();

    private WebhookTargets(String allowed) {
        for (String raw : allowed.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (!isIpLiteral(address)) {
                hostNames.add(entry);
                continue;
            }
            byte[] bytes = literal(address).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException(SETTING + ": bad prefix length in '" + raw.trim() + "'");
            }
            networks.add(bytes);
            prefixes.add(prefix);
        }
    }

    /** The rule of this server ({@value #SETTING}, read once). */
    public static WebhookTargets fromSettings() {
        return of(Settings.current().string("webhook.allowed.hosts", ""));
    }

    /** The rule for an allow-list in the setting's syntax (empty: public addresses only). */
    public static WebhookTargets of(String allowed) {
        return new WebhookTargets(allowed == null ? "" : allowed);
    }

    /**
     * Why the server must not send to {@code url}'s host now, or empty when it may. A host that does not
     * resolve is not refused here (there is nothing to connect to; delivery checks again).
     */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.of("has no host");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (hostNames.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (!allowed(address) && internal(address)) {
                return Optional.of("points to " + address.getHostAddress() + ", an internal address (loopback,"
                        + " private, link-local or similar); the server's operator may allow it in "
                        + Settings.environmentNameOf(SETTING));
            }
        }
        return Optional.empty();
    }

    private boolean allowed(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < networks.size(); i++) {
            if (inNetwork(bytes, networks.get(i), prefixes.get(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0 || (first == 100 && (second & 0xC0) == 64) || (b[0] & b[1] & b[2] & b[3]) == -1;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) {
                return true; // unique local fc00::/7
            }
            boolean mapped = true; // ::ffff:a.b.c.d written out (Java only converts the literal form)
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & b[11]) == -1) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inNetwork(byte[] address, byte[] network, int prefix) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    private static boolean isIpLiteral(String text) {
        return text.contains(":") || text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(SETTING + ": not an IP address: '" + text + "'", e);
        }
    }
}
