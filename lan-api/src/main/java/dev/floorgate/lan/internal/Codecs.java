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
import dev.floorgate.lan.Health;
import dev.floorgate.lan.HealthClock;
import dev.floorgate.lan.HealthCore;
import dev.floorgate.lan.HealthPhotos;
import dev.floorgate.lan.HealthQueue;
import dev.floorgate.lan.PackingParcel;
import dev.floorgate.lan.PackingParcelList;
import dev.floorgate.lan.PackingWeight;
import dev.floorgate.lan.PackingQuoteRequest;
import dev.floorgate.lan.PackingQuote;
import dev.floorgate.lan.PackingQuotes;
import dev.floorgate.lan.PackingShipmentRequest;
import dev.floorgate.lan.PackingShipment;
import dev.floorgate.lan.ParcelIntakeList;
import dev.floorgate.lan.ParcelIntakeReceipt;
import dev.floorgate.lan.ParcelIntakeRequest;
import dev.floorgate.lan.PhotoList;
import dev.floorgate.lan.PhotoReceipt;
import dev.floorgate.lan.PhotoShot;
import dev.floorgate.lan.PhotoTemplate;
import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.AppRelease;
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
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry behind {@link LanJson}: each type's writer and reader, looked up by class. */
public final class Codecs {
    private static final class Codec<T> {
        final Write.ObjectWriter<T> writer;
        final Fields.Reader<T> reader;

        Codec(Write.ObjectWriter<T> writer, Fields.Reader<T> reader) {
            this.writer = writer;
            this.reader = reader;
        }
    }

    private static final Map<Class<?>, Codec<?>> CODECS = new LinkedHashMap<>();
    /** The LAN types proper (not the protocol types written inside them). */
    private static final Set<Class<?>> LAN_TYPES;

    static {
        register(ErrorBody.class, AccessCodecs::writeErrorBody, AccessCodecs::readErrorBody);
        register(EnrollmentCodeRequest.class, AccessCodecs::writeEnrollmentCodeRequest,
                AccessCodecs::readEnrollmentCodeRequest);
        register(EnrollmentCode.class, AccessCodecs::writeEnrollmentCode, AccessCodecs::readEnrollmentCode);
        register(EnrollRequest.class, AccessCodecs::writeEnrollRequest, AccessCodecs::readEnrollRequest);
        register(EnrollResult.class, AccessCodecs::writeEnrollResult, AccessCodecs::readEnrollResult);
        register(EnrolledDevice.class, AccessCodecs::writeEnrolledDevice, AccessCodecs::readEnrolledDevice);
        register(DeviceRevocation.class, AccessCodecs::writeDeviceRevocation, AccessCodecs::readDeviceRevocation);
        register(BadgeLogin.class, AccessCodecs::writeBadgeLogin, AccessCodecs::readBadgeLogin);
        register(Session.class, AccessCodecs::writeSession, AccessCodecs::readSession);
        register(Logout.class, AccessCodecs::writeLogout, AccessCodecs::readLogout);
        register(AppRelease.class, AccessCodecs::writeAppRelease, AccessCodecs::readAppRelease);
        register(SubmitResult.class, OperationCodecs::writeSubmitResult, OperationCodecs::readSubmitResult);
        register(OperationRejection.class, OperationCodecs::writeOperationRejection,
                OperationCodecs::readOperationRejection);
        register(OperationStatus.class, OperationCodecs::writeOperationStatus, OperationCodecs::readOperationStatus);
        register(PickTask.class, OperationCodecs::writePickTask, OperationCodecs::readPickTask);
        register(PickTasks.class, OperationCodecs::writePickTasks, OperationCodecs::readPickTasks);
        register(ScanRequest.class, OperationCodecs::writeScanRequest, OperationCodecs::readScanRequest);
        register(ScanResult.class, OperationCodecs::writeScanResult, OperationCodecs::readScanResult);
        register(Gs1Fields.class, OperationCodecs::writeGs1Fields, OperationCodecs::readGs1Fields);
        register(Gs1Value.class, OperationCodecs::writeGs1Value, OperationCodecs::readGs1Value);
        register(ScanMatch.class, OperationCodecs::writeScanMatch, OperationCodecs::readScanMatch);
        register(PrintJobRequest.class, PrintCodecs::writePrintJobRequest, PrintCodecs::readPrintJobRequest);
        register(PrintJobView.class, PrintCodecs::writePrintJobView, PrintCodecs::readPrintJobView);
        register(PrintJobResolution.class, PrintCodecs::writePrintJobResolution, PrintCodecs::readPrintJobResolution);
        register(PrintJobAction.class, PrintCodecs::writePrintJobAction, PrintCodecs::readPrintJobAction);
        register(PrintJobList.class, PrintCodecs::writePrintJobList, PrintCodecs::readPrintJobList);
        register(PrintJobDecision.class, PrintCodecs::writePrintJobDecision, PrintCodecs::readPrintJobDecision);
        register(DeviceList.class, DeviceCodecs::writeDeviceList, DeviceCodecs::readDeviceList);
        register(PrinterView.class, DeviceCodecs::writePrinterView, DeviceCodecs::readPrinterView);
        register(ScannerView.class, DeviceCodecs::writeScannerView, DeviceCodecs::readScannerView);
        register(StationView.class, DeviceCodecs::writeStationView, DeviceCodecs::readStationView);
        register(PrinterAdoption.class, DeviceCodecs::writePrinterAdoption, DeviceCodecs::readPrinterAdoption);
        register(AdoptedPrinter.class, DeviceCodecs::writeAdoptedPrinter, DeviceCodecs::readAdoptedPrinter);
        register(TemplateList.class, PrintCodecs::writeTemplateList, PrintCodecs::readTemplateList);
        register(TemplateView.class, PrintCodecs::writeTemplateView, PrintCodecs::readTemplateView);
        register(TemplateFieldView.class, PrintCodecs::writeTemplateFieldView, PrintCodecs::readTemplateFieldView);
        register(PreviewRequest.class, PrintCodecs::writePreviewRequest, PrintCodecs::readPreviewRequest);
        register(Health.class, AccessCodecs::writeHealth, AccessCodecs::readHealth);
        register(HealthCore.class, AccessCodecs::writeHealthCore, AccessCodecs::readHealthCore);
        register(HealthClock.class, AccessCodecs::writeHealthClock, AccessCodecs::readHealthClock);
        register(HealthQueue.class, AccessCodecs::writeHealthQueue, AccessCodecs::readHealthQueue);
        register(HealthPhotos.class, AccessCodecs::writeHealthPhotos, AccessCodecs::readHealthPhotos);
        register(PhotoReceipt.class, AccessCodecs::writePhotoReceipt, AccessCodecs::readPhotoReceipt);
        register(PhotoList.class, AccessCodecs::writePhotoList, AccessCodecs::readPhotoList);
        register(PhotoShot.class, AccessCodecs::writePhotoShot, AccessCodecs::readPhotoShot);
        register(PhotoTemplate.class, AccessCodecs::writePhotoTemplate, AccessCodecs::readPhotoTemplate);
        register(ParcelIntakeRequest.class, ParcelCodecs::writeParcelIntakeRequest,
                ParcelCodecs::readParcelIntakeRequest);
        register(ParcelIntakeReceipt.class, ParcelCodecs::writeParcelIntakeReceipt,
                ParcelCodecs::readParcelIntakeReceipt);
        register(ParcelIntakeList.class, ParcelCodecs::writeParcelIntakeList, ParcelCodecs::readParcelIntakeList);
        register(PackingParcel.class, PackingCodecs::writePackingParcel, PackingCodecs::readPackingParcel);
        register(PackingParcelList.class, PackingCodecs::writePackingParcelList, PackingCodecs::readPackingParcelList);
        register(PackingWeight.class, PackingCodecs::writePackingWeight, PackingCodecs::readPackingWeight);
        register(PackingQuoteRequest.class, PackingCodecs::writePackingQuoteRequest, PackingCodecs::readPackingQuoteRequest);
        register(PackingQuote.class, PackingCodecs::writePackingQuote, PackingCodecs::readPackingQuote);
        register(PackingQuotes.class, PackingCodecs::writePackingQuotes, PackingCodecs::readPackingQuotes);
        register(PackingShipmentRequest.class, PackingCodecs::writePackingShipmentRequest, PackingCodecs::readPackingShipmentRequest);
        register(PackingShipment.class, PackingCodecs::writePackingShipment, PackingCodecs::readPackingShipment);
        register(GatewayEvent.class, DeviceCodecs::writeGatewayEvent, DeviceCodecs::readGatewayEvent);
        register(PrintJobEvent.class, DeviceCodecs::writePrintJobEvent, DeviceCodecs::readPrintJobEvent);
        register(DeviceEvent.class, DeviceCodecs::writeDeviceEvent, DeviceCodecs::readDeviceEvent);
        register(StationEvent.class, DeviceCodecs::writeStationEvent, DeviceCodecs::readStationEvent);
    }

    static {
        LAN_TYPES = Collections.unmodifiableSet(new LinkedHashSet<>(CODECS.keySet()));
        register(OperationResult.class, OperationJson::writeResult, Codecs::readResult);
        register(FieldProblem.class, Codecs::writeProblem, Codecs::readProblem);
    }

    private Codecs() {
    }

    private static <T> void register(Class<T> type, Write.ObjectWriter<T> writer, Fields.Reader<T> reader) {
        CODECS.put(type, new Codec<>(writer, reader));
    }

    public static boolean handles(Class<?> type) {
        return CODECS.containsKey(type);
    }

    public static Set<Class<?>> types() {
        return LAN_TYPES;
    }

    public static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JsonTree.FACTORY.createGenerator(out)) {
            Write.value(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static void writeTyped(JsonGenerator g, Object value) throws IOException {
        Codec<Object> codec = (Codec<Object>) CODECS.get(value.getClass());
        if (codec == null) {
            throw new IllegalArgumentException("LanJson cannot write a " + value.getClass().getName()
                    + ": not a LAN API type, map, list or scalar");
        }
        codec.writer.write(g, value);
    }

    @SuppressWarnings("unchecked")
    public static <T> T read(String json, Class<T> type) throws LanJsonException {
        Codec<T> codec = codec(type);
        Object tree = JsonTree.parse(json, "a JSON object (" + type.getSimpleName() + ")");
        if (!(tree instanceof Map)) {
            throw Fields.wrong(null, "a JSON object (" + type.getSimpleName() + ")", tree);
        }
        return codec.reader.read(new Fields((Map<String, Object>) tree, ""));
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> readList(String json, Class<T> type) throws LanJsonException {
        Codec<T> codec = codec(type);
        Object tree = JsonTree.parse(json, "a JSON array of " + type.getSimpleName());
        if (!(tree instanceof List)) {
            throw Fields.wrong(null, "a JSON array of " + type.getSimpleName(), tree);
        }
        List<?> raw = (List<?>) tree;
        List<T> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof Map)) {
                throw Fields.wrong("[" + i + "]", "an object", raw.get(i));
            }
            out.add(codec.reader.read(new Fields((Map<String, Object>) raw.get(i), "[" + i + "]")));
        }
        return Collections.unmodifiableList(out);
    }

    public static Object toTree(Object value) {
        try {
            return JsonTree.parse(write(value), "the JSON just written");
        } catch (LanJsonException e) {
            throw new IllegalStateException("LanJson could not read back what it wrote for a "
                    + value.getClass().getSimpleName(), e);
        }
    }

    public static Map<String, String> readFieldValues(String json, String field) throws LanJsonException {
        Object tree;
        try {
            tree = JsonTree.parse(json, "a JSON object of field values");
        } catch (LanJsonException e) {
            throw new LanJsonException(null, field + ": " + e.getMessage(), e);
        }
        if (!(tree instanceof Map)) {
            throw Fields.wrong(field, "a JSON object of field values", tree);
        }
        return new Fields(Collections.singletonMap(field, tree), "").strMap(field, true, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> Codec<T> codec(Class<T> type) {
        Codec<T> codec = (Codec<T>) CODECS.get(type);
        if (codec == null) {
            throw new IllegalArgumentException("LanJson cannot read a " + type.getName() + ": not a LAN API type");
        }
        return codec;
    }

    // ------------------------------------------------------------------ protocol types inside LAN bodies

    static void writeProblem(JsonGenerator g, FieldProblem p) throws IOException {
        g.writeStartObject();
        Write.str(g, "field", p.field(), Write.ALWAYS);
        Write.str(g, "message", p.message(), Write.ALWAYS);
        g.writeEndObject();
    }

    static FieldProblem readProblem(Fields o) throws LanJsonException {
        String field = o.str("field", false);
        String message = o.str("message", false);
        return new FieldProblem(field == null ? "?" : field, message == null ? "" : message);
    }

    /**
     * A result as inventory-protocol writes it. A status this version does not know is an error here; where a
     * newer gateway may send one (events, operation states) {@link #resultOrNull} reads it as no result yet.
     */
    static OperationResult readResult(Fields o) throws LanJsonException {
        String name = o.str("status", true);
        ResultStatus status = status(name);
        if (status == null) {
            throw new LanJsonException(o.path("status"), "unknown result status '" + name + "'");
        }
        StockLevels stock = o.object("stock", false, s -> new StockLevels(s.lng("onHand", false),
                s.lng("usable", false), s.lng("reserved", false)));
        return new OperationResult(o.str("opId", false), status, o.str("code", false), o.str("message", false),
                stock, o.boxedLong("delta", false));
    }

    /** The result, or null when it names a status this client does not know (it keeps waiting, never guesses). */
    static OperationResult resultOrNull(Fields o) throws LanJsonException {
        return status(o.str("status", true)) == null ? null : readResult(o);
    }

    private static ResultStatus status(String name) {
        for (ResultStatus s : ResultStatus.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** An event's data, typed by the event's type; a plain tree for a type this version does not know. */
    @SuppressWarnings("unchecked")
    static Object eventData(String type, Fields o) throws LanJsonException {
        Object raw = o.any("data");
        if (!(raw instanceof Map)) {
            return raw;
        }
        Fields.Reader<?> reader;
        if (GatewayEvent.OP_RESULT.equals(type) || GatewayEvent.OP_REJECTED.equals(type)) {
            Fields data = new Fields((Map<String, Object>) raw, o.path("data"));
            OperationResult r = resultOrNull(data);
            return r == null ? raw : r;
        } else if (GatewayEvent.PRINT_JOB.equals(type)) {
            reader = DeviceCodecs::readPrintJobEvent;
        } else if (GatewayEvent.DEVICE.equals(type)) {
            reader = DeviceCodecs::readDeviceEvent;
        } else if (GatewayEvent.STATION.equals(type)) {
            reader = DeviceCodecs::readStationEvent;
        } else {
            return raw;
        }
        return o.object("data", false, reader);
    }
}
