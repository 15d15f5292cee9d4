package dev.tumbler.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Fetches an npm package's tarball with {@code npm pack SPEC --silent}, without installing anything. */
final class NpmPack {
    private NpmPack() {
    }

    /** A fetcher that runs {@code npm pack spec} in its temp folder and returns the {@code .tgz} it wrote. */
    static NpmWarcSample.TarballFetcher fetcher(String npm, String spec) {
        return (tempDir, log) -> {
            Commands.Result result = Commands.run(tempDir, 600, List.of(npm, "pack", spec, "--silent"));
            if (!result.ok()) {
                throw new IOException("npm pack " + spec + " failed (exit " + result.exitCode() + "): "
                        + result.tail());
            }
            try (Stream<Path> list = Files.list(tempDir)) {
                return list.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                        .findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + spec + " wrote no .tgz; output: "
                                + result.tail()));
            }
        };
    }
}
