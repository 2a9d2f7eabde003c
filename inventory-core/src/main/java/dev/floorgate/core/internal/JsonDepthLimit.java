package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;

/**
 * The one nesting limit of every JSON body the core reads, checked before any parser sees the body (issue 22:
 * 100,000 {@code [} made the batch parser fail with a NullPointerException and a 500). No body of the API nests
 * deeper than 4 levels; {@value #MAX_DEPTH} matches the protocol parser's own Jackson {@code StreamReadConstraints}
 * ({@code OperationJson}) and is far below Micronaut serde's default, so this check always answers first, with
 * 400 {@code MALFORMED_JSON} naming the limit and the byte. One pass, no allocation; strings are skipped, so a
 * {@code [} inside a value does not count.
 */
final class JsonDepthLimit {
    static final int MAX_DEPTH = 32;

    private JsonDepthLimit() {
    }

    static void check(byte[] body) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > MAX_DEPTH) {
                    throw ApiException.badRequest(ResultCodes.MALFORMED_JSON, "JSON nested deeper than " + MAX_DEPTH
                            + " levels at byte " + i + "; no request of this API nests that deep");
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
    }
}
