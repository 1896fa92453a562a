package org.confbridge.app.recording;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.ejb.DependsOn;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.confbridge.infrastructure.persistence.RecordingEntity;

/**
 * At start-up, recordings this server left "recording" when it stopped abruptly (crash, kill) are
 * marked failed, so that their metadata tells the truth and they can be deleted, and the partial
 * {@code .part} file the killed recorder left is removed. Only recordings whose
 * file lies under this server's recording directory are touched: other servers sharing the database
 * keep theirs.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class InterruptedRecordings {

    static final String ERROR = "the server stopped during the recording; the audio was not kept";
    private static final Logger LOG = Logger.getLogger(InterruptedRecordings.class.getName());

    @PersistenceContext(unitName = "confbridge")
    private EntityManager em;

    @PostConstruct
    void failInterrupted() {
        Path mine = CallRecorder.recordingDirectory();
        List<RecordingEntity> running = em.createQuery(
                "SELECT r FROM RecordingEntity r WHERE r.status = 'recording'", RecordingEntity.class).getResultList();
        int failed = 0;
        for (RecordingEntity recording : running) {
            if (recording.getFilePath() != null && Path.of(recording.getFilePath()).startsWith(mine)) {
                recording.fail(ERROR);
                failed++;
                Path file = Path.of(recording.getFilePath());
                try {
                    // What the killed recorder had written so far: nobody can play it, it only fills the disk.
                    java.nio.file.Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".part"));
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.log(java.util.logging.Level.WARNING, "could not delete the partial file of recording "
                            + recording.getId(), e);
                }
            }
        }
        if (failed > 0) {
            int count = failed;
            LOG.warning(() -> count + " recording(s) interrupted by the last stop marked failed");
        }
    }
}
