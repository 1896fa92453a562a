package org.confbridge.media.srtp;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP protection of one call's RTP (RFC 3711, SDES keys): packets are protected and unprotected in place, in
 * the caller's buffers, with no allocation per packet. The packet transform is Jitsi's (its replay window
 * included); this class keys it and keeps one context per SSRC and direction.
 *
 * <p>Threads: {@link #protect} on the sending thread only, {@link #unprotect} on the receiving thread only.
 */
public final class SrtpStream {

    /** Why an incoming packet was refused. */
    public enum Failure {
        /** The authentication tag does not match: a wrong key, or tampering. */
        AUTHENTICATION,
        /** Seen before or too old for the replay window. */
        REPLAY,
        /** Too short to be SRTP, or the transform failed. */
        INVALID
    }

    private static final LoggerImpl LOG = new LoggerImpl(SrtpStream.class.getName());

    private final SrtpKeys keys;
    private final SrtpContextFactory sending;
    private final SrtpContextFactory receiving;
    private final PacketView outView = new PacketView();
    private final PacketView inView = new PacketView();
    private SrtpCryptoContext sendContext;
    private int sendSsrc;
    private SrtpCryptoContext receiveContext;
    private int receiveSsrc;
    private Failure lastFailure;

    public SrtpStream(SrtpKeys keys) {
        this.keys = keys;
        SrtpPolicy policy = policy(keys.suite());
        this.sending = new SrtpContextFactory(true, keys.local().masterKey(), keys.local().masterSalt(), policy, policy,
                LOG);
        this.receiving = new SrtpContextFactory(false, keys.remote().masterKey(), keys.remote().masterSalt(), policy,
                policy, LOG);
    }

    private static SrtpPolicy policy(SrtpSuite suite) {
        // AES-128 CM, HMAC-SHA1 with a 160-bit key, the suite's tag, 112-bit salt (RFC 4568 6.2.1/6.2.2)
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, SrtpSuite.KEY_LENGTH, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                20, suite.tagLength(), SrtpSuite.SALT_LENGTH);
    }

    public SrtpKeys keys() {
        return keys;
    }

    /** Bytes {@link #protect} adds: the buffer must have this much room after the packet. */
    public int overhead() {
        return keys.suite().tagLength();
    }

    /**
     * Encrypts and authenticates the RTP packet in {@code buffer[0, length)}.
     *
     * @return the SRTP packet's length ({@code length} + {@link #overhead()}), or -1 if it could not be protected
     */
    public int protect(byte[] buffer, int length) {
        try {
            int ssrc = ssrcOf(buffer);
            if (sendContext == null || ssrc != sendSsrc) {
                sendContext = sending.deriveContext(ssrc, 0);
                sendSsrc = ssrc;
            }
            outView.set(buffer, length);
            return sendContext.transformPacket(outView) == SrtpErrorStatus.OK ? outView.length : -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Authenticates and decrypts the SRTP packet in {@code buffer[0, length)}, in place.
     *
     * @return the RTP packet's length, or -1 (then {@link #lastFailure()} says why)
     */
    public int unprotect(byte[] buffer, int length) {
        if (length < 12 + overhead()) {
            lastFailure = Failure.INVALID;
            return -1;
        }
        try {
            int ssrc = ssrcOf(buffer);
            if (receiveContext == null || ssrc != receiveSsrc) {
                receiveContext = receiving.deriveContext(ssrc, 0);
                receiveSsrc = ssrc;
            }
            inView.set(buffer, length);
            SrtpErrorStatus status = receiveContext.reverseTransformPacket(inView, false);
            if (status == SrtpErrorStatus.OK) {
                return inView.length;
            }
            lastFailure = switch (status) {
                case AUTH_FAIL -> Failure.AUTHENTICATION;
                case REPLAY_FAIL, REPLAY_OLD -> Failure.REPLAY;
                default -> Failure.INVALID;
            };
            return -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            lastFailure = Failure.INVALID;
            return -1;
        }
    }

    /** Why the last {@link #unprotect} returned -1. */
    public Failure lastFailure() {
        return lastFailure;
    }

    public void close() {
        sending.close();
        receiving.close();
    }

    private static int ssrcOf(byte[] packet) {
        return (packet[8] & 0xFF) << 24 | (packet[9] & 0xFF) << 16 | (packet[10] & 0xFF) << 8 | packet[11] & 0xFF;
    }

    /** The library's view of a packet: our buffer, reused for every packet. */
    private static final class PacketView implements ByteArrayBuffer {
        private byte[] buffer;
        private int length;

        void set(byte[] buffer, int length) {
            this.buffer = buffer;
            this.length = length;
        }

        @Override
        public byte[] getBuffer() {
            return buffer;
        }

        @Override
        public int getOffset() {
            return 0;
        }

        @Override
        public int getLength() {
            return length;
        }

        @Override
        public void setLength(int newLength) {
            length = newLength;
        }

        @Override
        public void setOffset(int offset) {
            if (offset != 0) {
                throw new UnsupportedOperationException("packets start at 0");
            }
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        @Override
        public void readRegionToBuff(int offset, int count, byte[] out) {
            System.arraycopy(buffer, offset, out, 0, count);
        }

        @Override
        public void grow(int extra) {
            if (length + extra > buffer.length) {
                throw new IllegalStateException("no room for the SRTP tag");
            }
        }

        @Override
        public void append(byte[] data, int count) {
            grow(count);
            System.arraycopy(data, 0, buffer, length, count);
            length += count;
        }

        @Override
        public void shrink(int count) {
            length -= count;
        }
    }
}
