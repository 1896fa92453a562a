package org.confbridge.interfaces.sip.invite;

import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

/**
 * Where invite calls go and who they come from, from the launcher's published configuration:
 * {@code trunk.uri} (e.g. {@code sip:gateway.example.net:5060;transport=tcp}; empty: invites fail as
 * "unreachable") and {@code invite.caller.id} (a number or user, or a full SIP address such as
 * {@code "Conference" <sip:+15550100@example.net>}; default {@code sip:conference@<bind address>}).
 */
final class TrunkSettings {

    private static final Logger LOG = Logger.getLogger(TrunkSettings.class.getName());

    private final SipURI trunk;
    private final Address callerId;

    private TrunkSettings(SipURI trunk, Address callerId) {
        this.trunk = trunk;
        this.callerId = callerId;
    }

    /**
     * Reads and checks the settings.
     *
     * @throws ServletException when a setting is malformed (the operator must fix it)
     */
    static TrunkSettings fromSystemProperties(SipFactory factory) throws ServletException {
        String trunkValue = property("trunk.uri", "");
        String host = property("bind.address", "127.0.0.1");
        String callerValue = property("invite.caller.id", "conference");
        SipURI trunk = null;
        if (!trunkValue.isEmpty()) {
            try {
                URI uri = factory.createURI(trunkValue);
                if (!(uri instanceof SipURI)) {
                    throw new ServletException("trunk.uri must be a sip: or sips: URI, got " + trunkValue);
                }
                trunk = (SipURI) uri;
            } catch (ServletParseException e) {
                throw new ServletException("trunk.uri is not a SIP URI: " + trunkValue, e);
            }
        } else {
            LOG.info("no trunk.uri configured: invites (*8, REST) will fail as unreachable");
        }
        String callerAddress = callerValue.contains(":") ? callerValue : "sip:" + callerValue + "@" + host;
        try {
            return new TrunkSettings(trunk, factory.createAddress(callerAddress));
        } catch (ServletParseException e) {
            throw new ServletException("invite.caller.id is not a number, user or SIP address: " + callerValue, e);
        }
    }

    private static String property(String key, String fallback) {
        String value = System.getProperty("confbridge." + key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    boolean hasTrunk() {
        return trunk != null;
    }

    /** {@code sip:<number>@<trunk host:port>} with the trunk URI's parameters (e.g. transport). */
    SipURI requestUri(String number) {
        SipURI target = (SipURI) trunk.clone();
        target.setUser(number);
        return target;
    }

    Address callerId() {
        return (Address) callerId.clone();
    }
}
