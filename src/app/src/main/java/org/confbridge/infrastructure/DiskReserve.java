package org.confbridge.infrastructure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A ballast file of fixed size in the data directory. When something else fills the disk to the last
 * byte, deleting it hands that space to the database, which can then finish its own bookkeeping
 * writes instead of failing one and closing its file for good (H2 cannot reopen it in the same
 * process). It is written again, atomically (temporary file, fsync, rename), once there is room.
 * Not thread-safe: its owner serialises calls.
 */
public final class DiskReserve {

    public static final String FILE_NAME = "disk-reserve.bin";
    private static final int BLOCK = 64 * 1024;

    private final Path file;
    private final long size;

    public DiskReserve(Path dataDir, long size) {
        this.file = dataDir.resolve(FILE_NAME);
        this.size = size;
    }

    public long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    /** The reserve is in place (or none is configured). */
    public boolean present() {
        try {
            return size == 0 || (Files.isRegularFile(file) && Files.size(file) >= size);
        } catch (IOException e) {
            return false;
        }
    }

    /** Frees the reserve's space; returns true when there was one to free. */
    public boolean release() {
        try {
            return size > 0 && Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the reserve (real blocks, not a sparse file); false when the disk has no room for it. */
    public boolean create() {
        if (size == 0 || present()) {
            return true;
        }
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer zeros = ByteBuffer.allocate(BLOCK);
                for (long written = 0; written < size; ) {
                    zeros.clear();
                    zeros.limit((int) Math.min(BLOCK, size - written));
                    written += channel.write(zeros);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to free
            }
            return false;
        }
    }
}
