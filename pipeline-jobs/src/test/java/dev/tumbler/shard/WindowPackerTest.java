package dev.tumbler.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tumbler.model.data.PackedTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowPackerTest {
    private static DocTokens doc(int... tokens) {
        return new DocTokens("d", "train", 0, tokens, tokens.length);
    }

    private static List<ShardWindow> pack(int seqLen, DocTokens... docs) {
        List<ShardWindow> out = new ArrayList<>();
        new WindowPacker(List.of(docs).iterator(), "train", seqLen, 1, 0).forEachRemaining(out::add);
        return out;
    }

    @Test
    void concatenatesDocumentsAndCutsEveryWindow() {
        // seqLen 3 -> windows of 4 tokens.
        List<ShardWindow> out = pack(3, doc(1, 2, 3), doc(4, 5, 6, 7, 8, 9), doc(10, 11));
        assertEquals(3, out.size());
        assertArrayEquals(new int[] {1, 2, 3, 4}, PackedTokens.decode(out.get(0).getTokens()));
        assertArrayEquals(new int[] {5, 6, 7, 8}, PackedTokens.decode(out.get(1).getTokens()));
        assertEquals(1, out.get(0).getDocsCut(), "doc 2 starts in window 0 and crosses its end");
        assertEquals(0, out.get(1).getDocsCut(), "doc 2 is counted once");
        ShardWindow tail = out.get(2);
        assertEquals(null, tail.getTokens());
        assertEquals(3, tail.getDroppedTokens(), "9, 10, 11 do not fill a window");
        assertEquals(1, tail.getDocsCut(), "doc 3 lies in the dropped tail");
    }

    @Test
    void conservesTokensOnRandomDocuments() {
        Random random = new Random(3);
        List<DocTokens> docs = new ArrayList<>();
        long tokens = 0;
        for (int d = 0; d < 500; d++) {
            int[] t = new int[1 + random.nextInt(90)];
            for (int i = 0; i < t.length; i++) {
                t[i] = random.nextInt(1000);
            }
            tokens += t.length;
            docs.add(doc(t));
        }
        List<ShardWindow> out = pack(31, docs.toArray(DocTokens[]::new));
        long windows = out.stream().filter(w -> w.getTokens() != null).count();
        long dropped = out.stream().mapToLong(ShardWindow::getDroppedTokens).sum();
        assertEquals(tokens, windows * 32 + dropped);
        List<Integer> stream = new ArrayList<>();
        docs.forEach(d -> { for (int t : d.getTokens()) { stream.add(t); } });
        List<Integer> packed = new ArrayList<>();
        out.stream().filter(w -> w.getTokens() != null)
                .forEach(w -> { for (int t : PackedTokens.decode(w.getTokens())) { packed.add(t); } });
        assertEquals(stream.subList(0, packed.size()), packed, "windows are the document stream in order");
    }

    @Test
    void aDocumentEndingExactlyAtAWindowEdgeIsNotCut() {
        List<ShardWindow> out = pack(3, doc(1, 2), doc(3, 4), doc(5, 6, 7, 8));
        assertEquals(2, out.size());
        assertEquals(0, out.get(0).getDocsCut() + out.get(1).getDocsCut());
    }
}
