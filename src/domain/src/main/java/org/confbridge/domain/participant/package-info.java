/**
 * Identity values of a conference participant, shared by the PIN entry and the conference:
 * {@link ParticipantId}, {@link Role}, {@link Origin}. Values only; no behaviour.
 */
package org.confbridge.domain.participant;
