package dev.tumbler.ingest.filter;

/** A filter's answer: keep the document, or drop it with a short machine-readable reason. */
public record FilterResult(boolean keep, String reason) {
    public static final FilterResult KEEP = new FilterResult(true, null);

    /** Drop with a reason such as {@code "gopher_short_doc"}; it lands in {@code _rejected/} and the stats. */
    public static FilterResult drop(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a dropped document needs a reason");
        }
        return new FilterResult(false, reason);
    }
}
