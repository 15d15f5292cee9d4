package dev.tumbler.store;

/**
 * Names of staging directories, {@code <kind>-<name>-v<N>-<token>}: the claimed version and the
 * token written into its claim, so publish and gc can tell whose claim a staging directory holds.
 */
final class StagingNames {
    private static final int TOKEN_LENGTH = 36;   // a UUID

    private StagingNames() {
    }

    static String of(ArtifactRef ref, String token) {
        return ref.kind().dirName() + "-" + ref.name() + "-v" + ref.version() + "-" + token;
    }

    /** The claim token at the end of a staging directory's name. */
    static String token(String stagingDirName) {
        return stagingDirName.length() > TOKEN_LENGTH
                ? stagingDirName.substring(stagingDirName.length() - TOKEN_LENGTH) : stagingDirName;
    }
}
