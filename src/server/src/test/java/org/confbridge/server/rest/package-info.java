/**
 * The configuration REST API tested over HTTP against the packaged embedded server (child
 * process, real sockets), on H2 and on a real PostgreSQL, plus the API browser in headless
 * Chromium. The suite itself lives in confbridge-rest's test jar.
 */
package org.confbridge.server.rest;
