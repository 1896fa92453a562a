package org.confbridge.infrastructure.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The bytes of a sound: the original upload and its conversion to 8 or 16 kHz mono 16-bit PCM. */
@Entity
@Table(name = "sound_audio")
public class SoundAudioEntity {

    @Id
    @Column(name = "sound_id")
    private Long soundId;

    @Column(name = "original_data", nullable = false)
    private byte[] originalData;

    @Column(name = "pcm_data", nullable = false)
    private byte[] pcmData;

    @Column(name = "pcm_rate", nullable = false)
    private int pcmRate = 8000;

    protected SoundAudioEntity() {
    }

    public SoundAudioEntity(Long soundId, byte[] originalData, byte[] pcmData, int pcmRate) {
        this.soundId = soundId;
        replace(originalData, pcmData, pcmRate);
    }

    public final void replace(byte[] newOriginal, byte[] newPcm, int newPcmRate) {
        this.originalData = newOriginal;
        this.pcmData = newPcm;
        this.pcmRate = newPcmRate;
    }

    /** Sample rate of {@link #getPcmData()}: 8000, or 16000 for wideband uploads. */
    public int getPcmRate() {
        return pcmRate;
    }

    public Long getSoundId() {
        return soundId;
    }

    public byte[] getOriginalData() {
        return originalData;
    }

    public byte[] getPcmData() {
        return pcmData;
    }
}
