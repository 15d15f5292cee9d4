package dev.tumbler.model.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Varied test texts: prose, many scripts, emoji, whitespace, numbers, code, URLs and random Unicode. */
final class TestTexts {
    private TestTexts() {
    }

    static final String PROSE = """
            The river ran low that autumn, and the ferryman said he'd never seen it so thin. "We'll manage," \
            she told him, though she wasn't sure they would. They're the kind of people who've always managed; \
            I'm not. You'll see what I mean when the rain comes back, if it ever does.

            In 1847, roughly 3,200 families left the valley; by 1901 only 412 remained. Prices rose 12.5% a year \
            (sometimes 17%), and a loaf that cost 0.03 dollars in March cost 0.041 by June. Nobody could say why.
            IT'S NOT THE END. He SAID it's fine, WE'LL GO, THEY'VE ALREADY LEFT, I'D RATHER STAY, YOU'RE LATE.
            Mr. O'Neil's dog—a scruffy terrier—barked at 6:45 a.m. every day... "Why?" asked the child; 'because.'
            """;

    static final String SCRIPTS = """
            中文：我们今天去公园散步，天气非常好。日本語：東京は大きな都市です。ひらがなとカタカナ、漢字。
            Русский: Съешь же ещё этих мягких французских булок, да выпей чаю. Україна, Ґґ Єє Її.
            العربية: مرحبا بالعالم، كيف حالك اليوم؟ ١٢٣٤٥٦٧٨٩٠ فارسی: ۱۲۳۴۵
            हिन्दी: नमस्ते दुनिया, आप कैसे हैं? संस्कृतम् । ०१२३४५६७८९
            ไทย: สวัสดีชาวโลก ภาษาไทยไม่มีช่องว่างระหว่างคำ ๑๒๓
            한국어: 안녕하세요 세계, 오늘 날씨가 좋네요. ㄱㄴㄷ 한글
            Ελληνικά: Γειά σου κόσμε, ΑΒΓΔ αβγδ ῥῆμα. עברית: שלום עולם. Tiếng Việt: Xin chào thế giới.
            Ǆǅǆ ǈ ǋ ᾈᾉ ﬁﬂ ß ẞ İı ſt 'ſ 'ＳＴ Ⅻ ½ ¾ ² ³ ⁴ ① ㊿ 𝟘𝟙𝟚 𝔸𝔹ℂ 𐐀𐐨 𓀀𓀁 𝕏 Ω Å K
            a\u0301e\u0301 o\u0308 n\u0303 ́ \u0301abc A\u0301BC ɐɑ ʰʲ ˈˌ ꙮ ᏚᎢᎵᎬᎢᎬᏒ
            """;

    static final String EMOJI = """
            Emoji: 😀😃😄 👍🏽 👩‍👩‍👧‍👦 🏳️‍🌈 🇺🇸🇩🇪 ❤️‍🔥 🧑🏿‍💻 👨🏻‍🦰 ✌🏾 #️⃣ 1️⃣ ©️ ™ 🫠🫡 \
            text😀text 😀😀😀😀😀😀😀😀 👋🏻👋🏼👋🏽👋🏾👋🏿
            """;

    static final String WHITESPACE = "a  b   c    d\t\te\t \tf \n g\n\n\nh\r\ni\r\n\r\nj \r\n k   \n\n  l"
            + "   \u00A0\u00A0x\u2003\u2003y\u3000z \u2028 \u2029 \u0085 \u000B\u000C end   "
            + "\n\n\n    \t\n  \r\r\n\n \n\tindented\n        deeper\n    ";

    static final String CODE = """
            package demo;

            import java.util.*;

            public final class Main {
                private static final Map<String, List<Integer>> CACHE = new HashMap<>();

                public static void main(String[] args) throws Exception {
                    for (int i = 0; i < args.length; i++) {
                        System.out.printf("%d: %s%n", i, args[i]);
                    }
                    int x = (a + b) * c / 2 - d % 7; x <<= 3; x >>>= 1; // comment
                    /* block */ String s = "quoted \\"string\\" with \\t escapes";
                }
            }

            def fib(n: int) -> int:
                \"\"\"Return the n-th Fibonacci number.\"\"\"
                if n < 2:
                    return n
                a, b = 0, 1
                for _ in range(n - 1):
                    a, b = b, a + b
                return b

            class Tree:
                def __init__(self, value, children=None):
                    self.value = value
                    self.children = children or []

            print(f"{fib(30)=}", [x**2 for x in range(10) if x % 2 == 0], {'k': 'v'})
            >>> import numpy as np; np.array([[1, 2], [3, 4]]) @ np.eye(2)
            SELECT id, name FROM users WHERE age >= 18 AND name LIKE '%son' ORDER BY id DESC;
            <div class="x"><a href="/path?q=1&amp;r=2">link</a></div> {"key": [1, 2.5e-3, null, true]}
            """;

    static final String URLS = """
            https://example.com/path/to/page.html?query=value&other=123#fragment
            http://user:pass@sub.domain.co.uk:8080/a/b/c/?x=%20y&z=%E2%9C%93
            ftp://files.example.org/pub/README.txt mailto:someone@example.com file:///C:/Windows/System32
            www.wikipedia.org/wiki/Byte_pair_encoding   git@github.com:openai/tiktoken.git
            """;

    /** Numbers of every length 1..24, alone, with signs, separators and attached to words. */
    static String numbers() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(7);
        for (int len = 1; len <= 24; len++) {
            StringBuilder digits = new StringBuilder();
            for (int k = 0; k < len; k++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            sb.append(digits).append(' ').append('-').append(digits).append(" x").append(digits).append("y ")
                    .append(digits).append(".5 ").append(digits).append(",000\n");
        }
        return sb.toString();
    }

    /** A string of {@code length} code points drawn from a seeded mix of ASCII and all of Unicode. */
    static String randomUnicode(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        String ascii = " \t\n\r'sdmtlvreSDMTLVRE0123456789abcXYZ.,!?-/\\\"'()[]{}<>@#$%^&*_+=|~`";
        while (sb.codePointCount(0, sb.length()) < length) {
            int kind = random.nextInt(10);
            int cp;
            if (kind < 4) {
                cp = ascii.charAt(random.nextInt(ascii.length()));
            } else if (kind < 6) {
                cp = 0x80 + random.nextInt(0x3000 - 0x80);
            } else if (kind < 8) {
                cp = random.nextInt(0x10000);
            } else if (kind < 9) {
                cp = 0x1F300 + random.nextInt(0x400);
            } else {
                cp = 0x10000 + random.nextInt(0x100000);
            }
            if (Character.isDefined(cp) && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** Hand-written parts, each a separate document. */
    static List<String> documents() {
        List<String> docs = new ArrayList<>(List.of(PROSE, SCRIPTS, EMOJI, WHITESPACE, CODE, URLS, numbers()));
        docs.add("a".repeat(10_000));
        docs.add("supercalifragilistic".repeat(600));
        docs.add(" ".repeat(5_000) + "x" + "\n".repeat(3_000) + "\r\n".repeat(1_000));
        docs.add("١٢٣".repeat(2_000) + "!?".repeat(3_000) + "😀".repeat(2_000) + "中".repeat(3_000));
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            docs.add(randomUnicode(random, 1 + random.nextInt(4_000)));
        }
        return docs;
    }

    /** Every document joined, repeated with variations, several hundred KB in all. */
    static String large() {
        StringBuilder sb = new StringBuilder();
        for (String doc : documents()) {
            sb.append(doc).append("\n\n");
        }
        for (int i = 0; i < 40; i++) {
            sb.append(PROSE).append(SCRIPTS).append(CODE).append(i).append('\n');
        }
        return sb.toString();
    }
}
