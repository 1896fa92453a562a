package org.confbridge.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Checks that the configured ports can be bound before the containers try: the SIP stack only logs a
 * failed bind and carries on, so without this the server would run deaf.
 */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(ServerSettings settings) {
        InetAddress address = address(settings.bindAddress());
        requireUdp(address, settings.sipPort(), "SIP (CONF_SIP_PORT) over UDP");
        requireTcp(address, settings.sipPort(), "SIP (CONF_SIP_PORT) over TCP");
        requireTcp(address, settings.httpPort(), "HTTP (CONF_HTTP_PORT)");
        if (settings.sipTlsPort() != 0) {
            requireTcp(address, settings.sipTlsPort(), "SIP over TLS (CONF_SIP_TLS_PORT)");
        }
    }

    static InetAddress address(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new ConfigurationException("CONF_BIND_ADDRESS " + bindAddress + " is not a valid address", e);
        }
    }

    private static void requireUdp(InetAddress address, int port, String what) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw cannotBind(address, port, what, e);
        }
    }

    private static void requireTcp(InetAddress address, int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw cannotBind(address, port, what, e);
        }
    }

    private static ConfigurationException cannotBind(InetAddress address, int port, String what, IOException e) {
        return new ConfigurationException("cannot listen for " + what + " on " + address.getHostAddress() + ":" + port
                + ": " + e.getMessage() + " (is another server running? choose another port)", e);
    }
}
