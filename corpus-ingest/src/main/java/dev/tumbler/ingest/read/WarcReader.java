package dev.tumbler.ingest.read;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Reads WARC files (with jwarc) into HTML records: one per {@code response} record with HTTP status
 * 200 and content type {@code text/html} or {@code application/xhtml+xml}, its body decoded with the
 * HTTP charset, else a {@code <meta>} charset in the first 4 KB, else UTF-8 (strictly).
 *
 * <p>Records of other types ({@code warcinfo}, {@code request}, {@code metadata}, {@code revisit},
 * {@code resource}, ...) are not documents and are skipped without a rejection; only record indices
 * (which count every WARC record) show they were there. Rejections: "http_status", "non_html_payload",
 * "too_large" (payload over {@code maxDocumentBytes}; skipped, never buffered), "invalid_utf8",
 * "malformed_record", "truncated_input", "empty_file".
 */
public final class WarcReader implements RecordReader {
    private static final long serialVersionUID = 1L;
    private final ReaderOptions options;

    public WarcReader(ReaderOptions options) {
        this.options = options;
    }

    @Override
    public Iterator<RawRecord> read(InputFile file, Configuration hadoopConf) {
        return new Records(file, hadoopConf, options);
    }

    private static final class Records extends WarcFamilyIterator {
        private final StrictUtf8 utf8 = new StrictUtf8();

        Records(InputFile file, Configuration conf, ReaderOptions options) {
            super(file, conf, "warc", options);
        }

        @Override
        protected RawRecord convert(WarcRecord record, long index) throws IOException {
            if (!(record instanceof WarcResponse response)) {
                return null;
            }
            String url = response.target();
            HttpResponse http = response.http();
            long declared = http.body().size();
            if (http.status() != 200) {
                return reject(index, url, declared, "http_status", "HTTP status " + http.status());
            }
            MediaType type = http.contentType();
            String base = type.type().toLowerCase(Locale.ROOT) + "/" + type.subtype().toLowerCase(Locale.ROOT);
            if (!base.equals("text/html") && !base.equals("application/xhtml+xml")) {
                return reject(index, url, declared, "non_html_payload", "content type " + type.raw());
            }
            if (declared > options.maxDocumentBytes()) {
                return reject(index, url, declared, "too_large",
                        declared + " bytes > maxDocumentBytes " + options.maxDocumentBytes());
            }
            CappedBytes payload = CappedBytes.read(http.body().stream(), options.maxDocumentBytes(), false);
            if (payload.overCap()) {
                return reject(index, url, payload.size, "too_large",
                        "payload > maxDocumentBytes " + options.maxDocumentBytes());
            }
            byte[] bytes = payload.bytes;
            String encoding = http.headers().first("Content-Encoding").orElse("").strip().toLowerCase(Locale.ROOT);
            if (ContentEncoding.isGzip(encoding, bytes)) {
                // Crawlers often store the body already decoded but keep the header (Common Crawl 2014 does),
                // so a body is only gunzipped when it really starts with the gzip magic.
                CappedBytes decoded = ContentEncoding.gunzip(bytes, options.maxDocumentBytes());
                if (decoded == null) {
                    return reject(index, url, bytes.length, "malformed_record", "Content-Encoding gzip body does not decode");
                }
                if (decoded.overCap()) {
                    return reject(index, url, decoded.size, "too_large",
                            "decoded payload > maxDocumentBytes " + options.maxDocumentBytes());
                }
                bytes = decoded.bytes;
            }
            Charset charset = HtmlCharset.choose(type.parameters().get("charset"), bytes, bytes.length);
            String html;
            if (charset.equals(StandardCharsets.UTF_8)) {
                try {
                    html = utf8.decode(bytes, 0, bytes.length);
                } catch (CharacterCodingException e) {
                    return reject(index, url, bytes.length, "invalid_utf8", StrictUtf8.detail(e));
                }
            } else {
                html = new String(bytes, charset);
            }
            return RawRecord.html(file.uri(), index, source, url, html, bytes.length);
        }
    }
}
