/**
 * The embedded confbridge server: one JVM running OpenEJB 8 (the EJB module with JTA and JPA) and
 * Restcomm SIP Servlets on Tomcat 7 (the converged SIP + HTTP module), configured from environment
 * variables or one properties file. May contain: start-up, configuration, port checks and shutdown.
 * No product rules live here.
 */
package org.confbridge.server;
