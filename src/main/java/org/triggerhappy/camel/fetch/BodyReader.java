package org.triggerhappy.camel.fetch;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/** Reads a response body: decompresses gzip/deflate and stops at the size cap, counted after decompression. */
final class BodyReader {

    private final long maxBytes;

    BodyReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] read(InputStream raw, String contentEncoding) throws FetchException {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        boolean compressed = !encoding.isEmpty() && !encoding.equals("identity");
        // The raw stream gets the same cap: a compressed body larger than its decoded cap is not a feed.
        try (InputStream decoded = decode(new CappedStream(raw, maxBytes), encoding)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[16384];
            long total = 0;
            for (int n; (n = decoded.read(buffer)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(compressed ? " after decompression" : "");
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw new FetchException(FetchException.Kind.IO, "empty body");
            }
            return out.toByteArray();
        } catch (CappedStream.LimitExceeded e) {
            throw tooLarge(compressed ? " before decompression" : "");
        } catch (DeadlineBodySubscriber.DeadlineExceeded e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, "body not complete within the total timeout", e);
        } catch (EmptyBody e) {
            throw new FetchException(FetchException.Kind.IO, "empty body");
        } catch (ZipException e) {
            throw new FetchException(FetchException.Kind.IO, "corrupt " + encoding + " body: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.IO, "error reading body: " + e.getMessage(), e);
        }
    }

    private FetchException tooLarge(String when) {
        return new FetchException(FetchException.Kind.TOO_LARGE, "body exceeds " + maxBytes + " bytes" + when);
    }

    private static InputStream decode(InputStream in, String encoding) throws IOException {
        switch (encoding) {
            case "", "identity":
                return in;
            case "gzip", "x-gzip":
                try {
                    return new GZIPInputStream(in, 16384);
                } catch (EOFException e) {
                    throw new EmptyBody();
                }
            case "deflate":
                return inflating(in);
            default:
                throw new IOException("unsupported Content-Encoding '" + encoding + "'");
        }
    }

    /** "deflate" is zlib-wrapped per RFC 9110, but some servers send raw deflate: look at the header. */
    private static InputStream inflating(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 2);
        byte[] head = pushback.readNBytes(2);
        if (head.length == 0) {
            throw new EmptyBody();
        }
        pushback.unread(head);
        boolean zlib = head.length == 2 && (head[0] & 0x0F) == 8 && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        return new InflaterInputStream(pushback, inflater, 16384) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end(); // a caller-supplied Inflater is not ended by InflaterInputStream
                }
            }
        };
    }

    private static final class EmptyBody extends IOException {
    }

    /** Counts raw bytes and fails past the cap. */
    private static final class CappedStream extends FilterInputStream {
        static final class LimitExceeded extends IOException {
        }

        private final long max;
        private long count;

        CappedStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws LimitExceeded {
            count += n;
            if (count > max) {
                throw new LimitExceeded();
            }
        }
    }
}
