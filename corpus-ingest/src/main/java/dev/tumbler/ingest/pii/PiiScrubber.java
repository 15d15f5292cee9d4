package dev.tumbler.ingest.pii;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.filter.ConfigChecks;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses, IPv4 addresses and IPv6 addresses with placeholders. The patterns are
 * compiled once and every repetition in them is bounded (local part up to 64 characters, at most 8
 * domain labels of up to 63, IP groups of fixed count), and each match may only start at the
 * beginning of a run, so the scan stays linear even on megabytes of adversarial text. E-mails are
 * replaced first, then IPv6, then IPv4.
 */
public final class PiiScrubber implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    /** local@domain.tld; the local part may not continue to the left, the TLD may not continue to the right. */
    static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]{1,64}@(?:" + LABEL + "\\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9\\-])");

    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final String IPV4_CORE = OCTET + "(?:\\." + OCTET + "){3}";

    /** Four valid octets, not part of a longer dotted run of numbers or of a word. */
    static final Pattern IPV4 = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.])" + IPV4_CORE + "(?![\\p{L}\\p{N}_])(?!\\.\\p{N})");

    private static final String H = "[0-9A-Fa-f]{1,4}";

    /**
     * Full eight-group and {@code ::}-compressed forms (the bare {@code ::} is left alone, so
     * "Home :: News" survives), plus IPv4-mapped {@code ::ffff:1.2.3.4}; clock times such as
     * 12:30:45 have neither eight groups nor {@code ::} and do not match.
     */
    static final Pattern IPV6 = Pattern.compile(
            "(?<![0-9A-Za-z_:.])(?:"
                    + "::(?:[Ff]{4}(?::0{1,4})?:)?" + IPV4_CORE
                    + "|(?:" + H + ":){1,4}:" + IPV4_CORE
                    + "|(?:" + H + ":){7}" + H
                    + "|(?:" + H + ":){1,6}:" + H
                    + "|(?:" + H + ":){1,5}(?::" + H + "){1,2}"
                    + "|(?:" + H + ":){1,4}(?::" + H + "){1,3}"
                    + "|(?:" + H + ":){1,3}(?::" + H + "){1,4}"
                    + "|(?:" + H + ":){1,2}(?::" + H + "){1,5}"
                    + "|" + H + ":(?::" + H + "){1,6}"
                    + "|:(?::" + H + "){1,7}"
                    + "|(?:" + H + ":){1,7}:"
                    + ")(?![0-9A-Za-z_:])(?!\\.\\p{N})");

    /**
     * Which kinds to replace and with what.
     *
     * @param scrubEmails replace e-mail addresses (true)
     * @param scrubIpv4 replace IPv4 addresses (true)
     * @param scrubIpv6 replace IPv6 addresses (true)
     * @param emailPlaceholder the e-mail replacement ({@code <EMAIL>})
     * @param ipv4Placeholder the IPv4 replacement ({@code <IPV4>})
     * @param ipv6Placeholder the IPv6 replacement ({@code <IPV6>})
     */
    public record Config(
            boolean scrubEmails,
            boolean scrubIpv4,
            boolean scrubIpv6,
            String emailPlaceholder,
            String ipv4Placeholder,
            String ipv6Placeholder) implements Serializable {

        /** Everything on, with the placeholders {@code <EMAIL>}, {@code <IPV4>}, {@code <IPV6>}. */
        public static Config defaults() {
            return new Config(true, true, true, "<EMAIL>", "<IPV4>", "<IPV6>");
        }

        /** Checks the placeholders are set; the exception names the option as {@code prefix.snake_case_name}. */
        public void validate(String prefix) {
            ConfigChecks.notNull(prefix, "email_placeholder", emailPlaceholder);
            ConfigChecks.notNull(prefix, "ipv4_placeholder", ipv4Placeholder);
            ConfigChecks.notNull(prefix, "ipv6_placeholder", ipv6Placeholder);
        }
    }

    /** The scrubbed text and how many replacements of each kind were made. */
    public record Result(String text, int emails, int ipv4, int ipv6) {
        /** All replacements together. */
        public int total() {
            return emails + ipv4 + ipv6;
        }
    }

    private final Config config;

    /** A scrubber with the given switches; the config is validated with an empty prefix. */
    public PiiScrubber(Config config) {
        config.validate("");
        this.config = config;
    }

    /** The switches in use. */
    public Config config() {
        return config;
    }

    /** Scrubs {@code text} (null is treated as empty). */
    public Result scrub(String text) {
        String s = text == null ? "" : text;
        int emails = 0;
        int ipv4 = 0;
        int ipv6 = 0;
        if (config.scrubEmails() && s.indexOf('@') >= 0) {
            Replaced r = replace(EMAIL, s, config.emailPlaceholder());
            s = r.text;
            emails = r.count;
        }
        if (config.scrubIpv6() && s.indexOf(':') >= 0) {
            Replaced r = replace(IPV6, s, config.ipv6Placeholder());
            s = r.text;
            ipv6 = r.count;
        }
        if (config.scrubIpv4() && s.indexOf('.') >= 0) {
            Replaced r = replace(IPV4, s, config.ipv4Placeholder());
            s = r.text;
            ipv4 = r.count;
        }
        return new Result(s, emails, ipv4, ipv6);
    }

    /**
     * Scrubs the document's text in place and adds the number of replacements to
     * {@link Document#getPiiReplacements()}.
     */
    public Result scrub(Document doc) {
        Result r = scrub(doc.getText());
        if (doc.getText() != null) {
            doc.setText(r.text());
        }
        doc.setPiiReplacements(doc.getPiiReplacements() + r.total());
        return r;
    }

    private static final class Replaced {
        final String text;
        final int count;

        Replaced(String text, int count) {
            this.text = text;
            this.count = count;
        }
    }

    private static Replaced replace(Pattern pattern, String text, String placeholder) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return new Replaced(text, 0);
        }
        String quoted = Matcher.quoteReplacement(placeholder);
        StringBuilder sb = new StringBuilder(text.length());
        int count = 0;
        do {
            m.appendReplacement(sb, quoted);
            count++;
        } while (m.find());
        m.appendTail(sb);
        return new Replaced(sb.toString(), count);
    }
}
