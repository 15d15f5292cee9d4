package dev.tumbler.ingest.read;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the charset of an HTML payload: a UTF-8 byte order mark, else the HTTP {@code Content-Type}
 * charset, else a {@code <meta charset>} or {@code http-equiv} declaration in the first 4 KB, else
 * UTF-8. Labels browsers treat as windows-1252 ({@code iso-8859-1}, {@code us-ascii}) map to it.
 */
final class HtmlCharset {
    static final int SNIFF_BYTES = 4096;
    private static final Pattern META = Pattern.compile(
            "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:\\-]+)", Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private HtmlCharset() {
    }

    static Charset choose(String httpCharset, byte[] body, int length) {
        if (length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            return StandardCharsets.UTF_8;
        }
        Charset declared = lookup(httpCharset);
        if (declared != null) {
            return declared;
        }
        String head = new String(body, 0, Math.min(length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META.matcher(head);
        if (m.find()) {
            Charset sniffed = lookup(m.group(1));
            if (sniffed != null) {
                return sniffed;
            }
        }
        return StandardCharsets.UTF_8;
    }

    static Charset lookup(String label) {
        if (label == null) {
            return null;
        }
        String name = label.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return null;
        }
        if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii") || name.equals("ascii")) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) { // illegal or unsupported charset name
            return null;
        }
    }
}
