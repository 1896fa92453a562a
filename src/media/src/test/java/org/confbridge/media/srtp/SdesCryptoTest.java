package org.confbridge.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading and writing SDES a=crypto attributes (RFC 4568). */
class SdesCryptoTest {

    @Test
    void theRfcExampleIsReadAndWrittenBack() {
        SdesCrypto crypto = SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20")
                .orElseThrow();
        assertThat(crypto.tag()).isEqualTo(1);
        assertThat(crypto.suite()).isEqualTo(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        assertThat(crypto.toAttributeValue())
                .isEqualTo("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
        assertThat(SdesCrypto.parse(crypto.toAttributeValue())).contains(crypto);
        assertThat(crypto.toString()).doesNotContain("PS1u");
    }

    @Test
    void whatWeDoNotSpeakIsNotUsable() {
        String key = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|2^20|1:4")).as("MKI").isEmpty();
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|1:4")).as("MKI only").isEmpty();
        assertThat(SdesCrypto.parse("1 AES_256_CM_HMAC_SHA1_80 inline:" + key)).as("suite").isEmpty();
        assertThat(SdesCrypto.parse("1 F8_128_HMAC_SHA1_80 inline:" + key)).as("suite").isEmpty();
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + key + " UNENCRYPTED_SRTP")).isEmpty();
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:short")).as("length").isEmpty();
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:%%%%")).as("base64").isEmpty();
        assertThat(SdesCrypto.parse("x AES_CM_128_HMAC_SHA1_80 inline:" + key)).as("tag").isEmpty();
        assertThat(SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 " + key)).as("no inline:").isEmpty();
        assertThat(SdesCrypto.parse(null)).isEmpty();
    }
}
