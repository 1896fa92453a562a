/**
 * Webhooks: a client's URLs that get its conference events as signed JSON POSTs. Events reach the database
 * outbox ({@code webhook_deliveries}) from a writer thread of their own (the bus only queues them), and
 * sender threads deliver the outbox: per webhook and conference one delivery at a time in event order,
 * retried with exponential backoff (1 s doubling to 60 s) for {@link org.confbridge.app.webhooks.Backoff#GIVE_UP_AFTER}.
 * A delivery is signed with HMAC-SHA256 (RFC 2104) over {@code <timestamp>.<body>}.
 */
package org.confbridge.app.webhooks;
