package dev.floorgate.systemtests;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where Debian's libfaketime is (package {@code faketime}; scripts/ensure-services.sh installs it). */
final class FakeTime {
    private FakeTime() {
    }

    /** The multi-threaded variant, which the JVM needs. */
    static String library() throws IOException {
        try (DirectoryStream<Path> arches = Files.newDirectoryStream(Paths.get("/usr/lib"))) {
            for (Path arch : arches) {
                Path lib = arch.resolve("faketime/libfaketimeMT.so.1");
                if (Files.isRegularFile(lib)) {
                    return lib.toString();
                }
            }
        }
        throw new IllegalStateException("libfaketime is missing: install Debian's faketime package "
                + "(scripts/ensure-services.sh does) to run the wrong-clock tests");
    }
}
