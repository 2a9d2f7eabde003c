package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.PreviewRequest;
import dev.floorgate.lan.PrintJobAction;
import dev.floorgate.lan.PrintJobDecision;
import dev.floorgate.lan.PrintJobList;
import dev.floorgate.lan.PrintJobRequest;
import dev.floorgate.lan.PrintJobResolution;
import dev.floorgate.lan.PrintJobView;
import dev.floorgate.lan.TemplateFieldView;
import dev.floorgate.lan.TemplateList;
import dev.floorgate.lan.TemplateView;
import java.io.IOException;

/**
 * Writers and readers of the LAN types for print jobs and label templates. Field names, their order and what is
 * left out when null are those of the gateway's controllers (the golden tests hold them).
 */
final class PrintCodecs {
    private PrintCodecs() {
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
        Write.object(g, "resolution", v.resolution(), Write.ALWAYS, PrintCodecs::writePrintJobResolution);
        Write.bool(g, "duplicate", v.duplicate(), Write.NON_NULL);
        Write.list(g, "history", v.history(), Write.NON_NULL, PrintCodecs::writePrintJobAction);
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
                .resolution(o.object("resolution", false, PrintCodecs::readPrintJobResolution))
                .duplicate(o.boxedBool("duplicate", false))
                .history(o.list("history", false, true, PrintCodecs::readPrintJobAction))
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
        Write.list(g, "jobs", v.jobs(), Write.ALWAYS, PrintCodecs::writePrintJobView);
        g.writeEndObject();
    }

    static PrintJobList readPrintJobList(Fields o) throws LanJsonException {
        return new PrintJobList(o.list("jobs", false, false, PrintCodecs::readPrintJobView));
    }

    static void writePrintJobDecision(JsonGenerator g, PrintJobDecision v) throws IOException {
        g.writeStartObject();
        Write.str(g, "reason", v.reason(), Write.NON_NULL);
        g.writeEndObject();
    }

    static PrintJobDecision readPrintJobDecision(Fields o) throws LanJsonException {
        return new PrintJobDecision(o.str("reason", true));
    }

    static void writeTemplateList(JsonGenerator g, TemplateList v) throws IOException {
        g.writeStartObject();
        Write.list(g, "templates", v.templates(), Write.ALWAYS, PrintCodecs::writeTemplateView);
        g.writeEndObject();
    }

    static TemplateList readTemplateList(Fields o) throws LanJsonException {
        return new TemplateList(o.list("templates", false, false, PrintCodecs::readTemplateView));
    }

    static void writeTemplateView(JsonGenerator g, TemplateView v) throws IOException {
        g.writeStartObject();
        Write.str(g, "name", v.name(), Write.ALWAYS);
        Write.str(g, "description", v.description(), Write.ALWAYS);
        g.writeNumberField("dpi", v.dpi());
        g.writeNumberField("widthDots", v.widthDots());
        g.writeNumberField("heightDots", v.heightDots());
        Write.str(g, "source", v.source(), Write.ALWAYS);
        Write.list(g, "fields", v.fields(), Write.ALWAYS, PrintCodecs::writeTemplateFieldView);
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
                .fields(o.list("fields", false, false, PrintCodecs::readTemplateFieldView))
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
}
