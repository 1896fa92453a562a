-- Uploaded sounds keep 16 kHz when their source has it (wideband callers hear them in full); older rows are 8 kHz.
ALTER TABLE sound_audio ADD COLUMN pcm_rate INTEGER DEFAULT 8000 NOT NULL;
