package dev.tumbler.ingest.filter;

import dev.tumbler.ingest.doc.Document;
import java.io.Serializable;

/**
 * One quality step. It reads {@link Document#getText()}, may record metrics in
 * {@link Document#getQuality()}, may rewrite the text (line-level filters), and answers keep or drop
 * with a reason. Counting and rejected-document writing live in the pipeline, not here.
 */
public interface DocumentFilter extends Serializable {
    /** The step name reported in stats and {@code _rejected/}, e.g. {@code "gopher_quality"}. */
    String name();

    FilterResult apply(Document doc);
}
