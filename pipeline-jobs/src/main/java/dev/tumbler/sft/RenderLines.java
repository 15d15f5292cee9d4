package dev.tumbler.sft;

import dev.tumbler.model.chat.ChatJsonl;
import dev.tumbler.model.chat.ChatParse;
import dev.tumbler.model.chat.ChatTemplate;
import dev.tumbler.model.chat.RenderedChat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code sft-data render}: conversation lines in, one {@code {"ids":[...],"weights":[...]}} line out per
 * conversation, as {@link ChatTemplate#render} gives them (what SFT trains on). A bad line gets one error line on
 * stderr naming its line number and reason, and the rest go on.
 */
public final class RenderLines {
    private RenderLines() {
    }

    /** Renders every line of {@code in}; returns how many were bad. */
    public static long render(BufferedReader in, PrintStream out, PrintStream err, ChatTemplate template)
            throws IOException {
        long bad = 0;
        long lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            ChatParse parse = ChatJsonl.parse(line);
            if (!parse.isOk()) {
                bad++;
                err.println("line " + lineNumber + ": " + parse.reason() + ": " + parse.detail());
                continue;
            }
            out.println(json(template.render(parse.conversation())));
        }
        out.flush();
        return bad;
    }

    /** {@code {"ids":[...],"weights":[...]}}, weights written as integers when they are (0 and 1 always are). */
    static String json(RenderedChat chat) {
        StringBuilder sb = new StringBuilder(chat.length() * 8 + 32).append("{\"ids\":[");
        int[] ids = chat.ids();
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ",").append(ids[i]);
        }
        sb.append("],\"weights\":[");
        float[] w = chat.weights();
        for (int i = 0; i < w.length; i++) {
            sb.append(i == 0 ? "" : ",");
            if (w[i] == Math.rint(w[i])) {
                sb.append((long) w[i]);
            } else {
                sb.append(w[i]);
            }
        }
        return sb.append("]}").toString();
    }
}
