package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.lan.Gs1Fields;
import dev.floorgate.lan.Gs1Value;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.OperationRejection;
import dev.floorgate.lan.OperationStatus;
import dev.floorgate.lan.PickTask;
import dev.floorgate.lan.PickTasks;
import dev.floorgate.lan.ScanMatch;
import dev.floorgate.lan.ScanRequest;
import dev.floorgate.lan.ScanResult;
import dev.floorgate.lan.SubmitResult;
import dev.floorgate.protocol.OperationJson;
import java.io.IOException;

/**
 * Writers and readers of the LAN types for operations and their states, pick tasks and scans. Field names, their
 * order and what is left out when null are those of the gateway's controllers (the golden tests hold them).
 */
final class OperationCodecs {
    private OperationCodecs() {
    }

    static void writeSubmitResult(JsonGenerator g, SubmitResult v) throws IOException {
        g.writeStartObject();
        Write.str(g, "error", v.error(), Write.NON_NULL);
        Write.str(g, "message", v.message(), Write.NON_NULL);
        Write.strings(g, "accepted", v.accepted(), Write.ALWAYS);
        Write.list(g, "rejected", v.rejected(), Write.NON_EMPTY, OperationCodecs::writeOperationRejection);
        g.writeEndObject();
    }

    static SubmitResult readSubmitResult(Fields o) throws LanJsonException {
        return new SubmitResult(o.str("error", false),
                o.str("message", false),
                o.strings("accepted", false),
                o.list("rejected", false, false, OperationCodecs::readOperationRejection));
    }

    static void writeOperationRejection(JsonGenerator g, OperationRejection v) throws IOException {
        g.writeStartObject();
        Write.str(g, "opId", v.opId(), Write.ALWAYS);
        Write.str(g, "code", v.code(), Write.ALWAYS);
        Write.str(g, "message", v.reportedMessage(), Write.NON_NULL);
        Write.list(g, "problems", v.problems(), Write.ALWAYS, Codecs::writeProblem);
        g.writeEndObject();
    }

    static OperationRejection readOperationRejection(Fields o) throws LanJsonException {
        return new OperationRejection(o.str("opId", false),
                o.str("code", false),
                o.str("message", false),
                o.list("problems", false, false, Codecs::readProblem));
    }

    static void writeOperationStatus(JsonGenerator g, OperationStatus v) throws IOException {
        g.writeStartObject();
        Write.str(g, "opId", v.opId(), Write.ALWAYS);
        Write.str(g, "state", v.stateName(), Write.ALWAYS);
        Write.object(g, "result", v.result(), Write.ALWAYS, OperationJson::writeResult);
        Write.str(g, "acceptedAt", v.acceptedAt(), Write.ALWAYS);
        Write.str(g, "syncedAt", v.syncedAt(), Write.ALWAYS);
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        g.writeEndObject();
    }

    static OperationStatus readOperationStatus(Fields o) throws LanJsonException {
        return new OperationStatus(o.str("opId", true),
                o.str("state", true),
                o.object("result", false, Codecs::resultOrNull),
                o.str("acceptedAt", false),
                o.str("syncedAt", false),
                o.str("deviceId", false));
    }

    static void writePickTask(JsonGenerator g, PickTask v) throws IOException {
        g.writeStartObject();
        Write.str(g, "taskId", v.taskId(), Write.ALWAYS);
        Write.str(g, "orderNo", v.orderNo(), Write.ALWAYS);
        g.writeNumberField("lineNo", v.lineNo());
        Write.str(g, "sku", v.sku(), Write.ALWAYS);
        Write.str(g, "skuName", v.skuName(), Write.ALWAYS);
        Write.str(g, "location", v.location(), Write.ALWAYS);
        g.writeNumberField("qty", v.qty());
        g.writeNumberField("picked", v.picked());
        g.writeNumberField("remaining", v.remaining());
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PickTask readPickTask(Fields o) throws LanJsonException {
        return PickTask.builder()
                .taskId(o.str("taskId", false))
                .orderNo(o.str("orderNo", false))
                .lineNo(o.integer("lineNo", false))
                .sku(o.str("sku", false))
                .skuName(o.str("skuName", false))
                .location(o.str("location", false))
                .qty(o.lng("qty", false))
                .picked(o.lng("picked", false))
                .remaining(o.lng("remaining", false))
                .warehouse(o.str("warehouse", false))
                .build();
    }

    static void writePickTasks(JsonGenerator g, PickTasks v) throws IOException {
        g.writeStartObject();
        Write.list(g, "tasks", v.tasks(), Write.ALWAYS, OperationCodecs::writePickTask);
        Write.number(g, "cacheAgeSeconds", v.cacheAgeSeconds(), Write.NON_NULL);
        g.writeEndObject();
    }

    static PickTasks readPickTasks(Fields o) throws LanJsonException {
        return new PickTasks(o.list("tasks", false, false, OperationCodecs::readPickTask),
                o.boxedLong("cacheAgeSeconds", false));
    }

    static void writeScanRequest(JsonGenerator g, ScanRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "data", v.data(), Write.NON_NULL);
        Write.str(g, "symbology", v.symbology(), Write.NON_NULL);
        g.writeEndObject();
    }

    static ScanRequest readScanRequest(Fields o) throws LanJsonException {
        return new ScanRequest(o.str("data", true),
                o.str("symbology", false));
    }

    static void writeScanResult(JsonGenerator g, ScanResult v) throws IOException {
        g.writeStartObject();
        Write.str(g, "data", v.data(), Write.ALWAYS);
        Write.str(g, "aimId", v.aimId(), Write.ALWAYS);
        Write.str(g, "symbology", v.symbology(), Write.ALWAYS);
        Write.object(g, "gs1", v.gs1(), Write.ALWAYS, OperationCodecs::writeGs1Fields);
        Write.object(g, "match", v.match(), Write.ALWAYS, OperationCodecs::writeScanMatch);
        Write.list(g, "problems", v.problems(), Write.ALWAYS, Codecs::writeProblem);
        g.writeEndObject();
    }

    static ScanResult readScanResult(Fields o) throws LanJsonException {
        return new ScanResult(o.str("data", false),
                o.str("aimId", false),
                o.str("symbology", false),
                o.object("gs1", false, OperationCodecs::readGs1Fields),
                o.object("match", false, OperationCodecs::readScanMatch),
                o.list("problems", false, false, Codecs::readProblem));
    }

    static void writeGs1Fields(JsonGenerator g, Gs1Fields v) throws IOException {
        g.writeStartObject();
        Write.list(g, "elements", v.elements(), Write.ALWAYS, OperationCodecs::writeGs1Value);
        Write.str(g, "gtin", v.gtin(), Write.ALWAYS);
        Write.str(g, "batch", v.batch(), Write.ALWAYS);
        Write.str(g, "expiry", v.expiry(), Write.ALWAYS);
        Write.str(g, "serial", v.serial(), Write.ALWAYS);
        Write.str(g, "sscc", v.sscc(), Write.ALWAYS);
        g.writeEndObject();
    }

    static Gs1Fields readGs1Fields(Fields o) throws LanJsonException {
        return new Gs1Fields(o.list("elements", false, false, OperationCodecs::readGs1Value),
                o.str("gtin", false),
                o.str("batch", false),
                o.str("expiry", false),
                o.str("serial", false),
                o.str("sscc", false));
    }

    static void writeGs1Value(JsonGenerator g, Gs1Value v) throws IOException {
        g.writeStartObject();
        Write.str(g, "ai", v.ai(), Write.ALWAYS);
        Write.str(g, "value", v.value(), Write.ALWAYS);
        g.writeEndObject();
    }

    static Gs1Value readGs1Value(Fields o) throws LanJsonException {
        return new Gs1Value(o.str("ai", true),
                o.str("value", true));
    }

    /** The fields of the match's kind, null or not, as the gateway's ScanDecoder puts them; others left out. */
    static void writeScanMatch(JsonGenerator g, ScanMatch v) throws IOException {
        g.writeStartObject();
        Write.str(g, "kind", v.kind(), Write.ALWAYS);
        int sku = rule(v, ScanMatch.SKU);
        int location = rule(v, ScanMatch.LOCATION);
        int order = rule(v, ScanMatch.ORDER);
        Write.str(g, "sku", v.sku(), sku);
        Write.str(g, "name", v.name(), sku);
        Write.str(g, "unit", v.unit(), sku);
        Write.str(g, "location", v.location(), location);
        Write.str(g, "type", v.type(), location);
        Write.str(g, "orderNo", v.orderNo(), order);
        Write.str(g, "status", v.status(), order);
        Write.str(g, "sscc", v.sscc(), rule(v, ScanMatch.SSCC));
        g.writeEndObject();
    }

    private static int rule(ScanMatch v, String kind) {
        return kind.equals(v.kind()) ? Write.ALWAYS : Write.NON_NULL;
    }

    static ScanMatch readScanMatch(Fields o) throws LanJsonException {
        return ScanMatch.builder()
                .kind(o.str("kind", true))
                .sku(o.str("sku", false))
                .name(o.str("name", false))
                .unit(o.str("unit", false))
                .location(o.str("location", false))
                .type(o.str("type", false))
                .orderNo(o.str("orderNo", false))
                .status(o.str("status", false))
                .sscc(o.str("sscc", false))
                .build();
    }
}
