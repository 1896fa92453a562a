/**
 * REST side of the cluster: the node's own resource (its view, drain) and the filter that carries live
 * actions on a conference owned by another node over to that node.
 */
package org.confbridge.interfaces.rest.cluster;
