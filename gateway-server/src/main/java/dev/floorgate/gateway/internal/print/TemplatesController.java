package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.http.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.PreviewResult;
import dev.floorgate.templates.TemplateField;
import dev.floorgate.gateway.internal.http.LanRequests;
import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.PreviewRequest;
import dev.floorgate.lan.TemplateFieldView;
import dev.floorgate.lan.TemplateList;
import dev.floorgate.lan.TemplateView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label templates (API.md): {@code GET /api/v1/templates} (each with its fields and sample data),
 * {@code GET /api/v1/templates/{name}}, {@code GET /api/v1/templates/{name}/preview.png?data=<JSON object>} (and/or
 * {@code ?field=value} per field, which wins over the same field in data; fields not given take the sample data),
 * and {@code POST /api/v1/templates/preview.png {"zpl": "...", "dpi": 203}} for raw ZPL. Previews answer image/png
 * with the number of renderer warnings in {@code X-Preview-Warnings}; problems are 400 JSON naming the field.
 * Any device or the admin token may call these (templates are site-wide).
 */
@Controller("/api/v1/templates")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TemplatesController {
    private final TemplateService templates;
    private final RequestAuth auth;

    TemplatesController(TemplateService templates, RequestAuth auth) {
        this.templates = templates;
        this.auth = auth;
    }

    @Get
    TemplateList list(HttpRequest<?> request) {
        PrintJobsController.caller(auth, request);
        List<TemplateView> out = new ArrayList<>();
        for (LabelTemplate t : templates.all()) {
            out.add(describe(t));
        }
        return new TemplateList(out);
    }

    @Get("/{name}")
    TemplateView one(HttpRequest<?> request, @PathVariable String name) {
        PrintJobsController.caller(auth, request);
        return describe(find(name));
    }

    @Get("/{name}/preview.png")
    HttpResponse<byte[]> preview(HttpRequest<?> request, @PathVariable String name) throws LanJsonException {
        PrintJobsController.caller(auth, request);
        LabelTemplate template = find(name);
        Map<String, String> data = new LinkedHashMap<>();
        String dataParam = request.getParameters().get("data");
        if (dataParam != null && !dataParam.isBlank()) {
            data.putAll(PrintRequestReader.data(LanJson.readFieldValues(dataParam, "data")));
        }
        for (String param : request.getParameters().names()) {
            if (!param.equals("data")) {
                data.put(param, request.getParameters().get(param));
            }
        }
        return png(templates.preview(template, data));
    }

    @Post("/preview.png")
    HttpResponse<byte[]> previewRaw(HttpRequest<?> request, @Nullable @Body String body) throws LanJsonException {
        PrintJobsController.caller(auth, request);
        PreviewRequest asked = LanRequests.read(body, PreviewRequest.class);
        if (asked.zpl() == null || asked.zpl().isEmpty()) {
            throw GatewayProblem.invalid("zpl: is required (the ZPL to draw, ^XA...^XZ)");
        }
        return png(templates.previewRaw(asked.zpl(), asked.dpi() == null ? 203 : asked.dpi()));
    }

    private LabelTemplate find(String name) {
        return templates.find(name).orElseThrow(() -> GatewayProblem.notFound("no template '" + name + "'"));
    }

    private static HttpResponse<byte[]> png(PreviewResult result) {
        return HttpResponse.ok(result.png()).contentType(MediaType.IMAGE_PNG_TYPE)
                .header("X-Preview-Warnings", Integer.toString(result.warnings().size()))
                .header("Cache-Control", "no-store");
    }

    private static TemplateView describe(LabelTemplate t) {
        List<TemplateFieldView> fields = new ArrayList<>();
        for (TemplateField f : t.fields()) {
            fields.add(new TemplateFieldView(f.name(), f.type().keyword(), f.required(), f.maxLength(),
                    f.format().orElse(null)));
        }
        return TemplateView.builder()
                .name(t.name())
                .description(t.description())
                .dpi(t.dpi())
                .widthDots(t.widthDots())
                .heightDots(t.heightDots())
                .source(t.source())
                .fields(fields)
                .sampleData(new TreeMap<>(t.sampleData()))
                .build();
    }
}
