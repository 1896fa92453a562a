/**
 * The operator's settings, one record read once: {@code CONF_X_Y} = {@code x.y} in
 * {@code confbridge.properties} = {@code -Dconfbridge.x.y}. May contain: reading and checking settings.
 * No product rules; consumers ask for typed values.
 */
package org.confbridge.app.config;
