package dev.tumbler.model.tokenizer;

/**
 * Code point classes that the split patterns need, as java.util.regex sees them with
 * {@code UNICODE_CHARACTER_CLASS}, and UTF-8 decoding of well-formed buffers.
 */
final class CodePoints {
    static final byte OTHER = 0;
    /** Lu, Lt. */
    static final byte UPPER = 1;
    /** Ll. */
    static final byte LOWER = 2;
    /** Lm, Lo: in both o200k case classes. */
    static final byte CASELESS = 3;
    /** Mn, Mc, Me: not \p{L}, but in both o200k case classes. */
    static final byte MARK = 4;
    static final byte NUMBER = 5;
    /** \s other than \r and \n. */
    static final byte SPACE = 6;
    /** \r or \n. */
    static final byte NEWLINE = 7;

    private static final byte[] BMP = new byte[0x10000];

    static {
        for (int c = 0; c < BMP.length; c++) {
            BMP[c] = compute(c);
        }
    }

    private CodePoints() {
    }

    static int classOf(int cp) {
        return cp < 0x10000 ? BMP[cp] : compute(cp);
    }

    static boolean isLetter(int cls) {
        return cls >= UPPER && cls <= CASELESS;
    }

    static boolean isSpace(int cls) {
        return cls >= SPACE;
    }

    /** {@code [^\s\p{L}\p{N}]}. */
    static boolean isSymbol(int cls) {
        return cls == OTHER || cls == MARK;
    }

    private static byte compute(int cp) {
        if (cp == '\r' || cp == '\n') {
            return NEWLINE;
        }
        if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x85) {
            return SPACE;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.TITLECASE_LETTER:
                return UPPER;
            case Character.LOWERCASE_LETTER:
                return LOWER;
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
                return CASELESS;
            case Character.NON_SPACING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.ENCLOSING_MARK:
                return MARK;
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return NUMBER;
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return SPACE;
            default:
                return OTHER;
        }
    }

    /** Length in bytes of the UTF-8 sequence whose lead byte is {@code lead}. */
    static int length(byte lead) {
        if (lead >= 0) {
            return 1;
        }
        if ((lead & 0xE0) == 0xC0) {
            return 2;
        }
        return (lead & 0xF0) == 0xE0 ? 3 : 4;
    }

    /** The code point whose well-formed UTF-8 sequence starts at {@code i}. */
    static int decode(byte[] b, int i) {
        int b0 = b[i];
        if (b0 >= 0) {
            return b0;
        }
        if ((b0 & 0xE0) == 0xC0) {
            return ((b0 & 0x1F) << 6) | (b[i + 1] & 0x3F);
        }
        if ((b0 & 0xF0) == 0xE0) {
            return ((b0 & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
        }
        return ((b0 & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
    }

    /** Class of the code point at {@code i}; ASCII without decoding. */
    static int classAt(byte[] b, int i) {
        int b0 = b[i];
        return b0 >= 0 ? BMP[b0] : classOf(decode(b, i));
    }

    /**
     * Whether {@code cp} matches the lower-case ASCII letter {@code lower} the way a case-insensitive,
     * Unicode-case java.util.regex does: {@code [sdmt]} folds {@code s} by Unicode ({@code ſ} matches)
     * but {@code d}, {@code m}, {@code t} by ASCII only; literal strings fold every letter by Unicode.
     */
    static boolean foldsTo(int cp, char lower, boolean inClass) {
        if (cp == lower || cp == lower - 32) {
            return true;
        }
        return cp >= 0x80 && (!inClass || lower == 's')
                && Character.toLowerCase(Character.toUpperCase(cp)) == lower;
    }
}
