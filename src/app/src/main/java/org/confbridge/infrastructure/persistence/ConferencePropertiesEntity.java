package org.confbridge.infrastructure.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import javax.persistence.Version;
import org.confbridge.domain.settings.ConferenceSettings;

/**
 * The stored form of {@link ConferenceSettings}. The {@code version} column gives optimistic
 * locking: two concurrent updates cannot silently overwrite each other.
 */
@Entity
@Table(name = "conference_properties")
@NamedQuery(name = ConferencePropertiesEntity.COUNT_USING_SOUND,
        query = "SELECT COUNT(p) FROM ConferencePropertiesEntity p"
                + " WHERE p.enterSound = :soundId OR p.musicOnHoldSound = :soundId")
public class ConferencePropertiesEntity {

    public static final String COUNT_USING_SOUND = "ConferenceProperties.countUsingSound";

    @Id
    @Column(name = "extension_id")
    private Long extensionId;

    @Column(name = "announce_caller_name", nullable = false)
    private boolean announceCallerName;

    @Column(name = "enter_sound")
    private Long enterSound;

    @Column(name = "max_members")
    private Integer maxMembers;

    private String pin;

    @Column(name = "moderator_pin")
    private String moderatorPin;

    @Column(name = "mute_non_moderator", nullable = false)
    private boolean muteNonModerator;

    @Column(name = "music_on_hold_sound")
    private Long musicOnHoldSound;

    @Column(name = "record_enabled", nullable = false)
    private boolean recordEnabled;

    @Version
    private long version;

    protected ConferencePropertiesEntity() {
    }

    public ConferencePropertiesEntity(Long extensionId, ConferenceSettings settings) {
        this.extensionId = extensionId;
        apply(settings);
    }

    public Long getExtensionId() {
        return extensionId;
    }

    public long getVersion() {
        return version;
    }

    public ConferenceSettings toSettings() {
        return new ConferenceSettings(announceCallerName, enterSound, maxMembers, pin, moderatorPin,
                muteNonModerator, musicOnHoldSound, recordEnabled);
    }

    public final void apply(ConferenceSettings settings) {
        announceCallerName = settings.announceCallerName();
        enterSound = settings.enterSound();
        maxMembers = settings.maxMembers();
        pin = settings.pin();
        moderatorPin = settings.moderatorPin();
        muteNonModerator = settings.muteNonModerator();
        musicOnHoldSound = settings.musicOnHoldSound();
        recordEnabled = settings.recordEnabled();
    }
}
