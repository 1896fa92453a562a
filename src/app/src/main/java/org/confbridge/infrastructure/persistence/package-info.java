/**
 * JPA (EclipseLink) mapping of the configuration data: entities and the small queries the
 * application services need. Only this package carries JPA annotations; the domain stays plain.
 * The schema itself is owned by the Flyway migrations in {@code db/migration}; EclipseLink never
 * generates DDL.
 */
package org.confbridge.infrastructure.persistence;
