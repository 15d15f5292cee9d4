package dev.tumbler.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Writes small tar archives for tests: ustar headers, GNU long names and pax path records. */
final class TarBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder file(String name, byte[] content) {
        if (name.length() > 100) {
            throw new IllegalArgumentException("use gnuLongName or pax for long names");
        }
        return entry(name, "", '0', content);
    }

    /** A ustar entry whose name is split into the prefix and name fields. */
    TarBuilder fileWithPrefix(String prefix, String name, String content) {
        return entry(name, prefix, '0', content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder directory(String name) {
        return entry(name, "", '5', new byte[0]);
    }

    TarBuilder symlink(String name) {
        return entry(name, "", '2', new byte[0]);
    }

    TarBuilder gnuLongName(String longName, String content) {
        entry("././@LongLink", "", 'L', (longName + "\0").getBytes(StandardCharsets.UTF_8));
        return entry(longName.substring(0, 99), "", '0', content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder paxPath(String path, String content) {
        String record = " path=" + path + "\n";
        int len = record.length() + 1;
        while ((len + record).length() != len) {
            len = (len + record).length();
        }
        entry("PaxHeaders/x", "", 'x', (len + record).getBytes(StandardCharsets.UTF_8));
        return entry("short-name", "", '0', content.getBytes(StandardCharsets.UTF_8));
    }

    private TarBuilder entry(String name, String prefix, char type, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, 100, name);
        put(header, 100, 8, "0000644");
        put(header, 108, 8, "0000000");
        put(header, 116, 8, "0000000");
        put(header, 124, 12, String.format("%011o", content.length));
        put(header, 136, 12, String.format("%011o", 1_400_000_000L));
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        header[156] = (byte) type;
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        put(header, 345, 155, prefix);
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 7, String.format("%06o", sum));
        header[155] = ' ';
        out.writeBytes(header);
        out.writeBytes(content);
        int pad = (512 - content.length % 512) % 512;
        out.writeBytes(new byte[pad]);
        return this;
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(length, bytes.length));
    }

    byte[] tar() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(new byte[1024]);
        return copy.toByteArray();
    }

    byte[] tgz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(tar());
        }
        return bytes.toByteArray();
    }
}
