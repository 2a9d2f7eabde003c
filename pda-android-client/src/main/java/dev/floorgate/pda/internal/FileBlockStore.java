package dev.floorgate.pda.internal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * {@link BlockStore} of real files. {@code rename(2)} within one directory is atomic on Linux and Android;
 * the directory is then synced so that the new name also survives power loss (where the platform lets a
 * directory be opened; otherwise the file system's own ordering is relied on, as ext4 and f2fs commit a rename
 * with the next file sync).
 */
final class FileBlockStore implements BlockStore {
    static final FileBlockStore INSTANCE = new FileBlockStore();

    private FileBlockStore() {
    }

    @Override
    public BlockFile open(File file) throws IOException {
        return new RandomAccessBlockFile(file);
    }

    @Override
    public boolean exists(File file) {
        return file.exists();
    }

    @Override
    public void replace(File source, File target) throws IOException {
        if (!source.renameTo(target)) {
            throw new IOException("could not rename " + source + " to " + target
                    + " (source exists: " + source.exists() + ")");
        }
        File dir = target.getAbsoluteFile().getParentFile();
        if (dir != null) {
            try (FileChannel d = FileChannel.open(dir.toPath(), StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | RuntimeException directoryNotSyncable) {
                // not every platform opens directories; see the class comment
            }
        }
    }

    @Override
    public void delete(File file) throws IOException {
        if (file.exists() && !file.delete()) {
            throw new IOException("could not delete " + file);
        }
    }
}
