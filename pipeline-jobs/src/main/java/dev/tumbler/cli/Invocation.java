package dev.tumbler.cli;

import picocli.CommandLine.Model.CommandSpec;

/** The command line as the user typed it, for manifests. */
final class Invocation {
    private Invocation() {
    }

    static String commandLine(CommandSpec spec) {
        CommandSpec root = spec;
        while (root.parent() != null) {
            root = root.parent();
        }
        return "tumbler " + String.join(" ", root.commandLine().getParseResult().originalArgs());
    }
}
