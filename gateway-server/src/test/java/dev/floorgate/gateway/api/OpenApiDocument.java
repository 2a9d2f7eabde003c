package dev.floorgate.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * lan-api's OpenAPI document as a checker of live answers. A body is checked twice:
 * <ul>
 * <li>by com.networknt json-schema-validator in its OpenAPI 3.0 dialect (types, formats, enums, {@code nullable},
 * {@code required}, {@code $ref}s into the document), and</li>
 * <li>by {@link #strictProblems}: an object may hold only the properties its schema declares, and must hold every
 * property its schema does not list in {@code x-floorgate-omitted-when-null} (those are written even when null).
 * JSON Schema alone allows extra properties and cannot say "always written".</li>
 * </ul>
 */
final class OpenApiDocument {
    static final String RESOURCE = "dev/floorgate/lan/openapi.yml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode root;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    OpenApiDocument(byte[] yaml) throws IOException {
        this.root = YAML.readTree(yaml);
    }

    /** Every documented operation as "METHOD path", e.g. "POST /api/v1/print-jobs/{jobId}/reprint". */
    Set<String> operations() {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                out.add(methods.next().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }
        return out;
    }

    /**
     * The documented response of an operation for a status: its content's media types to the component schema name,
     * "Name[]" for an array of them, or null for a schema that is not a component (image/png's binary string).
     *
     * @throws AssertionError when the operation or the status is not documented
     */
    Map<String, String> response(String method, String path, int status) {
        JsonNode op = root.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
        if (op.isMissingNode()) {
            throw new AssertionError(method + " " + path + " is not in the OpenAPI document");
        }
        JsonNode response = resolve(op.path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            throw new AssertionError(method + " " + path + " answered " + status + ", a status the document does not "
                    + "list for it (it lists " + fieldNames(op.path("responses")) + ")");
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> c = response.path("content").fields(); c.hasNext(); ) {
            Map.Entry<String, JsonNode> media = c.next();
            JsonNode schema = media.getValue().path("schema");
            String ref = schema.path("$ref").asText(null);
            String itemRef = schema.path("items").path("$ref").asText(null);
            out.put(media.getKey(), ref != null ? ref.substring(ref.lastIndexOf('/') + 1)
                    : itemRef != null ? itemRef.substring(itemRef.lastIndexOf('/') + 1) + "[]" : null);
        }
        return out;
    }

    /** Problems of {@code body} against component schema {@code name}, from the validator and the strict check. */
    List<String> problems(String name, JsonNode body) {
        List<String> out = new ArrayList<>();
        JsonSchema schema = schemas.computeIfAbsent(name, n -> factory.getSchema(
                SchemaLocation.of("classpath:" + RESOURCE + "#/components/schemas/" + n), config));
        for (ValidationMessage m : schema.validate(body)) {
            out.add(name + ": " + m.getMessage());
        }
        out.addAll(strictProblems(name, body));
        return out;
    }

    /** Undeclared properties and missing always-written ones, by path, against component schema {@code name}. */
    List<String> strictProblems(String name, JsonNode body) {
        List<String> out = new ArrayList<>();
        strict(component(name), body, name, out);
        return out;
    }

    private void strict(JsonNode schema, JsonNode value, String at, List<String> out) {
        schema = resolve(schema);
        if (value == null || value.isNull()) {
            return;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && value.isObject()) {
            Set<String> omitted = new HashSet<>();
            schema.path("x-floorgate-omitted-when-null").forEach(n -> omitted.add(n.asText()));
            for (Iterator<String> keys = value.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!properties.has(key)) {
                    out.add(at + "." + key + ": sent but not declared (declared: " + fieldNames(properties) + ")");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> p = properties.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> property = p.next();
                if (value.has(property.getKey())) {
                    strict(property.getValue(), value.get(property.getKey()), at + "." + property.getKey(), out);
                } else if (!omitted.contains(property.getKey())) {
                    out.add(at + "." + property.getKey() + ": missing, and the document does not list it in "
                            + "x-floorgate-omitted-when-null");
                }
            }
        }
        // a nullable object is anyOf [its schema, null]: check against the one schema it names
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null && value.isObject()) {
            List<JsonNode> named = new ArrayList<>();
            anyOf.forEach(n -> {
                if (n.has("$ref")) {
                    named.add(n);
                }
            });
            if (named.size() == 1) {
                strict(named.get(0), value, at, out);
            }
        }
        JsonNode items = schema.get("items");
        if (items != null && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                strict(items, value.get(i), at + "[" + i + "]", out);
            }
        }
    }

    private JsonNode component(String name) {
        JsonNode schema = root.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new AssertionError("no schema " + name + " in the OpenAPI document");
        }
        return schema;
    }

    /** Follows a local {@code $ref} ("#/components/..."); other nodes are returned as they are. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        return resolve(root.at(ref.asText().substring(1)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
