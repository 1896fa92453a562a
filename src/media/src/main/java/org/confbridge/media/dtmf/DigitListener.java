package org.confbridge.media.dtmf;

/** Receives detected DTMF digits: {@code 0-9}, {@code *}, {@code #}, {@code A-D}. */
@FunctionalInterface
public interface DigitListener {
    void onDigit(char digit);
}
