package dev.tumbler.ingest.extract;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Turns an HTML page into its title and plain text with jsoup, in one traversal of the parsed tree.
 *
 * <p>Dropped with everything inside: {@code script, style, noscript, nav, header, footer, aside, form,
 * iframe, svg, button, select, template} (and other non-text embeds such as {@code object, canvas,
 * video}), plus elements marked {@code hidden}, {@code aria-hidden="true"} or an inline
 * {@code display:none}. A {@code header} inside an {@code article} is kept, as it usually holds the
 * article's headline. Each block element (headings, paragraphs, list items, blockquotes, table cells,
 * divs, ...) becomes its own line, with whitespace collapsed; {@code pre} keeps its line breaks and
 * indentation. Text is emitted once however deeply blocks nest; empty lines are dropped. The title is
 * the trimmed {@code <title>}, else the first {@code h1}, else null.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class HtmlExtractor implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Set<String> DROPPED = Set.of(
            "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
            "button", "select", "template", "object", "embed", "canvas", "video", "audio", "map",
            "textarea", "dialog", "math");

    private static final Set<String> BLOCKS = Set.of(
            "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dir", "div",
            "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup",
            "hr", "html", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody",
            "td", "tfoot", "th", "thead", "tr", "ul", "legend", "option");

    /** Extracts the title and text of {@code html}; {@code baseUrl} may be null. */
    public Extracted extract(String html, String baseUrl) {
        Document doc = Jsoup.parse(html == null ? "" : html, baseUrl == null ? "" : baseUrl);
        Walker walker = new Walker();
        NodeTraversor.filter(walker, doc);
        walker.endLine();
        String title = walker.title != null && !walker.title.isEmpty() ? walker.title : walker.firstH1;
        return new Extracted(title, walker.out.toString());
    }

    /** Collects lines while walking the tree; one per extraction. */
    private static final class Walker implements NodeFilter {
        final StringBuilder out = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private boolean pendingSpace;
        private int preDepth;
        private int articleDepth;
        private int h1Depth;
        private StringBuilder h1Text;
        String title;
        String firstH1;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (preDepth > 0) {
                    line.append(text.getWholeText());
                } else {
                    appendCollapsed(text.getWholeText());
                }
                if (h1Text != null) {
                    appendCollapsed(h1Text, text.getWholeText());
                }
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element el)) {
                return FilterResult.SKIP_ENTIRELY; // comments, doctype, data nodes of script/style
            }
            String name = el.normalName();
            if (name.equals("title")) {
                if (title == null) {
                    title = collapse(el.text());
                }
                return FilterResult.SKIP_ENTIRELY;
            }
            if (isDropped(el, name)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            switch (name) {
                case "br" -> {
                    if (preDepth > 0) {
                        line.append('\n');
                    } else {
                        endLine();
                    }
                }
                case "pre" -> {
                    endLine();
                    preDepth++;
                }
                case "article" -> articleDepth++;
                case "h1" -> {
                    if (firstH1 == null && h1Text == null) {
                        h1Text = new StringBuilder();
                        h1Depth = depth;
                    }
                }
                default -> { }
            }
            if (BLOCKS.contains(name) && preDepth == 0) {
                endLine();
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (!(node instanceof Element el)) {
                return FilterResult.CONTINUE;
            }
            String name = el.normalName();
            switch (name) {
                case "pre" -> {
                    preDepth--;
                    if (preDepth == 0) {
                        endPre();
                    }
                }
                case "article" -> articleDepth--;
                case "h1" -> {
                    if (h1Text != null && depth == h1Depth) {
                        String text = h1Text.toString().trim();
                        firstH1 = text.isEmpty() ? null : text;
                        h1Text = null;
                    }
                }
                default -> { }
            }
            if (BLOCKS.contains(name) && preDepth == 0) {
                endLine();
            }
            return FilterResult.CONTINUE;
        }

        private boolean isDropped(Element el, String name) {
            if (DROPPED.contains(name)) {
                return !(name.equals("header") && articleDepth > 0);
            }
            if (el.attributesSize() == 0) {
                return false;
            }
            if (el.hasAttr("hidden") || "true".equalsIgnoreCase(el.attr("aria-hidden"))) {
                return true;
            }
            String style = el.attr("style");
            return !style.isEmpty() && style.replace(" ", "").toLowerCase(Locale.ROOT).contains("display:none");
        }

        private void appendCollapsed(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (isSpace(c)) {
                    pendingSpace = line.length() > 0;
                } else {
                    if (pendingSpace) {
                        line.append(' ');
                        pendingSpace = false;
                    }
                    line.append(c);
                }
            }
        }

        private static void appendCollapsed(StringBuilder sb, String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (isSpace(c)) {
                    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                        sb.append(' ');
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        private static String collapse(String text) {
            StringBuilder sb = new StringBuilder(text.length());
            appendCollapsed(sb, text);
            return sb.toString().trim();
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00A0'
                    || (c > 0x7f && Character.isWhitespace(c));
        }

        /** Ends the current line, if it holds any text. */
        void endLine() {
            if (line.length() > 0) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(line);
                line.setLength(0);
            }
            pendingSpace = false;
        }

        /** Emits preformatted text line by line, keeping indentation, dropping blank lines. */
        private void endPre() {
            String text = line.toString();
            line.setLength(0);
            pendingSpace = false;
            int start = 0;
            while (start <= text.length()) {
                int nl = text.indexOf('\n', start);
                int end = nl < 0 ? text.length() : nl;
                int stop = end;
                while (stop > start && isSpace(text.charAt(stop - 1))) {
                    stop--;
                }
                if (stop > start) {
                    if (out.length() > 0) {
                        out.append('\n');
                    }
                    out.append(text, start, stop);
                }
                start = end + 1;
            }
        }
    }
}
