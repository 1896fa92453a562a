/**
 * Application services of the configuration side: EJBs ({@code @Stateless} with container-managed
 * transactions, {@code @Singleton @Startup} for start-up work) that load, call the domain, store and
 * log. They speak in plain value types (records in this package, {@code org.confbridge.domain}
 * types); JPA entities never leave this module's services. Protocol adapters (REST, SIP) call them.
 * The live conference registry is in the sub-package {@code live}.
 */
package org.confbridge.app;
