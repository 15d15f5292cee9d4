package dev.tumbler.ingest.read;

/** The input formats ingest reads. Compression (gzip, zstd) is orthogonal and detected from the file name. */
public enum InputFormat { WARC, WET, JSONL, TEXT, PARQUET }
