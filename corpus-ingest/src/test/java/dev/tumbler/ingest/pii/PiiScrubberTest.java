package dev.tumbler.ingest.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tumbler.ingest.doc.Document;
import dev.tumbler.ingest.text.TestTexts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiScrubberTest {
    private final PiiScrubber scrubber = new PiiScrubber(PiiScrubber.Config.defaults());

    private String scrubbed(String text) {
        return scrubber.scrub(text).text();
    }

    @Test
    void ordinaryArticleIsUntouched() {
        PiiScrubber.Result r = scrubber.scrub(TestTexts.ARTICLE);
        assertEquals(TestTexts.ARTICLE, r.text());
        assertEquals(0, r.total());
    }

    @Test
    void emailsAreReplacedAndCounted() {
        PiiScrubber.Result r = scrubber.scrub("For questions about the schedule, write to jane.doe@library.example.org "
                + "or to the council clerk (clerk+hours@city-council.gov.uk).");
        assertEquals("For questions about the schedule, write to <EMAIL> or to the council clerk (<EMAIL>).",
                r.text());
        assertEquals(new PiiScrubber.Result(r.text(), 2, 0, 0), r);
    }

    @Test
    void thingsThatOnlyLookLikeEmailsStay() {
        for (String s : List.of("Follow us @library on every network.", "user@localhost is not routable.",
                "The price is 5 @ 3.50 dollars.")) {
            assertEquals(s, scrubbed(s));
        }
    }

    @Test
    void ipv4AddressesAreReplaced() {
        PiiScrubber.Result r = scrubber.scrub("The request came from 192.168.1.20 and then from 8.8.8.8. "
                + "The subnet 10.0.0.0/8 is private, as is 172.16.254.1:8080.");
        assertEquals("The request came from <IPV4> and then from <IPV4>. "
                + "The subnet <IPV4>/8 is private, as is <IPV4>:8080.", r.text());
        assertEquals(4, r.ipv4());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Upgrade to version 1.2.3 today.",
        "The build 1.2.3.4.5 fixed it.",
        "Section 10.4.2.1.7 of the manual.",
        "An invalid address: 256.1.1.1 here.",
        "Also invalid: 192.168.1.300 there.",
        "Leading zeros 01.02.03.04 are not matched.",
        "Chrome 120.0.6099.109 was released.",
        "Pi is 3.14159 roughly."})
    void versionStringsAndInvalidOctetsStay(String s) {
        assertEquals(s, scrubbed(s));
    }

    @Test
    void ipv6AddressesAreReplaced() {
        PiiScrubber.Result r = scrubber.scrub("Full 2001:0db8:85a3:0000:0000:8a2e:0370:7334, compressed "
                + "2001:db8::8a2e:370:7334, link-local fe80::1ff:fe23:4567:890a, loopback ::1, prefix 2001:db8::, "
                + "mapped ::ffff:192.0.2.128 and bracketed [2001:db8::1]:443.");
        assertEquals("Full <IPV6>, compressed <IPV6>, link-local <IPV6>, loopback <IPV6>, prefix <IPV6>, "
                + "mapped <IPV6> and bracketed [<IPV6>]:443.", r.text());
        assertEquals(7, r.ipv6());
        assertEquals(0, r.ipv4());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The meeting starts at 12:30:45 sharp.",
        "Times 09:15, 10:30:00 and 23:59:59.999 are not addresses.",
        "Home :: News :: Local",
        "Use std::vector and Foo::bar in C++.",
        "Ratio 1:2:3 of the ingredients."})
    void clockTimesAndScopeOperatorsStay(String s) {
        assertEquals(s, scrubbed(s));
    }

    @Test
    void switchesAndPlaceholdersAreHonoured() {
        PiiScrubber onlyIps = new PiiScrubber(new PiiScrubber.Config(false, true, true, "<EMAIL>", "$ip\\", "[v6]"));
        PiiScrubber.Result r = onlyIps.scrub("Mail admin@example.com from 10.1.2.3 or ::1.");
        assertEquals("Mail admin@example.com from $ip\\ or [v6].", r.text());
        assertEquals(new PiiScrubber.Result(r.text(), 0, 1, 1), r);
    }

    @Test
    void documentTextIsRewrittenAndCounted() {
        Document d = new Document();
        d.setText("Contact press@library.example.org or visit 203.0.113.7.");
        d.setPiiReplacements(1);
        PiiScrubber.Result r = scrubber.scrub(d);
        assertEquals("Contact <EMAIL> or visit <IPV4>.", d.getText());
        assertEquals(2, r.total());
        assertEquals(3, d.getPiiReplacements());
    }

    @Test
    void adversarialMegabyteInputsFinish() {
        List<String> inputs = List.of(
                "a@a.a".repeat(200_000),
                "a@a.a.".repeat(170_000),
                "a@" + "a.".repeat(500_000),
                "a.".repeat(500_000) + "@",
                "a".repeat(1_000_000) + "@example.com",
                "a@" + "a-".repeat(500_000),
                "1.".repeat(500_000),
                "1:".repeat(500_000),
                "ffff:".repeat(200_000) + ":",
                "1.2.3.4.".repeat(125_000));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String s : inputs) {
                PiiScrubber.Result r = scrubber.scrub(s);
                assertTrue(r.text().length() > 0);
            }
        });
        // "a@a.a" has a one-letter TLD, so it is not an address; a real one repeated a megabyte's worth is
        assertEquals(0, scrubber.scrub("a@a.a ".repeat(200_000)).emails());
        PiiScrubber.Result r = scrubber.scrub("x@example.com ".repeat(75_000));
        assertEquals(75_000, r.emails());
        assertEquals("<EMAIL> ".repeat(75_000), r.text());
    }

    @Test
    void validateNamesTheOption() {
        PiiScrubber.Config.defaults().validate("ingest.pii");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new PiiScrubber.Config(true, true, true, null, "<IPV4>", "<IPV6>").validate("ingest.pii"));
        assertEquals("ingest.pii.email_placeholder must be set", e.getMessage());
    }

    @Test
    void survivesJavaSerialization() {
        PiiScrubber copy = TestTexts.roundTrip(scrubber);
        assertEquals("<EMAIL>", copy.scrub("x@example.com").text());
    }
}
