/**
 * A client's webhooks ({@code /api/ver1.0/client/{client_id}/webhook}): create, list, change, delete, and
 * each one's delivery log. Deliveries are JSON POSTs signed as {@link org.confbridge.app.webhooks.Signature}
 * says.
 */
package org.confbridge.interfaces.rest.webhooks;
