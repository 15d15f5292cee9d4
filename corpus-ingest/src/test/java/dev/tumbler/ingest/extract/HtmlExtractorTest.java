package dev.tumbler.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {
    private final HtmlExtractor extractor = new HtmlExtractor();

    private static final String ARTICLE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>
                 How Tumblers   Work | Example News
              </title>
              <style>body { color: red; }</style>
              <script>var tracking = "SCRIPT TEXT";</script>
            </head>
            <body>
              <header class="site"><a href="/">Example News</a> <span>SITE HEADER</span></header>
              <nav><ul><li><a href="/a">NAV LINK ONE</a></li><li><a href="/b">NAV LINK TWO</a></li></ul></nav>
              <main>
                <article>
                  <h1>How   tumblers <em>work</em></h1>
                  <p>A tumbler is a   rotating drum.
                     It polishes <a href="/stones">stones</a> slowly.</p>
                  <div><div><p>Nested paragraph, once.</p></div></div>
                  <h2>Steps</h2>
                  <ul>
                    <li>Load the barrel.</li>
                    <li>Add <b>grit</b>
                        and water.</li>
                    <li><p>Run for a week.</p></li>
                  </ul>
                  <blockquote>Patience is the polish.</blockquote>
                  <pre>def run():
                return 42

              # end</pre>
                  <table><tr><th>Grit</th><td>Days</td></tr><tr><td>60/90</td><td>7</td></tr></table>
                  <p hidden>HIDDEN TEXT</p>
                  <div aria-hidden="true">ARIA HIDDEN</div>
                  <span style="display: none">INLINE HIDDEN</span>
                  <p>Last&nbsp;line<br>after break</p>
                </article>
                <aside>ASIDE TEXT</aside>
                <form><label>FORM LABEL</label><button>BUTTON TEXT</button><select><option>OPTION</option></select></form>
                <noscript>NOSCRIPT TEXT</noscript>
                <iframe src="/ad">IFRAME TEXT</iframe>
                <svg><text>SVG TEXT</text></svg>
                <template><p>TEMPLATE TEXT</p></template>
              </main>
              <footer><p>FOOTER TEXT &copy; 2024</p></footer>
              <script>document.write("MORE SCRIPT")</script>
            </body>
            </html>
            """;

    @Test
    void extractsArticleTextAsLinesInOrder() {
        Extracted e = extractor.extract(ARTICLE, "https://news.example/tumblers");
        assertEquals("How Tumblers Work | Example News", e.title());
        List<String> lines = List.of(e.text().split("\n"));
        assertEquals(List.of(
                "How tumblers work",
                "A tumbler is a rotating drum. It polishes stones slowly.",
                "Nested paragraph, once.",
                "Steps",
                "Load the barrel.",
                "Add grit and water.",
                "Run for a week.",
                "Patience is the polish.",
                "def run():",
                "    return 42",
                "  # end",
                "Grit",
                "Days",
                "60/90",
                "7",
                "Last line",
                "after break"), lines);
        for (String absent : List.of("SITE HEADER", "NAV LINK", "SCRIPT", "FOOTER", "ASIDE", "FORM", "BUTTON",
                "OPTION", "NOSCRIPT", "IFRAME", "SVG", "TEMPLATE", "HIDDEN", "color: red")) {
            assertFalse(e.text().contains(absent), absent);
        }
    }

    @Test
    void titleFallsBackToFirstH1() {
        Extracted e = extractor.extract("<html><body><div><h1> Only <i>heading</i> </h1><h1>Second</h1>"
                + "<p>Body</p></div></body></html>", null);
        assertEquals("Only heading", e.title());
        assertEquals("Only heading\nSecond\nBody", e.text());
    }

    @Test
    void headerInsideArticleIsKept() {
        Extracted e = extractor.extract("<header>Site</header><article><header><h1>Headline</h1></header>"
                + "<p>Text</p><footer>Share this</footer></article>", "");
        assertEquals("Headline\nText", e.text());
    }

    @Test
    void emptyAndTextlessPages() {
        Extracted e = extractor.extract("", null);
        assertNull(e.title());
        assertEquals("", e.text());
        assertEquals("", extractor.extract("<script>x()</script><p>  \n </p>", null).text());
    }

    @Test
    void isSerializable() throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(extractor);
        }
        assertTrue(true);
    }
}
