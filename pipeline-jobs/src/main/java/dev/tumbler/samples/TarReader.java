package dev.tumbler.samples;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A small streaming reader for (uncompressed) tar archives: POSIX ustar headers, the ustar
 * {@code prefix} field, GNU long names ({@code L} entries), pax extended headers ({@code x}/{@code g},
 * of which {@code path} and {@code size} are honoured), and base-256 sizes. That covers what
 * {@code npm pack} and GNU/BSD tar write.
 *
 * <p>Usage: call {@link #next()} until it returns null; read each entry's content from {@link
 * #content()} before moving on (unread content is skipped).
 */
public final class TarReader implements AutoCloseable {
    private static final int BLOCK = 512;

    /** One tar entry: its path inside the archive, size in bytes and type flag. */
    public record Entry(String name, long size, char type) {
        public boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        public boolean isDirectory() {
            return type == '5';
        }
    }

    private final InputStream in;
    private long remaining; // unread bytes of the current entry's content
    private long padding; // padding after the current entry's content
    private boolean finished;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** Opens a {@code .tgz}/{@code .tar.gz} stream. */
    public static TarReader gzipped(InputStream in) throws IOException {
        return new TarReader(new GZIPInputStream(in, 1 << 16));
    }

    /** Returns the next entry, or null at the end of the archive. */
    public Entry next() throws IOException {
        if (finished) {
            return null;
        }
        skipRest();
        String longName = null;
        Long paxSize = null;
        while (true) {
            byte[] header = new byte[BLOCK];
            if (!readBlock(header)) {
                finished = true; // a truncated archive without end-of-archive blocks: treat as end
                return null;
            }
            if (isZero(header)) {
                finished = true;
                return null;
            }
            verifyChecksum(header);
            char type = (char) header[156];
            long size = parseNumber(header, 124, 12);
            if (size < 0) {
                throw new IOException("tar: negative entry size");
            }
            if (type == 'L' || type == 'x' || type == 'g') {
                byte[] data = readFully(size);
                skipPadding(size);
                if (type == 'L') {
                    longName = cString(data, 0, data.length);
                } else if (type == 'x') {
                    for (String[] kv : parsePax(data)) {
                        if (kv[0].equals("path")) {
                            longName = kv[1];
                        } else if (kv[0].equals("size")) {
                            paxSize = Long.parseLong(kv[1].trim());
                        }
                    }
                }
                continue;
            }
            String name = longName;
            if (name == null) {
                name = cString(header, 0, 100);
                String magic = cString(header, 257, 6);
                if (magic.startsWith("ustar")) {
                    String prefix = cString(header, 345, 155);
                    if (!prefix.isEmpty()) {
                        name = prefix + "/" + name;
                    }
                }
            }
            if (paxSize != null) {
                size = paxSize;
            }
            // Hard links, symlinks, devices, fifos and directories carry no content.
            long contentSize = (type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6')
                    ? 0 : size;
            remaining = contentSize;
            padding = (BLOCK - (contentSize % BLOCK)) % BLOCK;
            return new Entry(name, contentSize, type == '\0' ? '0' : type);
        }
    }

    /** The current entry's content; reads at most the entry's size. Do not close it. */
    public InputStream content() {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("tar: truncated entry");
                }
                remaining--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("tar: truncated entry");
                }
                remaining -= n;
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = in.skip(Math.min(n, remaining));
                remaining -= skipped;
                return skipped;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(in.available(), remaining);
            }

            @Override
            public void close() {
                // the archive stream stays open
            }
        };
    }

    /** Reads the current entry's content into memory. */
    public byte[] readContent() throws IOException {
        return content().readAllBytes();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Extracts the regular files whose archive path {@code select} accepts into {@code destDir},
     * keeping their relative paths; refuses paths that would escape {@code destDir}.
     *
     * @return the written files, in archive order
     */
    public static List<Path> extract(InputStream tar, Path destDir, Predicate<String> select) throws IOException {
        List<Path> written = new ArrayList<>();
        Path root = destDir.toAbsolutePath().normalize();
        try (TarReader reader = new TarReader(tar)) {
            Entry entry;
            while ((entry = reader.next()) != null) {
                if (!entry.isFile() || !select.test(entry.name())) {
                    continue;
                }
                Path target = root.resolve(entry.name()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("tar: entry escapes the destination folder: " + entry.name());
                }
                Files.createDirectories(target.getParent());
                Files.copy(reader.content(), target, StandardCopyOption.REPLACE_EXISTING);
                written.add(target);
            }
        }
        return written;
    }

    // ---------------------------------------------------------------------------------------------

    private void skipRest() throws IOException {
        skipBytes(remaining);
        remaining = 0;
        skipBytes(padding);
        padding = 0;
    }

    private void skipPadding(long size) throws IOException {
        skipBytes((BLOCK - (size % BLOCK)) % BLOCK);
    }

    private void skipBytes(long n) throws IOException {
        byte[] scratch = new byte[8192];
        while (n > 0) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n));
            if (r < 0) {
                throw new EOFException("tar: unexpected end of archive");
            }
            n -= r;
        }
    }

    private byte[] readFully(long size) throws IOException {
        if (size > 16 << 20) {
            throw new IOException("tar: extended header too large: " + size);
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("tar: unexpected end of archive");
        }
        return data;
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n != BLOCK) {
            throw new EOFException("tar: truncated header block");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void verifyChecksum(byte[] header) throws IOException {
        long stored = parseNumber(header, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = (i >= 148 && i < 156) ? (byte) ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new IOException("tar: header checksum mismatch (not a tar archive?)");
        }
    }

    /** Octal (NUL/space terminated) or GNU base-256 (high bit set) numeric field. */
    static long parseNumber(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                break;
            }
            if (b < '0' || b > '7') {
                throw new IOException("tar: bad octal field at offset " + offset);
            }
            value = (value << 3) + (b - '0');
        }
        return value;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** Pax records: {@code "<len> <key>=<value>\n"}. */
    private static List<String[]> parsePax(byte[] data) throws IOException {
        List<String[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            if (space >= data.length) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("tar: bad pax header", e);
            }
            if (len <= 0 || pos + len > data.length) {
                throw new IOException("tar: bad pax record length");
            }
            String record = new String(data, space + 1, pos + len - space - 1, StandardCharsets.UTF_8);
            if (record.endsWith("\n")) {
                record = record.substring(0, record.length() - 1);
            }
            int eq = record.indexOf('=');
            if (eq > 0) {
                out.add(new String[] {record.substring(0, eq), record.substring(eq + 1)});
            }
            pos += len;
        }
        return out;
    }
}
