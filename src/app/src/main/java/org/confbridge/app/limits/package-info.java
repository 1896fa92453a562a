/**
 * Plain limits against guessing from one source address (wrong PINs, wrong OAuth secrets): no
 * container types, time passed in through a {@link java.time.Clock}.
 */
package org.confbridge.app.limits;
