package org.confbridge.testkit.rtp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP (RFC 3711) for one direction of a test phone's stream, AES-128 counter mode with HMAC-SHA1, written
 * from the RFC with the JDK's ciphers: deliberately not the server's implementation, so a test call checks
 * that two independent implementations agree (key derivation, IV, tag, rollover counter).
 */
public final class SrtpContext {

    private static final int LABEL_CIPHER = 0;
    private static final int LABEL_AUTH = 1;
    private static final int LABEL_SALT = 2;

    private final byte[] masterKey;
    private final byte[] masterSalt;
    private final int tagLength;
    private final SecretKeySpec sessionKey;
    private final byte[] sessionSalt;
    private final Mac mac;
    private final Cipher cipher;
    // index tracking (RFC 3711 3.3.1 and appendix A)
    private long rollover;
    private int highestSequence = -1;

    /** @param keyAndSalt the 30 bytes of an SDES inline key; {@code tagLength} 10 (_80) or 4 (_32) */
    public SrtpContext(byte[] keyAndSalt, int tagLength) {
        this.masterKey = Arrays.copyOf(keyAndSalt, 16);
        this.masterSalt = Arrays.copyOfRange(keyAndSalt, 16, 30);
        this.tagLength = tagLength;
        try {
            this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
            this.sessionKey = new SecretKeySpec(derive(LABEL_CIPHER, 16), "AES");
            this.sessionSalt = derive(LABEL_SALT, 14);
            this.mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(derive(LABEL_AUTH, 20), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 30 random bytes: a master key and salt for an SDES {@code inline:} parameter. */
    public static byte[] newKeyAndSalt() {
        byte[] material = new byte[30];
        new SecureRandom().nextBytes(material);
        return material;
    }

    public static String inline(byte[] keyAndSalt) {
        return Base64.getEncoder().encodeToString(keyAndSalt);
    }

    /** Sender: the SRTP packet for an RTP packet. */
    public synchronized byte[] protect(byte[] rtp) {
        int sequence = sequence(rtp);
        if (highestSequence >= 0 && sequence < highestSequence && highestSequence - sequence > 32768) {
            rollover++; // the 16-bit sequence number wrapped
        }
        highestSequence = sequence;
        long index = (rollover << 16) | sequence;
        byte[] out = Arrays.copyOf(rtp, rtp.length + tagLength);
        crypt(out, rtp.length, ssrc(rtp), index);
        byte[] tag = tag(out, rtp.length, rollover);
        System.arraycopy(tag, 0, out, rtp.length, tagLength);
        return out;
    }

    /** Receiver: the RTP packet inside an SRTP packet, or null if its tag is wrong. No replay list: a test phone. */
    public synchronized byte[] unprotect(byte[] srtp, int length) {
        if (length < 12 + tagLength) {
            return null;
        }
        int sequence = sequence(srtp);
        long guess = rollover;
        if (highestSequence >= 0) {
            if (highestSequence < 32768) {
                if (sequence - highestSequence > 32768) {
                    guess = rollover - 1;
                }
            } else if (highestSequence - 32768 > sequence) {
                guess = rollover + 1;
            }
        }
        int authenticated = length - tagLength;
        byte[] expected = tag(srtp, authenticated, guess);
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, tagLength), Arrays.copyOfRange(srtp, authenticated, length))) {
            return null;
        }
        byte[] rtp = Arrays.copyOf(srtp, authenticated);
        crypt(rtp, authenticated, ssrc(srtp), (guess << 16) | sequence);
        if (guess > rollover) {
            rollover = guess;
            highestSequence = sequence;
        } else if (guess == rollover && sequence > highestSequence) {
            highestSequence = sequence;
        }
        return rtp;
    }

    // ---- RFC 3711 4.1.1 (AES-CM), 4.2.1 (HMAC-SHA1), 4.3.1 (key derivation) ----------------------------

    private void crypt(byte[] packet, int end, long ssrc, long index) {
        int headerLength = 12 + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0) { // header extension
            headerLength += 4 + 4 * (((packet[headerLength + 2] & 0xFF) << 8) | (packet[headerLength + 3] & 0xFF));
        }
        byte[] iv = new byte[16];
        System.arraycopy(sessionSalt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, sessionKey, new IvParameterSpec(iv));
            byte[] clear = Arrays.copyOfRange(packet, headerLength, end);
            byte[] encrypted = cipher.doFinal(clear);
            System.arraycopy(encrypted, 0, packet, headerLength, encrypted.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] tag(byte[] packet, int authenticatedLength, long roc) {
        mac.update(packet, 0, authenticatedLength);
        mac.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
        return mac.doFinal();
    }

    private byte[] derive(int label, int length) throws GeneralSecurityException {
        return derive(masterKey, masterSalt, label, length);
    }

    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, 14);
        iv[7] ^= (byte) label; // key_id = label || index DIV kdr (kdr = 0: r = 0), aligned right on the 112-bit salt
        Cipher prf = Cipher.getInstance("AES/CTR/NoPadding");
        prf.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
        return prf.doFinal(new byte[length]);
    }

    private static int sequence(byte[] packet) {
        return ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }

    private static long ssrc(byte[] packet) {
        return ((packet[8] & 0xFFL) << 24) | ((packet[9] & 0xFFL) << 16) | ((packet[10] & 0xFFL) << 8) | (packet[11] & 0xFFL);
    }
}
