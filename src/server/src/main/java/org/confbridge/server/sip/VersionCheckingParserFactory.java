package org.confbridge.server.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;

/**
 * JAIN-SIP's parser, except that it remembers a request line's SIP version other than 2.0 (the stock
 * parser silently reads "SIP/3.0" as 2.0), so that {@link RequestScreen} can answer 505. Installed with
 * {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY} in {@code mss-sip-stack.properties}.
 */
public final class VersionCheckingParserFactory implements MessageParserFactory {

    /** Set on requests whose request line names another SIP version; its value is that version. */
    static final String OTHER_VERSION = "X-Confbridge-Other-Version";

    private final MessageParserFactory stock = new StringMsgParserFactory();

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = stock.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> {
            SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, listener);
            if (message instanceof SIPRequest) {
                String version = requestLineVersion(bytes);
                if (version != null && !version.equalsIgnoreCase("SIP/2.0")) {
                    message.addHeader(OTHER_VERSION + ": " + version.replaceAll("[^A-Za-z0-9/.]", "?"));
                }
            }
            return message;
        };
    }

    /** The last word of the first non-empty line, or null. */
    static String requestLineVersion(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        int end = start;
        while (end < bytes.length && end - start < 2048 && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String line = new String(bytes, start, end - start, StandardCharsets.US_ASCII).trim();
        int space = line.lastIndexOf(' ');
        return space < 0 ? null : line.substring(space + 1);
    }
}
