package dev.floorgate.pda;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where {@link OperationQueue} keeps the operations a PDA made and the gateway has not yet acknowledged: a
 * first-in first-out queue of byte entries (each one operation's canonical JSON). {@link FileQueueStorage} is
 * the built-in, crash-safe implementation; an app may back it with Room instead (see the module README).
 *
 * <p>The contract an implementation must keep:
 * <ul>
 *   <li>{@link #append} is durable before it returns: after a crash or power loss the entry is there;</li>
 *   <li>each call is atomic: after a crash an append or a remove either happened completely or not at all;</li>
 *   <li>entries come back from {@link #peek} in the order they were appended, byte for byte;</li>
 *   <li>an {@link IOException} leaves the storage as the last completed call left it.</li>
 * </ul>
 * Implementations need not be thread-safe: {@link OperationQueue} serialises its calls.
 */
public interface QueueStorage extends Closeable {
    /** Adds {@code entry} at the tail; durable on return. */
    void append(byte[] entry) throws IOException;

    /** Up to {@code max} entries from the head, oldest first, without removing them. */
    List<byte[]> peek(int max) throws IOException;

    /**
     * Removes {@code n} entries from the head.
     *
     * @throws IllegalArgumentException when {@code n} is negative or more than {@link #size()}
     */
    void remove(int n) throws IOException;

    /** The number of entries. */
    int size() throws IOException;
}
