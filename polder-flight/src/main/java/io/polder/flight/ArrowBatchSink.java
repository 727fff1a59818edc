package io.polder.flight;

import static java.util.Objects.requireNonNull;

import io.polder.gateway.QueryResult;
import io.polder.gateway.ResultColumn;
import io.polder.gateway.RowSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A query's rows as Arrow record batches on a Flight stream, as the gateway reads them: a batch is sent once
 * it holds {@link FlightSettings#batchRows()} rows or about {@link FlightSettings#batchBytes()} bytes and another
 * row comes (the last batch carries the result's summary, {@link #finish}), and
 * before each batch the sink waits until the client has taken the previous ones (so a slow client holds one
 * batch in memory, not the result). The vectors are reused from batch to batch.
 */
final class ArrowBatchSink implements RowSink, AutoCloseable {
    private final BufferAllocator allocator;
    private final ServerStreamListener listener;
    private final FlightSettings settings;
    private final Object ready = new Object();
    private VectorSchemaRoot root;
    private ArrowColumns.Writer[] writers;
    private int rows;
    private long bytes;
    private long batches;

    ArrowBatchSink(BufferAllocator allocator, ServerStreamListener listener, FlightSettings settings) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.settings = requireNonNull(settings, "settings is null");
        listener.setOnReadyHandler(() -> {
            synchronized (ready) {
                ready.notifyAll();
            }
        });
    }

    @Override
    public void start(List<ResultColumn> columns) throws IOException {
        try {
            root = VectorSchemaRoot.create(ArrowColumns.schema(columns), allocator);
            root.allocateNew();
        } catch (OutOfMemoryException e) {
            throw new MemoryExhausted(allocator, e);
        }
        List<FieldVector> vectors = root.getFieldVectors();
        writers = new ArrowColumns.Writer[vectors.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = ArrowColumns.writer(vectors.get(i));
        }
        listener.start(root);
    }

    @Override
    public void row(Object[] values) throws IOException {
        if (rows >= settings.batchRows() || bytes >= settings.batchBytes()) {
            send(null); // a full batch leaves when the next row comes, so the last one is left for finish
        }
        try {
            for (int i = 0; i < writers.length; i++) {
                bytes += writers[i].write(rows, values[i]);
            }
        } catch (OutOfMemoryException e) {
            throw new MemoryExhausted(allocator, e);
        }
        rows++;
    }

    /**
     * Sends the last batch (the rows not yet sent, or an empty batch when the result has none) with the result's
     * summary as its app_metadata: {@code {"rowCount":N,"truncated":B}} in UTF-8 JSON, the fields of the HTTP API's
     * answer, where {@code truncated} says the row cap cut the result. The caller ends the stream.
     *
     * @param metadata where the summary's buffer comes from (Flight frees it once sent)
     */
    void finish(QueryResult result, BufferAllocator metadata) throws IOException {
        byte[] summary = summary(result).getBytes(StandardCharsets.UTF_8);
        ArrowBuf buffer = metadata.buffer(summary.length);
        buffer.writeBytes(summary);
        send(buffer);
    }

    static String summary(QueryResult result) {
        return "{\"rowCount\":" + result.rowCount() + ",\"truncated\":" + result.truncated() + "}";
    }

    boolean started() {
        return root != null;
    }

    /** Sends the rows written since the last batch, with {@code metadata} (owned by Flight from here) if not null. */
    private void send(ArrowBuf metadata) throws IOException {
        try {
            awaitClient();
        } catch (IOException e) {
            if (metadata != null) {
                metadata.close();
            }
            throw e;
        }
        root.setRowCount(rows);
        if (metadata == null) {
            listener.putNext();
        } else {
            listener.putNext(metadata);
        }
        batches++;
        rows = 0;
        bytes = 0;
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
    }

    /** Waits until the client can take another batch, up to the stall timeout. */
    private void awaitClient() throws IOException {
        long deadline = System.nanoTime() + settings.clientStallTimeout().toNanos();
        synchronized (ready) {
            while (!listener.isReady()) {
                if (listener.isCancelled()) {
                    throw new IOException("the client cancelled the query");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the client took no rows for " + settings.clientStallTimeout().toSeconds()
                            + " s; the query was stopped");
                }
                try {
                    // the ready handler wakes this up; the bound only rechecks cancellation now and then
                    ready.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the client", e);
                }
            }
        }
        if (listener.isCancelled()) {
            throw new IOException("the client cancelled the query");
        }
    }

    long batches() {
        return batches;
    }

    /**
     * The endpoint's memory for results is used up (by this batch, or by all open streams together). An
     * IOException, so that the gateway records the query as stopped, as for any sink that cannot write.
     */
    static final class MemoryExhausted extends IOException {
        MemoryExhausted(BufferAllocator allocator, OutOfMemoryException cause) {
            super("the Flight SQL endpoint's memory for results is used up (" + (allocator.getLimit() >> 10)
                    + " KiB for this query, shared with the other open results); select fewer or narrower columns,"
                    + " or try again when fewer results are being read", cause);
        }
    }

    @Override
    public void close() {
        if (root != null) {
            root.close();
        }
    }
}
