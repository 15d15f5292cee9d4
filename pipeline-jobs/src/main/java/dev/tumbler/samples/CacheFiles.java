package dev.tumbler.samples;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers: atomic replacement in the samples cache, and quiet cleanup of temp folders (samples, benches). */
public final class CacheFiles {

  private CacheFiles() {}

  /** Moves {@code from} onto {@code to}, replacing it, atomically where the file system can. */
  static void moveReplacing(Path from, Path to) throws IOException {
    Files.createDirectories(to.toAbsolutePath().getParent());
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A temp file next to {@code target} (same folder, so the final move is atomic). */
  static Path tempSibling(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
  }

  /** Deletes a file or folder tree; quietly does nothing when it is absent. */
  public static void deleteRecursively(Path path) {
    if (path == null || !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a leftover temp file is harmless
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
