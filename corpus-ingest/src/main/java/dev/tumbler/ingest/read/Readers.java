package dev.tumbler.ingest.read;

/** Picks the {@link RecordReader} for an {@link InputFormat}. */
public final class Readers {

    private Readers() {
    }

    public static RecordReader forFormat(InputFormat format, ReaderOptions options) {
        return switch (format) {
            case WARC -> new WarcReader(options);
            case WET -> new WetReader(options);
            case JSONL -> new JsonlReader(options);
            case TEXT -> new TextReader(options);
            case PARQUET -> new ParquetReader(options);
        };
    }
}
