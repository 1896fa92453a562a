/**
 * The live dashboard page ({@code /dashboard/}): plain HTML and JavaScript, no build step. It reads the
 * client's live conferences over the REST API, follows the event stream ({@code fetch} with the bearer
 * token: {@code EventSource} cannot send one), and calls the moderator actions.
 */
package org.confbridge.interfaces.rest.dashboard;
