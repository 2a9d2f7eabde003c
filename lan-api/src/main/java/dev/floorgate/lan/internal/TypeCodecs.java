package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.lan.AdoptedPrinter;
import dev.floorgate.lan.BadgeLogin;
import dev.floorgate.lan.DeviceEvent;
import dev.floorgate.lan.DeviceList;
import dev.floorgate.lan.DeviceRevocation;
import dev.floorgate.lan.EnrollRequest;
import dev.floorgate.lan.EnrollResult;
import dev.floorgate.lan.EnrolledDevice;
import dev.floorgate.lan.EnrollmentCode;
import dev.floorgate.lan.EnrollmentCodeRequest;
import dev.floorgate.lan.ErrorBody;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.Gs1Fields;
import dev.floorgate.lan.Gs1Value;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.Logout;
import dev.floorgate.lan.OperationRejection;
import dev.floorgate.lan.OperationStatus;
import dev.floorgate.lan.PickTask;
import dev.floorgate.lan.PickTasks;
import dev.floorgate.lan.PreviewRequest;
import dev.floorgate.lan.PrintJobAction;
import dev.floorgate.lan.PrintJobDecision;
import dev.floorgate.lan.PrintJobEvent;
import dev.floorgate.lan.PrintJobList;
import dev.floorgate.lan.PrintJobRequest;
import dev.floorgate.lan.PrintJobResolution;
import dev.floorgate.lan.PrintJobView;
import dev.floorgate.lan.PrinterAdoption;
import dev.floorgate.lan.PrinterView;
import dev.floorgate.lan.ScanMatch;
import dev.floorgate.lan.ScanRequest;
import dev.floorgate.lan.ScanResult;
import dev.floorgate.lan.ScannerView;
import dev.floorgate.lan.Session;
import dev.floorgate.lan.StationEvent;
import dev.floorgate.lan.StationView;
import dev.floorgate.lan.SubmitResult;
import dev.floorgate.lan.TemplateFieldView;
import dev.floorgate.lan.TemplateList;
import dev.floorgate.lan.TemplateView;
import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import java.io.IOException;

/** The writer and reader of each LAN API type: field names, order and what is left out, as the gateway writes them. */
final class TypeCodecs {
    private TypeCodecs() {
    }

    static void writeErrorBody(JsonGenerator g, ErrorBody v) throws IOException {
        g.writeStartObject();
        Write.str(g, "error", v.error(), Write.ALWAYS);
        Write.str(g, "message", v.message(), Write.ALWAYS);
        Write.any(g, "details", v.details(), Write.NON_NULL);
        g.writeEndObject();
    }

    static ErrorBody readErrorBody(Fields o) throws LanJsonException {
        return new ErrorBody(o.str("error", true),
                o.str("message", false),
                o.any("details"));
    }

    static void writeEnrollmentCodeRequest(JsonGenerator g, EnrollmentCodeRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "tenant", v.tenant(), Write.NON_NULL);
        Write.str(g, "warehouse", v.warehouse(), Write.NON_NULL);
        Write.number(g, "ttlMinutes", v.ttlMinutes(), Write.NON_NULL);
        g.writeEndObject();
    }

    static EnrollmentCodeRequest readEnrollmentCodeRequest(Fields o) throws LanJsonException {
        return new EnrollmentCodeRequest(o.str("tenant", false),
                o.str("warehouse", false),
                o.boxedLong("ttlMinutes", false));
    }

    static void writeEnrollmentCode(JsonGenerator g, EnrollmentCode v) throws IOException {
        g.writeStartObject();
        Write.str(g, "code", v.code(), Write.ALWAYS);
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        Write.str(g, "expiresAt", v.expiresAt(), Write.ALWAYS);
        g.writeEndObject();
    }

    static EnrollmentCode readEnrollmentCode(Fields o) throws LanJsonException {
        return new EnrollmentCode(o.str("code", true),
                o.str("tenant", false),
                o.str("warehouse", false),
                o.str("expiresAt", false));
    }

    static void writeEnrollRequest(JsonGenerator g, EnrollRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "code", v.code(), Write.NON_NULL);
        Write.str(g, "deviceId", v.deviceId(), Write.NON_NULL);
        Write.str(g, "kind", v.kind(), Write.NON_NULL);
        g.writeEndObject();
    }

    static EnrollRequest readEnrollRequest(Fields o) throws LanJsonException {
        return new EnrollRequest(o.str("code", true),
                o.str("deviceId", false),
                o.str("kind", false));
    }

    static void writeEnrollResult(JsonGenerator g, EnrollResult v) throws IOException {
        g.writeStartObject();
        Write.str(g, "token", v.token(), Write.ALWAYS);
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        g.writeEndObject();
    }

    static EnrollResult readEnrollResult(Fields o) throws LanJsonException {
        return new EnrollResult(o.str("token", true),
                o.str("deviceId", false));
    }

    static void writeEnrolledDevice(JsonGenerator g, EnrolledDevice v) throws IOException {
        g.writeStartObject();
        Write.str(g, "deviceId", v.deviceId(), Write.NON_EMPTY);
        Write.str(g, "tenant", v.tenant(), Write.NON_EMPTY);
        Write.str(g, "warehouse", v.warehouse(), Write.NON_EMPTY);
        Write.str(g, "kind", v.kind(), Write.NON_EMPTY);
        Write.str(g, "enrolledAt", v.enrolledAt(), Write.NON_EMPTY);
        Write.str(g, "revokedAt", v.revokedAt(), Write.NON_EMPTY);
        Write.str(g, "lastSeen", v.lastSeen(), Write.NON_EMPTY);
        g.writeEndObject();
    }

    static EnrolledDevice readEnrolledDevice(Fields o) throws LanJsonException {
        return new EnrolledDevice(o.str("deviceId", false),
                o.str("tenant", false),
                o.str("warehouse", false),
                o.str("kind", false),
                o.str("enrolledAt", false),
                o.str("revokedAt", false),
                o.str("lastSeen", false));
    }

    static void writeDeviceRevocation(JsonGenerator g, DeviceRevocation v) throws IOException {
        g.writeStartObject();
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        g.writeBooleanField("revoked", v.revoked());
        g.writeEndObject();
    }

    static DeviceRevocation readDeviceRevocation(Fields o) throws LanJsonException {
        return new DeviceRevocation(o.str("deviceId", false),
                o.bool("revoked", false));
    }

    static void writeBadgeLogin(JsonGenerator g, BadgeLogin v) throws IOException {
        g.writeStartObject();
        Write.str(g, "badge", v.badge(), Write.NON_NULL);
        g.writeEndObject();
    }

    static BadgeLogin readBadgeLogin(Fields o) throws LanJsonException {
        return new BadgeLogin(o.str("badge", true));
    }

    static void writeSession(JsonGenerator g, Session v) throws IOException {
        g.writeStartObject();
        Write.str(g, "operator", v.operator(), Write.ALWAYS);
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        g.writeEndObject();
    }

    static Session readSession(Fields o) throws LanJsonException {
        return new Session(o.str("operator", false),
                o.str("deviceId", false),
                o.str("tenant", false),
                o.str("warehouse", false));
    }

    static void writeLogout(JsonGenerator g, Logout v) throws IOException {
        g.writeStartObject();
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        g.writeBooleanField("loggedOut", v.loggedOut());
        g.writeEndObject();
    }

    static Logout readLogout(Fields o) throws LanJsonException {
        return new Logout(o.str("deviceId", false),
                o.bool("loggedOut", false));
    }

    static void writeSubmitResult(JsonGenerator g, SubmitResult v) throws IOException {
        g.writeStartObject();
        Write.str(g, "error", v.error(), Write.NON_NULL);
        Write.str(g, "message", v.message(), Write.NON_NULL);
        Write.strings(g, "accepted", v.accepted(), Write.ALWAYS);
        Write.list(g, "rejected", v.rejected(), Write.NON_EMPTY, TypeCodecs::writeOperationRejection);
        g.writeEndObject();
    }

    static SubmitResult readSubmitResult(Fields o) throws LanJsonException {
        return new SubmitResult(o.str("error", false),
                o.str("message", false),
                o.strings("accepted", false),
                o.list("rejected", false, false, TypeCodecs::readOperationRejection));
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
        Write.list(g, "tasks", v.tasks(), Write.ALWAYS, TypeCodecs::writePickTask);
        Write.number(g, "cacheAgeSeconds", v.cacheAgeSeconds(), Write.NON_NULL);
        g.writeEndObject();
    }

    static PickTasks readPickTasks(Fields o) throws LanJsonException {
        return new PickTasks(o.list("tasks", false, false, TypeCodecs::readPickTask),
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
        Write.object(g, "gs1", v.gs1(), Write.ALWAYS, TypeCodecs::writeGs1Fields);
        Write.object(g, "match", v.match(), Write.ALWAYS, TypeCodecs::writeScanMatch);
        Write.list(g, "problems", v.problems(), Write.ALWAYS, Codecs::writeProblem);
        g.writeEndObject();
    }

    static ScanResult readScanResult(Fields o) throws LanJsonException {
        return new ScanResult(o.str("data", false),
                o.str("aimId", false),
                o.str("symbology", false),
                o.object("gs1", false, TypeCodecs::readGs1Fields),
                o.object("match", false, TypeCodecs::readScanMatch),
                o.list("problems", false, false, Codecs::readProblem));
    }

    static void writeGs1Fields(JsonGenerator g, Gs1Fields v) throws IOException {
        g.writeStartObject();
        Write.list(g, "elements", v.elements(), Write.ALWAYS, TypeCodecs::writeGs1Value);
        Write.str(g, "gtin", v.gtin(), Write.ALWAYS);
        Write.str(g, "batch", v.batch(), Write.ALWAYS);
        Write.str(g, "expiry", v.expiry(), Write.ALWAYS);
        Write.str(g, "serial", v.serial(), Write.ALWAYS);
        Write.str(g, "sscc", v.sscc(), Write.ALWAYS);
        g.writeEndObject();
    }

    static Gs1Fields readGs1Fields(Fields o) throws LanJsonException {
        return new Gs1Fields(o.list("elements", false, false, TypeCodecs::readGs1Value),
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

    static void writePrintJobRequest(JsonGenerator g, PrintJobRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "jobId", v.jobId(), Write.NON_NULL);
        Write.str(g, "tenant", v.tenant(), Write.NON_NULL);
        Write.str(g, "printer", v.printer(), Write.NON_NULL);
        Write.str(g, "station", v.station(), Write.NON_NULL);
        Write.str(g, "template", v.template(), Write.NON_NULL);
        Write.strMap(g, "data", v.data(), Write.NON_NULL);
        Write.number(g, "copies", v.copies(), Write.NON_NULL);
        Write.str(g, "zpl", v.zpl(), Write.NON_NULL);
        g.writeEndObject();
    }

    static PrintJobRequest readPrintJobRequest(Fields o) throws LanJsonException {
        return PrintJobRequest.builder()
                .jobId(o.str("jobId", true))
                .tenant(o.str("tenant", false))
                .printer(o.str("printer", false))
                .station(o.str("station", false))
                .template(o.str("template", false))
                .data(o.strMap("data", false, true))
                .copies(o.boxedInteger("copies", false))
                .zpl(o.str("zpl", false))
                .build();
    }

    static void writePrintJobView(JsonGenerator g, PrintJobView v) throws IOException {
        g.writeStartObject();
        Write.str(g, "jobId", v.jobId(), Write.ALWAYS);
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        Write.str(g, "printer", v.printer(), Write.ALWAYS);
        Write.str(g, "station", v.station(), Write.ALWAYS);
        Write.str(g, "template", v.template(), Write.ALWAYS);
        g.writeBooleanField("raw", v.raw());
        Write.strMap(g, "data", v.data(), Write.ALWAYS);
        g.writeNumberField("copies", v.copies());
        g.writeNumberField("zplBytes", v.zplBytes());
        Write.str(g, "state", v.state(), Write.ALWAYS);
        Write.str(g, "fault", v.fault(), Write.ALWAYS);
        Write.str(g, "faultDetail", v.faultDetail(), Write.ALWAYS);
        g.writeNumberField("attempts", v.attempts());
        Write.str(g, "createdAt", v.createdAt(), Write.ALWAYS);
        Write.str(g, "updatedAt", v.updatedAt(), Write.ALWAYS);
        Write.str(g, "printedAt", v.printedAt(), Write.ALWAYS);
        Write.str(g, "createdBy", v.createdBy(), Write.ALWAYS);
        Write.object(g, "resolution", v.resolution(), Write.ALWAYS, TypeCodecs::writePrintJobResolution);
        Write.bool(g, "duplicate", v.duplicate(), Write.NON_NULL);
        Write.list(g, "history", v.history(), Write.NON_NULL, TypeCodecs::writePrintJobAction);
        g.writeEndObject();
    }

    static PrintJobView readPrintJobView(Fields o) throws LanJsonException {
        return PrintJobView.builder()
                .jobId(o.str("jobId", false))
                .tenant(o.str("tenant", false))
                .printer(o.str("printer", false))
                .station(o.str("station", false))
                .template(o.str("template", false))
                .raw(o.bool("raw", false))
                .data(o.strMap("data", false, false))
                .copies(o.integer("copies", false))
                .zplBytes(o.integer("zplBytes", false))
                .state(o.str("state", false))
                .fault(o.str("fault", false))
                .faultDetail(o.str("faultDetail", false))
                .attempts(o.integer("attempts", false))
                .createdAt(o.str("createdAt", false))
                .updatedAt(o.str("updatedAt", false))
                .printedAt(o.str("printedAt", false))
                .createdBy(o.str("createdBy", false))
                .resolution(o.object("resolution", false, TypeCodecs::readPrintJobResolution))
                .duplicate(o.boxedBool("duplicate", false))
                .history(o.list("history", false, true, TypeCodecs::readPrintJobAction))
                .build();
    }

    static void writePrintJobResolution(JsonGenerator g, PrintJobResolution v) throws IOException {
        g.writeStartObject();
        Write.str(g, "action", v.action(), Write.ALWAYS);
        Write.str(g, "by", v.by(), Write.ALWAYS);
        Write.str(g, "at", v.at(), Write.ALWAYS);
        Write.str(g, "reason", v.reason(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PrintJobResolution readPrintJobResolution(Fields o) throws LanJsonException {
        return new PrintJobResolution(o.str("action", false),
                o.str("by", false),
                o.str("at", false),
                o.str("reason", false));
    }

    static void writePrintJobAction(JsonGenerator g, PrintJobAction v) throws IOException {
        g.writeStartObject();
        Write.str(g, "at", v.at(), Write.ALWAYS);
        Write.str(g, "action", v.action(), Write.ALWAYS);
        Write.str(g, "by", v.by(), Write.ALWAYS);
        Write.str(g, "reason", v.reason(), Write.ALWAYS);
        Write.str(g, "from", v.from(), Write.ALWAYS);
        Write.str(g, "to", v.to(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PrintJobAction readPrintJobAction(Fields o) throws LanJsonException {
        return new PrintJobAction(o.str("at", false),
                o.str("action", false),
                o.str("by", false),
                o.str("reason", false),
                o.str("from", false),
                o.str("to", false));
    }

    static void writePrintJobList(JsonGenerator g, PrintJobList v) throws IOException {
        g.writeStartObject();
        Write.list(g, "jobs", v.jobs(), Write.ALWAYS, TypeCodecs::writePrintJobView);
        g.writeEndObject();
    }

    static PrintJobList readPrintJobList(Fields o) throws LanJsonException {
        return new PrintJobList(o.list("jobs", false, false, TypeCodecs::readPrintJobView));
    }

    static void writePrintJobDecision(JsonGenerator g, PrintJobDecision v) throws IOException {
        g.writeStartObject();
        Write.str(g, "reason", v.reason(), Write.NON_NULL);
        g.writeEndObject();
    }

    static PrintJobDecision readPrintJobDecision(Fields o) throws LanJsonException {
        return new PrintJobDecision(o.str("reason", true));
    }

    static void writeDeviceList(JsonGenerator g, DeviceList v) throws IOException {
        g.writeStartObject();
        Write.list(g, "printers", v.printers(), Write.ALWAYS, TypeCodecs::writePrinterView);
        Write.list(g, "scanners", v.scanners(), Write.ALWAYS, TypeCodecs::writeScannerView);
        Write.list(g, "stations", v.stations(), Write.ALWAYS, TypeCodecs::writeStationView);
        Write.list(g, "pdas", v.pdas(), Write.ALWAYS, TypeCodecs::writeEnrolledDevice);
        g.writeEndObject();
    }

    static DeviceList readDeviceList(Fields o) throws LanJsonException {
        return new DeviceList(o.list("printers", false, false, TypeCodecs::readPrinterView),
                o.list("scanners", false, false, TypeCodecs::readScannerView),
                o.list("stations", false, false, TypeCodecs::readStationView),
                o.list("pdas", false, false, TypeCodecs::readEnrolledDevice));
    }

    static void writePrinterView(JsonGenerator g, PrinterView v) throws IOException {
        g.writeStartObject();
        Write.str(g, "name", v.name(), Write.ALWAYS);
        Write.str(g, "description", v.description(), Write.ALWAYS);
        Write.str(g, "url", v.url(), Write.ALWAYS);
        Write.str(g, "state", v.state(), Write.ALWAYS);
        Write.str(g, "stateText", v.stateText(), Write.ALWAYS);
        g.writeBooleanField("online", v.online());
        g.writeBooleanField("connected", v.connected());
        Write.strings(g, "faults", v.faults(), Write.ALWAYS);
        Write.str(g, "detail", v.detail(), Write.ALWAYS);
        Write.str(g, "lastSeen", v.lastSeen(), Write.ALWAYS);
        Write.str(g, "since", v.since(), Write.ALWAYS);
        Write.numMap(g, "jobs", v.jobs(), Write.ALWAYS);
        Write.strings(g, "stations", v.stations(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PrinterView readPrinterView(Fields o) throws LanJsonException {
        return PrinterView.builder()
                .name(o.str("name", false))
                .description(o.str("description", false))
                .url(o.str("url", false))
                .state(o.str("state", false))
                .stateText(o.str("stateText", false))
                .online(o.bool("online", false))
                .connected(o.bool("connected", false))
                .faults(o.strings("faults", false))
                .detail(o.str("detail", false))
                .lastSeen(o.str("lastSeen", false))
                .since(o.str("since", false))
                .jobs(o.numMap("jobs", false))
                .stations(o.strings("stations", false))
                .build();
    }

    static void writeScannerView(JsonGenerator g, ScannerView v) throws IOException {
        g.writeStartObject();
        Write.str(g, "name", v.name(), Write.ALWAYS);
        Write.str(g, "description", v.description(), Write.ALWAYS);
        Write.str(g, "url", v.url(), Write.ALWAYS);
        Write.str(g, "state", v.state(), Write.ALWAYS);
        g.writeBooleanField("connected", v.connected());
        Write.str(g, "since", v.since(), Write.ALWAYS);
        Write.str(g, "lastScanAt", v.lastScanAt(), Write.ALWAYS);
        g.writeNumberField("scans", v.scans());
        g.writeNumberField("problems", v.problems());
        Write.str(g, "lastProblem", v.lastProblem(), Write.ALWAYS);
        Write.str(g, "lastProblemAt", v.lastProblemAt(), Write.ALWAYS);
        Write.strings(g, "stations", v.stations(), Write.ALWAYS);
        g.writeEndObject();
    }

    static ScannerView readScannerView(Fields o) throws LanJsonException {
        return ScannerView.builder()
                .name(o.str("name", false))
                .description(o.str("description", false))
                .url(o.str("url", false))
                .state(o.str("state", false))
                .connected(o.bool("connected", false))
                .since(o.str("since", false))
                .lastScanAt(o.str("lastScanAt", false))
                .scans(o.lng("scans", false))
                .problems(o.lng("problems", false))
                .lastProblem(o.str("lastProblem", false))
                .lastProblemAt(o.str("lastProblemAt", false))
                .stations(o.strings("stations", false))
                .build();
    }

    static void writeStationView(JsonGenerator g, StationView v) throws IOException {
        g.writeStartObject();
        Write.str(g, "name", v.name(), Write.ALWAYS);
        Write.str(g, "description", v.description(), Write.ALWAYS);
        Write.str(g, "scanner", v.scanner(), Write.ALWAYS);
        Write.str(g, "printer", v.printer(), Write.ALWAYS);
        Write.str(g, "onScan", v.onScan(), Write.ALWAYS);
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        g.writeEndObject();
    }

    static StationView readStationView(Fields o) throws LanJsonException {
        return new StationView(o.str("name", false),
                o.str("description", false),
                o.str("scanner", false),
                o.str("printer", false),
                o.str("onScan", false),
                o.str("tenant", false),
                o.str("warehouse", false));
    }

    static void writePrinterAdoption(JsonGenerator g, PrinterAdoption v) throws IOException {
        g.writeStartObject();
        Write.str(g, "name", v.name(), Write.NON_NULL);
        Write.str(g, "url", v.url(), Write.NON_NULL);
        Write.str(g, "description", v.description(), Write.NON_NULL);
        g.writeEndObject();
    }

    static PrinterAdoption readPrinterAdoption(Fields o) throws LanJsonException {
        return new PrinterAdoption(o.str("name", true),
                o.str("url", true),
                o.str("description", false));
    }

    static void writeAdoptedPrinter(JsonGenerator g, AdoptedPrinter v) throws IOException {
        g.writeStartObject();
        Write.str(g, "name", v.name(), Write.ALWAYS);
        Write.str(g, "url", v.url(), Write.ALWAYS);
        Write.str(g, "state", v.state(), Write.ALWAYS);
        g.writeEndObject();
    }

    static AdoptedPrinter readAdoptedPrinter(Fields o) throws LanJsonException {
        return new AdoptedPrinter(o.str("name", false),
                o.str("url", false),
                o.str("state", false));
    }

    static void writeTemplateList(JsonGenerator g, TemplateList v) throws IOException {
        g.writeStartObject();
        Write.list(g, "templates", v.templates(), Write.ALWAYS, TypeCodecs::writeTemplateView);
        g.writeEndObject();
    }

    static TemplateList readTemplateList(Fields o) throws LanJsonException {
        return new TemplateList(o.list("templates", false, false, TypeCodecs::readTemplateView));
    }

    static void writeTemplateView(JsonGenerator g, TemplateView v) throws IOException {
        g.writeStartObject();
        Write.str(g, "name", v.name(), Write.ALWAYS);
        Write.str(g, "description", v.description(), Write.ALWAYS);
        g.writeNumberField("dpi", v.dpi());
        g.writeNumberField("widthDots", v.widthDots());
        g.writeNumberField("heightDots", v.heightDots());
        Write.str(g, "source", v.source(), Write.ALWAYS);
        Write.list(g, "fields", v.fields(), Write.ALWAYS, TypeCodecs::writeTemplateFieldView);
        Write.strMap(g, "sampleData", v.sampleData(), Write.ALWAYS);
        g.writeEndObject();
    }

    static TemplateView readTemplateView(Fields o) throws LanJsonException {
        return TemplateView.builder()
                .name(o.str("name", false))
                .description(o.str("description", false))
                .dpi(o.integer("dpi", false))
                .widthDots(o.integer("widthDots", false))
                .heightDots(o.integer("heightDots", false))
                .source(o.str("source", false))
                .fields(o.list("fields", false, false, TypeCodecs::readTemplateFieldView))
                .sampleData(o.strMap("sampleData", false, false))
                .build();
    }

    static void writeTemplateFieldView(JsonGenerator g, TemplateFieldView v) throws IOException {
        g.writeStartObject();
        Write.str(g, "name", v.name(), Write.ALWAYS);
        Write.str(g, "type", v.type(), Write.ALWAYS);
        g.writeBooleanField("required", v.required());
        g.writeNumberField("maxLength", v.maxLength());
        Write.str(g, "format", v.format(), Write.ALWAYS);
        g.writeEndObject();
    }

    static TemplateFieldView readTemplateFieldView(Fields o) throws LanJsonException {
        return new TemplateFieldView(o.str("name", false),
                o.str("type", false),
                o.bool("required", false),
                o.integer("maxLength", false),
                o.str("format", false));
    }

    static void writePreviewRequest(JsonGenerator g, PreviewRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "zpl", v.zpl(), Write.NON_NULL);
        Write.number(g, "dpi", v.dpi(), Write.NON_NULL);
        g.writeEndObject();
    }

    static PreviewRequest readPreviewRequest(Fields o) throws LanJsonException {
        return new PreviewRequest(o.str("zpl", true),
                o.boxedInteger("dpi", false));
    }

    static void writeGatewayEvent(JsonGenerator g, GatewayEvent v) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", v.id());
        Write.str(g, "type", v.type(), Write.ALWAYS);
        Write.str(g, "tenant", v.tenant(), Write.NON_NULL);
        Write.str(g, "deviceId", v.deviceId(), Write.NON_NULL);
        Write.str(g, "at", v.at(), Write.ALWAYS);
        Write.any(g, "data", v.data(), Write.ALWAYS);
        g.writeEndObject();
    }

    static GatewayEvent readGatewayEvent(Fields o) throws LanJsonException {
        // id and type may be left to the SSE id: and event: lines (GatewayEvent.withSseFallbacks)
        Long id = o.boxedLong("id", false);
        String type = o.str("type", false);
        return new GatewayEvent(id == null ? -1 : id, type, o.str("tenant", false), o.str("deviceId", false),
                o.str("at", false), Codecs.eventData(type, o));
    }

    static void writePrintJobEvent(JsonGenerator g, PrintJobEvent v) throws IOException {
        g.writeStartObject();
        Write.str(g, "jobId", v.jobId(), Write.ALWAYS);
        Write.str(g, "state", v.state(), Write.ALWAYS);
        Write.str(g, "printer", v.printer(), Write.ALWAYS);
        Write.str(g, "station", v.station(), Write.ALWAYS);
        Write.str(g, "template", v.template(), Write.ALWAYS);
        Write.str(g, "fault", v.fault(), Write.ALWAYS);
        Write.str(g, "faultDetail", v.faultDetail(), Write.ALWAYS);
        g.writeNumberField("attempts", v.attempts());
        g.writeEndObject();
    }

    static PrintJobEvent readPrintJobEvent(Fields o) throws LanJsonException {
        return PrintJobEvent.builder()
                .jobId(o.str("jobId", false))
                .state(o.str("state", false))
                .printer(o.str("printer", false))
                .station(o.str("station", false))
                .template(o.str("template", false))
                .fault(o.str("fault", false))
                .faultDetail(o.str("faultDetail", false))
                .attempts(o.integer("attempts", false))
                .build();
    }

    static void writeDeviceEvent(JsonGenerator g, DeviceEvent v) throws IOException {
        g.writeStartObject();
        Write.str(g, "device", v.device(), Write.ALWAYS);
        Write.str(g, "name", v.name(), Write.ALWAYS);
        Write.str(g, "event", v.event(), Write.ALWAYS);
        Write.str(g, "state", v.state(), Write.NON_NULL);
        Write.str(g, "stateText", v.stateText(), Write.NON_NULL);
        Write.str(g, "message", v.message(), Write.ALWAYS);
        Write.number(g, "heldBack", v.heldBack(), Write.NON_NULL);
        g.writeEndObject();
    }

    static DeviceEvent readDeviceEvent(Fields o) throws LanJsonException {
        return new DeviceEvent(o.str("device", false),
                o.str("name", false),
                o.str("event", false),
                o.str("state", false),
                o.str("stateText", false),
                o.str("message", false),
                o.boxedLong("heldBack", false));
    }

    static void writeStationEvent(JsonGenerator g, StationEvent v) throws IOException {
        g.writeStartObject();
        Write.str(g, "station", v.station(), Write.ALWAYS);
        Write.str(g, "scanner", v.scanner(), Write.ALWAYS);
        Write.str(g, "printer", v.printer(), Write.ALWAYS);
        Write.str(g, "outcome", v.outcome(), Write.ALWAYS);
        Write.str(g, "scan", v.scan(), Write.ALWAYS);
        Write.str(g, "message", v.message(), Write.ALWAYS);
        g.writeEndObject();
    }

    static StationEvent readStationEvent(Fields o) throws LanJsonException {
        return new StationEvent(o.str("station", false),
                o.str("scanner", false),
                o.str("printer", false),
                o.str("outcome", false),
                o.str("scan", false),
                o.str("message", false));
    }

}
