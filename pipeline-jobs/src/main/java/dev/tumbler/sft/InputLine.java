package dev.tumbler.sft;

import java.io.Serializable;

/**
 * One conversation line on its way into a {@code conversations} artifact, from a source of the mixture or a user's
 * file.
 *
 * @param id         unique within the artifact
 * @param source     the source (task) name the artifact counts it under
 * @param file       where the line came from: the input file, or the source's name for generated lines
 * @param lineNumber its line number in {@code file} (1-based), or its index in the source
 * @param raw        the line as read
 */
public record InputLine(String id, String source, String file, long lineNumber, String raw) implements Serializable {
}
