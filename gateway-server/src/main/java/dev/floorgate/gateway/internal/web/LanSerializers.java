package dev.floorgate.gateway.internal.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floorgate.lan.ErrorBody;
import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.PrintJobView;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lets a page's record (Micronaut serde) hold a LAN API type, such as the overview's print jobs, and write it
 * exactly as the LAN API does: the type is written by {@link LanJson} (which owns its field order and which nulls
 * are left out) and the result is replayed, token by token, into serde's encoder. One bean per LAN type the pages
 * carry: serde finds serializers by their type argument.
 */
final class LanSerializers {
    private static final JsonFactory JSON = new JsonFactory();

    private LanSerializers() {
    }

    /** Writes a LAN type inside a serde body; subclasses only name the type. */
    abstract static class Lan<T> implements Serializer<T> {
        @Override
        public void serialize(Encoder encoder, EncoderContext context, Argument<? extends T> type, T value)
                throws IOException {
            replay(LanJson.writeBytes(value), encoder);
        }
    }

    @Singleton
    static final class PrintJobViewSerializer extends Lan<PrintJobView> {
    }

    @Singleton
    static final class ErrorBodySerializer extends Lan<ErrorBody> {
    }

    /** Feeds one JSON document into an encoder, keeping key order, nulls and number kinds. */
    static void replay(byte[] json, Encoder encoder) throws IOException {
        Deque<Encoder> open = new ArrayDeque<>();
        open.push(encoder);
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                Encoder current = open.peek();
                switch (t) {
                    case START_OBJECT -> open.push(current.encodeObject(Argument.OBJECT_ARGUMENT));
                    case START_ARRAY -> open.push(current.encodeArray(Argument.OBJECT_ARGUMENT));
                    case END_OBJECT, END_ARRAY -> open.pop().finishStructure();
                    case FIELD_NAME -> current.encodeKey(p.currentName());
                    case VALUE_STRING -> current.encodeString(p.getText());
                    case VALUE_NUMBER_INT -> {
                        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            current.encodeBigInteger(p.getBigIntegerValue());
                        } else {
                            current.encodeLong(p.getLongValue());
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> current.encodeBigDecimal(p.getDecimalValue());
                    case VALUE_TRUE -> current.encodeBoolean(true);
                    case VALUE_FALSE -> current.encodeBoolean(false);
                    case VALUE_NULL -> current.encodeNull();
                    default -> throw new IOException("LAN type wrote an unexpected JSON token " + t + " at "
                            + p.currentLocation());
                }
            }
        }
    }
}
