package dev.floorgate.protocol;

import com.github.f4b6a3.uuid.UuidCreator;
import java.util.regex.Pattern;

/**
 * Client-made operation ids. New ids are UUIDv7 (time-ordered, RFC 9562) made by uuid-creator, a small,
 * dependency-free, well-kept library that runs on Android; ULIDs are accepted too (API.md).
 */
public final class OperationIds {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Crockford base32, 26 characters, first character at most 7 (128 bits). */
    private static final Pattern ULID_TEXT = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}");

    private OperationIds() {
    }

    /** A new UUIDv7 in its canonical lowercase text form. */
    public static String newId() {
        return UuidCreator.getTimeOrderedEpoch().toString();
    }

    /** Whether {@code id} is a UUID in canonical text form or a ULID. */
    public static boolean isWellFormed(String id) {
        return id != null && (UUID_TEXT.matcher(id).matches() || ULID_TEXT.matcher(id).matches());
    }
}
