package dev.floorgate.core.internal;

/**
 * The creation time embedded in an operation id, which decides whether the MySQL ledger must be asked before an
 * operation is applied (OperationEngine). UUIDv7 (RFC 9562) and ULID carry 48 bits of Unix milliseconds at the
 * front; other UUID versions carry no usable time and always go through the ledger.
 */
final class OperationIdTime {
    /** Returned for ids without an embedded Unix time. */
    static final long NONE = -1;
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private OperationIdTime() {
    }

    static long millis(String opId) {
        if (opId == null) {
            return NONE;
        }
        if (opId.length() == 36 && opId.charAt(8) == '-') {
            if (opId.charAt(14) != '7') {
                return NONE;
            }
            String hex = opId.substring(0, 8) + opId.substring(9, 13);
            try {
                return Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                return NONE;
            }
        }
        if (opId.length() == 26) {
            long t = 0;
            for (int i = 0; i < 10; i++) {
                int v = CROCKFORD.indexOf(Character.toUpperCase(decodeAlias(opId.charAt(i))));
                if (v < 0) {
                    return NONE;
                }
                t = (t << 5) | v;
            }
            return t;
        }
        return NONE;
    }

    /** Crockford base32 reads I and L as 1 and O as 0. */
    private static char decodeAlias(char c) {
        switch (Character.toUpperCase(c)) {
            case 'I':
            case 'L':
                return '1';
            case 'O':
                return '0';
            default:
                return c;
        }
    }
}
