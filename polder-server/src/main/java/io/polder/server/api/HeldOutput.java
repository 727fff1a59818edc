package io.polder.server.api;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body held back until it passes {@code hold} bytes: until then nothing is sent, so a failure can
 * still be answered as a proper error (status and JSON body) and the final counts as headers; past it the
 * bytes stream to the client as they come.
 */
final class HeldOutput extends OutputStream {
    private final HttpServletResponse response;
    private final int hold;
    private ByteArrayOutputStream held = new ByteArrayOutputStream();
    private OutputStream out;

    HeldOutput(HttpServletResponse response, int hold) {
        this.response = requireNonNull(response, "response is null");
        this.hold = hold;
    }

    /** Whether bytes have gone to the client: the status and headers are sent then. */
    boolean sent() {
        return out != null;
    }

    @Override
    public void write(int b) throws IOException {
        if (out != null) {
            out.write(b);
            return;
        }
        held.write(b);
        sendIfFull();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (out != null) {
            out.write(bytes, offset, length);
            return;
        }
        held.write(bytes, offset, length);
        sendIfFull();
    }

    /** Forgets what is held (before an error answer replaces it). */
    void discard() {
        if (held != null) {
            held.reset();
        }
    }

    /** Sends what is held, and everything after it at once. */
    void send() throws IOException {
        if (out == null) {
            out = response.getOutputStream();
            held.writeTo(out);
            held = null;
        }
    }

    private void sendIfFull() throws IOException {
        if (held.size() >= hold) {
            send();
        }
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }
}
