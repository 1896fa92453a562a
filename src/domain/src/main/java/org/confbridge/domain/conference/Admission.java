package org.confbridge.domain.conference;

/** Whether one more caller may enter now. Locked refuses moderators too; full counts admitted participants. */
public enum Admission {
    ADMITTED,
    REFUSED_LOCKED,
    REFUSED_FULL
}
