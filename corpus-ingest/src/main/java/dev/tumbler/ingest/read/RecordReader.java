package dev.tumbler.ingest.read;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads one input file lazily into {@link RawRecord}s. It never throws for bad content: a truncated
 * stream, a malformed record, invalid UTF-8, a non-HTML payload or an oversized document comes back
 * as a rejected record with a reason, and reading goes on where it can.
 */
public interface RecordReader extends Serializable {
    Iterator<RawRecord> read(InputFile file, Configuration hadoopConf);
}
