package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.lan.AdoptedPrinter;
import dev.floorgate.lan.DeviceEvent;
import dev.floorgate.lan.DeviceList;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.PrintJobEvent;
import dev.floorgate.lan.PrinterAdoption;
import dev.floorgate.lan.PrinterView;
import dev.floorgate.lan.ScannerView;
import dev.floorgate.lan.StationEvent;
import dev.floorgate.lan.StationView;
import java.io.IOException;

/**
 * Writers and readers of the LAN types for printers, scanners, stations and the events. Field names, their order
 * and what is left out when null are those of the gateway's controllers (the golden tests hold them).
 */
final class DeviceCodecs {
    private DeviceCodecs() {
    }

    static void writeDeviceList(JsonGenerator g, DeviceList v) throws IOException {
        g.writeStartObject();
        Write.list(g, "printers", v.printers(), Write.ALWAYS, DeviceCodecs::writePrinterView);
        Write.list(g, "scanners", v.scanners(), Write.ALWAYS, DeviceCodecs::writeScannerView);
        Write.list(g, "stations", v.stations(), Write.ALWAYS, DeviceCodecs::writeStationView);
        Write.list(g, "pdas", v.pdas(), Write.ALWAYS, AccessCodecs::writeEnrolledDevice);
        g.writeEndObject();
    }

    static DeviceList readDeviceList(Fields o) throws LanJsonException {
        return new DeviceList(o.list("printers", false, false, DeviceCodecs::readPrinterView),
                o.list("scanners", false, false, DeviceCodecs::readScannerView),
                o.list("stations", false, false, DeviceCodecs::readStationView),
                o.list("pdas", false, false, AccessCodecs::readEnrolledDevice));
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
        Write.bool(g, "closedLoop", v.closedLoop(), Write.ALWAYS);
        Write.str(g, "closedLoopNote", v.closedLoopNote(), Write.ALWAYS);
        Write.number(g, "clockOffsetSeconds", v.clockOffsetSeconds(), Write.ALWAYS);
        g.writeBooleanField("clockSetByGateway", v.clockSetByGateway());
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
                .closedLoop(o.boxedBool("closedLoop", false))
                .closedLoopNote(o.str("closedLoopNote", false))
                .clockOffsetSeconds(o.boxedLong("clockOffsetSeconds", false))
                .clockSetByGateway(o.bool("clockSetByGateway", false))
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
