package dev.floorgate.sync;

/** Where a buffered photo stands. */
public enum PhotoState {
    /** Waiting for (or in the middle of) its upload; its file is kept. */
    PENDING,
    /** The core answered {@code complete} with 200; its file is deleted once no other pending row needs it. */
    UPLOADED,
    /** The core refused it for good (422 and the like) or its file was missing at open; kept, never retried. */
    FAILED
}
