package org.confbridge.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskReserveTest {

    @TempDir
    Path dataDir;

    @Test
    void isWrittenInFullReleasedAndWrittenAgain() throws Exception {
        DiskReserve reserve = new DiskReserve(dataDir, 1024 * 1024 + 7);
        assertThat(reserve.present()).isFalse();

        assertThat(reserve.create()).isTrue();
        assertThat(Files.size(dataDir.resolve(DiskReserve.FILE_NAME))).isEqualTo(1024 * 1024 + 7);
        assertThat(reserve.present()).isTrue();
        assertThat(dataDir.resolve(DiskReserve.FILE_NAME + ".tmp")).doesNotExist();

        assertThat(reserve.release()).isTrue();
        assertThat(reserve.present()).isFalse();
        assertThat(reserve.release()).isFalse();
        assertThat(reserve.create()).isTrue();
        assertThat(reserve.present()).isTrue();
    }

    @Test
    void sizeZeroMeansNoReserve() {
        DiskReserve none = new DiskReserve(dataDir, 0);
        assertThat(none.present()).isTrue();
        assertThat(none.create()).isTrue();
        assertThat(none.release()).isFalse();
        assertThat(dataDir.resolve(DiskReserve.FILE_NAME)).doesNotExist();
    }
}
