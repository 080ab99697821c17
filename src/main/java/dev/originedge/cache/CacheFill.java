package dev.originedge.cache;

import java.nio.ByteBuffer;

import io.vertx.core.buffer.Buffer;

/**
 * The copy of one body on its way to the client, made off the Java heap: sized from the declared length when
 * there is one, else grown as it comes, and given up as soon as it outgrows {@code edge.cache.max-object-size}
 * or its declared length. Only a body that arrived whole (every declared byte, or the origin's clean end of a
 * body without a length) becomes an entry.
 */
public final class CacheFill {

    private final long declared;
    private final long max;
    private ByteBuffer bytes;
    private boolean abandoned;

    /** @param declared the Content-Length, or -1 */
    public CacheFill(long declared, long max) {
        this.declared = declared;
        this.max = max;
        if (declared > max) {
            abandoned = true;
        } else {
            bytes = ByteBuffer.allocateDirect((int) (declared >= 0 ? declared : Math.min(max, 64 * 1024)));
        }
    }

    public boolean abandoned() {
        return abandoned;
    }

    public void add(Buffer chunk) {
        if (abandoned) {
            return;
        }
        int n = chunk.length();
        if (bytes.remaining() < n) {
            long needed = (long) bytes.position() + n;
            if (declared >= 0 || needed > max) {
                abandon(); // more than it said, or more than an entry may hold
                return;
            }
            ByteBuffer larger = ByteBuffer.allocateDirect((int) Math.min(max, Math.max(needed, 2L * bytes.capacity())));
            bytes.flip();
            larger.put(bytes);
            bytes = larger;
        }
        bytes.put(chunk.getByteBuf().nioBuffer());
    }

    /** The whole body, or null when it is not (shorter than declared, or given up). */
    public ByteBuffer complete() {
        if (abandoned || (declared >= 0 && bytes.position() != declared)) {
            abandon();
            return null;
        }
        ByteBuffer whole = bytes.position() == bytes.capacity() ? bytes : copyExact();
        whole.flip();
        bytes = null;
        abandoned = true;
        return whole;
    }

    private ByteBuffer copyExact() {
        ByteBuffer exact = ByteBuffer.allocateDirect(bytes.position());
        bytes.flip();
        exact.put(bytes);
        return exact;
    }

    public void abandon() {
        abandoned = true;
        bytes = null;
    }
}
