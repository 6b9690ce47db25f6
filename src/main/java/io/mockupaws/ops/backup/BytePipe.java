package io.mockupaws.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Bytes written by one thread, read by another, through a bounded queue of chunks: what turns a tool's output,
 * encrypted on the way, into the {@link InputStream} an object store upload reads.
 *
 * <p>Unlike {@code PipedInputStream}, the writer decides how the content ends: {@link #sink()}'s {@code close}
 * is a normal end, {@link #fail} makes the reader's next {@code read} throw. So a tool that exits non-zero after
 * writing a truncated dump turns the upload into a failure instead of a stored, complete-looking object. A reader
 * that stops (a failed upload) closes {@link #source()}, and the writer's next {@code write} throws.
 */
final class BytePipe {

    private static final byte[] END = new byte[0];
    private static final int CHUNK_BYTES = 256 * 1024;

    private final BlockingQueue<byte[]> chunks;
    private volatile Throwable failure;
    private volatile boolean readerClosed;
    private final Sink sink = new Sink();
    private final Source source = new Source();

    /** @param chunksInFlight how many {@value #CHUNK_BYTES}-byte chunks may wait between writer and reader */
    BytePipe(int chunksInFlight) {
        this.chunks = new ArrayBlockingQueue<>(chunksInFlight);
    }

    OutputStream sink() {
        return sink;
    }

    InputStream source() {
        return source;
    }

    /** The reader gives up: the writer's next write throws. */
    void stopReading() {
        source.close();
    }

    /** Ends the content with an error: the reader's next read throws an {@link IOException} caused by {@code cause}. */
    void fail(Throwable cause) {
        failure = cause;
        chunks.clear();
        chunks.offer(END);
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (readerClosed) throw new IOException("the reader of this stream stopped");
            }
            if (readerClosed) throw new IOException("the reader of this stream stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
    }

    private final class Sink extends OutputStream {
        private byte[] buffer = new byte[CHUNK_BYTES];
        private int filled;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) throw new IOException("stream closed");
            while (len > 0) {
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == buffer.length) flushChunk();
            }
        }

        @Override
        public void flush() throws IOException {
            if (filled > 0) flushChunk();
        }

        private void flushChunk() throws IOException {
            put(Arrays.copyOf(buffer, filled));
            filled = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            flush();
            put(END);
        }
    }

    private final class Source extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            while (pos == current.length) {
                if (ended) return -1;
                byte[] next;
                try {
                    next = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading");
                }
                if (failure != null) throw new IOException(failure.getMessage(), failure);
                if (next == END) {
                    ended = true;
                    return -1;
                }
                current = next;
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            readerClosed = true;
            chunks.clear();
        }
    }
}
