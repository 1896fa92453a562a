package org.confbridge.interfaces.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import javax.servlet.sip.SipServletRequest;
import org.confbridge.app.config.Settings;

/**
 * The address a new call is counted against by the per-source limits (INVITE rate, wrong-PIN blocking).
 * Usually the address the request came from. Behind a SIP proxy (Kamailio in a cluster) every call comes
 * from the proxy, so a request from one of the trusted proxies ({@code sip.trusted.proxies}) is counted
 * against the address the proxy names in {@link #HEADER}; anyone else's such header is ignored.
 */
final class CallerSource {

    /** Set by the trusted proxy to the address the request reached it from (its {@code $si}). */
    static final String HEADER = "X-Confbridge-Source";
    private static final String KEY = "sip.trusted.proxies";
    /** Address literals only: a header or setting must never cause a DNS look-up. */
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Set<InetAddress> trustedProxies;

    CallerSource(Set<InetAddress> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** From {@code sip.trusted.proxies}: addresses separated by commas or spaces (empty: none). */
    static CallerSource fromSettings(Settings settings) {
        Set<InetAddress> proxies = new HashSet<>();
        for (String entry : settings.string(KEY, "").split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            InetAddress address = literal(entry);
            if (address == null) {
                throw new IllegalArgumentException(Settings.environmentNameOf(KEY) + " (" + KEY
                        + ") must list IP addresses, got '" + entry + "'");
            }
            proxies.add(address);
        }
        return new CallerSource(proxies);
    }

    /** The caller's address for the limits: the proxy's word when a trusted proxy sent it, else the sender. */
    String of(SipServletRequest request) {
        String remote = request.getRemoteAddr();
        InetAddress sender = literal(remote);
        if (sender != null && trustedProxies.contains(sender)) {
            String named = request.getHeader(HEADER);
            InetAddress caller = named == null ? null : literal(named.trim());
            if (caller != null) {
                return caller.getHostAddress();
            }
        }
        return remote;
    }

    private static InetAddress literal(String text) {
        if (text == null || !LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
