package dev.tumbler.sft.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.samples.SotuFixture;
import dev.tumbler.samples.SotuSample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State of the Union questions from a tarball laid out like the npm package, fetched into the cache. */
class SotuSourceTest {
    @TempDir
    Path dir;

    private final PrintStream log = new PrintStream(new ByteArrayOutputStream());

    @Test
    void asksWhoGaveTheAddressTheirPartyAndTheirYears() throws Exception {
        SotuSample sample = SotuFixture.sample(dir.resolve("work"), new Object[] {1790, "George Washington", "none"},
                new Object[] {1791, "George Washington", "none"},
                new Object[] {1953, "Harry S Truman", "Democratic"},
                new Object[] {1953, "Dwight D Eisenhower", "Republican"},
                new Object[] {1899, "William Mc Kinley", "Republican"});
        Path cache = dir.resolve("cache");
        SotuSource source = new SotuSource(new SotuSource.Config(100, 1), sample, cache, log);
        assertTrue(source.unavailable().isEmpty(), source.unavailable().toString());
        assertTrue(Files.isRegularFile(SotuSample.tarball(cache)));
        Map<String, String> qa = source.conversations(100, new SplittableRandom(1)).stream().collect(
                Collectors.toMap(c -> c.messages().get(0).text(), c -> c.messages().get(1).text()));
        assertEquals(4 * 2 + 4, qa.size(), qa.toString());
        assertEquals("George Washington gave the State of the Union address in 1790.",
                qa.get("Who gave the State of the Union address in 1790?"));
        assertEquals("Two presidents gave one in 1953: Dwight D. Eisenhower and Harry S. Truman.",
                qa.get("Who gave the State of the Union address in 1953?"));
        assertEquals("George Washington, who gave it in 1790, belonged to no political party.",
                qa.get("Which party did the president who gave the 1790 State of the Union address belong to?"));
        assertEquals("William McKinley, who gave it in 1899, was a member of the Republican Party.",
                qa.get("Which party did the president who gave the 1899 State of the Union address belong to?"));
        assertEquals("George Washington gave 2, in 1790 and 1791.",
                qa.get("In which years did George Washington give a State of the Union address?"));
    }

    @Test
    void withoutNpmItIsUnavailableAndSaysWhatToInstall() {
        SotuSource source = new SotuSource(new SotuSource.Config(10, 1), SotuFixture.withoutNpm(), dir, log);
        String why = source.unavailable().orElseThrow();
        assertTrue(why.contains("npm") && why.contains(SotuSample.PACKAGE_SPEC), why);
    }
}
