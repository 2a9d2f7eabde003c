package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.access.RequestAuth;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.PreviewResult;
import dev.floorgate.templates.TemplateField;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
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
    private final JsonMapper json;

    TemplatesController(TemplateService templates, RequestAuth auth, JsonMapper json) {
        this.templates = templates;
        this.auth = auth;
        this.json = json;
    }

    @Get
    Map<String, Object> list(HttpRequest<?> request) {
        PrintJobsController.caller(auth, request);
        List<Map<String, Object>> out = new ArrayList<>();
        for (LabelTemplate t : templates.all()) {
            out.add(describe(t));
        }
        return Map.of("templates", out);
    }

    @Get("/{name}")
    Map<String, Object> one(HttpRequest<?> request, @PathVariable String name) {
        PrintJobsController.caller(auth, request);
        return describe(find(name));
    }

    @Get("/{name}/preview.png")
    HttpResponse<byte[]> preview(HttpRequest<?> request, @PathVariable String name) {
        PrintJobsController.caller(auth, request);
        LabelTemplate template = find(name);
        Map<String, String> data = new LinkedHashMap<>();
        String dataParam = request.getParameters().get("data");
        if (dataParam != null && !dataParam.isBlank()) {
            data.putAll(PrintRequestReader.data(JsonBodies.object(json, dataParam, "data")));
        }
        for (String param : request.getParameters().names()) {
            if (!param.equals("data")) {
                data.put(param, request.getParameters().get(param));
            }
        }
        return png(templates.preview(template, data));
    }

    @Post("/preview.png")
    HttpResponse<byte[]> previewRaw(HttpRequest<?> request, @Nullable @Body String body) {
        PrintJobsController.caller(auth, request);
        Map<String, Object> fields = JsonBodies.object(json, body, "body");
        Object zpl = fields.get("zpl");
        if (!(zpl instanceof String) || ((String) zpl).isEmpty()) {
            throw GatewayProblem.invalid("zpl: is required (the ZPL to draw, ^XA...^XZ)");
        }
        Object dpi = fields.getOrDefault("dpi", 203);
        if (!(dpi instanceof Number)) {
            throw GatewayProblem.invalid("dpi: must be 152, 203, 300 or 600");
        }
        return png(templates.previewRaw((String) zpl, ((Number) dpi).intValue()));
    }

    private LabelTemplate find(String name) {
        return templates.find(name).orElseThrow(() -> GatewayProblem.notFound("no template '" + name + "'"));
    }

    private static HttpResponse<byte[]> png(PreviewResult result) {
        return HttpResponse.ok(result.png()).contentType(MediaType.IMAGE_PNG_TYPE)
                .header("X-Preview-Warnings", Integer.toString(result.warnings().size()))
                .header("Cache-Control", "no-store");
    }

    private static Map<String, Object> describe(LabelTemplate t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("description", t.description());
        m.put("dpi", t.dpi());
        m.put("widthDots", t.widthDots());
        m.put("heightDots", t.heightDots());
        m.put("source", t.source());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (TemplateField f : t.fields()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            fm.put("type", f.type().keyword());
            fm.put("required", f.required());
            fm.put("maxLength", f.maxLength());
            fm.put("format", f.format().orElse(null));
            fields.add(fm);
        }
        m.put("fields", fields);
        m.put("sampleData", new TreeMap<>(t.sampleData()));
        return m;
    }
}
