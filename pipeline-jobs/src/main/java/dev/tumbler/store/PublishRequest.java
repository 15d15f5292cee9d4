package dev.tumbler.store;

import java.util.List;
import java.util.Map;

/** What a job tells the store about the artifact it is publishing. */
public record PublishRequest(
        String command,
        Map<String, Object> config,
        List<ArtifactRef> inputs,
        Map<String, Object> metrics) {
}
