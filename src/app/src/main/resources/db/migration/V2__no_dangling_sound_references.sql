-- Issue 10: a sound deleted while a conference was being pointed at it could leave the conference
-- referring to a sound that no longer exists (after which every PUT on it was refused). Both writes
-- now lock the sound's row; references left behind by the old race are reset to the default here.
UPDATE conference_properties SET enter_sound = NULL
    WHERE enter_sound IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sounds s WHERE s.id = enter_sound);
UPDATE conference_properties SET music_on_hold_sound = NULL
    WHERE music_on_hold_sound IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sounds s WHERE s.id = music_on_hold_sound);
