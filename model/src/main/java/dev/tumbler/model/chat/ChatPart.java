package dev.tumbler.model.chat;

import java.util.Objects;

/**
 * One piece of an assistant message: its text, a tool call it writes ({@code python}), or the tool's output that
 * the engine inserts after the call ({@code python_output}). In JSON: {@code {"type": "text", "text": "..."}}.
 */
public record ChatPart(Kind kind, String text) {
    /** A part's {@code "type"}. */
    public enum Kind {
        TEXT("text"),
        PYTHON("python"),
        PYTHON_OUTPUT("python_output");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The {@code "type"} value in a conversation line. */
        public String jsonName() {
            return jsonName;
        }

        /** The kind named {@code type} in JSON, or null when there is none. */
        public static Kind fromJson(String type) {
            for (Kind k : values()) {
                if (k.jsonName.equals(type)) {
                    return k;
                }
            }
            return null;
        }
    }

    public ChatPart {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static ChatPart text(String text) {
        return new ChatPart(Kind.TEXT, text);
    }

    public static ChatPart python(String code) {
        return new ChatPart(Kind.PYTHON, code);
    }

    public static ChatPart pythonOutput(String output) {
        return new ChatPart(Kind.PYTHON_OUTPUT, output);
    }
}
