package dev.floorgate.devices.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes each printed format to its own file in the capture directory: {@code label-000001.zpl}, numbered by
 * arrival so that names sort in order. A file is written aside ({@code .label-000001.zpl.tmp}) and renamed, so
 * a reader that lists {@code label-*.zpl} never sees half a label.
 */
final class LabelCapture {

    private final Path dir;

    LabelCapture(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    Path write(int sequence, byte[] format) throws IOException {
        String name = String.format("label-%06d.zpl", sequence);
        Path temp = dir.resolve("." + name + ".tmp");
        Path target = dir.resolve(name);
        Files.write(temp, format);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    Path dir() {
        return dir;
    }
}
