package dev.tumbler.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The git commit this build came from, read from {@code tumbler-git.properties} generated at build time. */
public final class BuildInfo {
    private static final String COMMIT = load();

    private BuildInfo() {
    }

    public static String gitCommit() {
        return COMMIT;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/tumbler-git.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String id = p.getProperty("git.commit.id.full", "unknown");
            boolean dirty = Boolean.parseBoolean(p.getProperty("git.dirty", "false"));
            return dirty ? id + "-dirty" : id;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
