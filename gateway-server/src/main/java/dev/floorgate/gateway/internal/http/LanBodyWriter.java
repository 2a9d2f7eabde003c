package dev.floorgate.gateway.internal.http;

import dev.floorgate.lan.LanJson;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes every LAN API body ({@code dev.floorgate.lan} types, or a {@link List} of them) with {@link LanJson}, so
 * the bytes on the wire are the ones lan-api's golden bodies and OpenAPI document describe, whatever serde would
 * make of them. Ordered before serde's writer, which would otherwise ask for a bean introspection the lan types
 * (Android-safe, no Micronaut) do not have.
 */
@Singleton
@Order(-100)
@Produces(MediaType.APPLICATION_JSON)
final class LanBodyWriter implements MessageBodyWriter<Object> {
    @Override
    public boolean isWriteable(Argument<Object> type, MediaType mediaType) {
        return handles(type);
    }

    static boolean handles(Argument<?> type) {
        if (LanJson.handles(type.getType())) {
            return true;
        }
        return List.class.isAssignableFrom(type.getType()) && type.getTypeParameters().length == 1
                && LanJson.handles(type.getTypeParameters()[0].getType());
    }

    @Override
    public void writeTo(Argument<Object> type, MediaType mediaType, Object value, MutableHeaders headers,
            OutputStream out) throws CodecException {
        headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        try {
            out.write(LanJson.writeBytes(value));
        } catch (IOException e) {
            throw new CodecException("writing a " + type.getType().getSimpleName() + " body failed", e);
        }
    }
}
