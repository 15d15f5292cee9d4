package dev.tumbler.ingest.read;

import java.io.Serializable;

/** One input file: the unit of work an executor reads. {@code uri} is any Hadoop FileSystem URI. */
public record InputFile(String uri, long sizeBytes, InputFormat format) implements Serializable {
}
