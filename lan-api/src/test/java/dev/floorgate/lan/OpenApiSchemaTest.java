package dev.floorgate.lan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps openapi.yml equal to the codec: for every LAN type, an instance with every field set (built by reflection
 * from its public constructor or builder, so a new field is populated without touching this test) is written, and
 * the keys written must be the schema's properties, each of the kind the schema says.
 */
class OpenApiSchemaTest {
    private static final Map<String, Object> SCHEMAS = schemas();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemas() {
        try (InputStream in = OpenApiSchemaTest.class.getResourceAsStream("/dev/floorgate/lan/openapi.yml")) {
            Map<String, Object> doc = new Yaml().load(in);
            return (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Class<?>> types() {
        List<Class<?>> all = new ArrayList<>(LanJson.types());
        all.add(OperationResult.class);
        all.add(FieldProblem.class);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    @SuppressWarnings("unchecked")
    void theSchemaListsExactlyTheFieldsTheCodecWrites(Class<?> type) throws Exception {
        Map<String, Object> schema = (Map<String, Object>) SCHEMAS.get(type.getSimpleName());
        assertThat(schema).as("openapi.yml has a schema " + type.getSimpleName()).isNotNull();
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        Map<String, Object> written = (Map<String, Object>) JsonTrees.parse(LanJson.write(populated(type)));
        assertThat(new TreeSet<>(written.keySet())).as(type.getSimpleName() + " properties")
                .isEqualTo(new TreeSet<>(properties.keySet()));
        for (Map.Entry<String, Object> e : written.entrySet()) {
            Map<String, Object> property = (Map<String, Object>) properties.get(e.getKey());
            String kind = (String) property.get("type");
            if (kind != null) {
                assertThat(kindOf(e.getValue())).as(type.getSimpleName() + "." + e.getKey()).isEqualTo(kind);
            }
        }
        Object omitted = schema.get("x-floorgate-omitted-when-null");
        if (omitted != null) {
            assertThat(properties.keySet()).containsAll((List<String>) omitted);
        }
    }

    @Test
    void everySchemaIsALanTypeOrAProtocolType() {
        Set<String> known = new TreeSet<>();
        types().forEach(t -> known.add(t.getSimpleName()));
        known.add("Operation");
        known.add("OperationBatch");
        known.add("StockLevels");
        assertThat(new TreeSet<>(SCHEMAS.keySet())).isEqualTo(known);
    }

    private static String kindOf(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long) {
            return "integer";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof List) {
            return "array";
        }
        if (v instanceof Map) {
            return "object";
        }
        return "number";
    }

    /** An instance of {@code type} with every field set to a non-null, non-empty value. */
    static Object populated(Class<?> type) throws Exception {
        if (type == OperationResult.class) {
            return new OperationResult("op-1", ResultStatus.APPLIED, "C", "m", new StockLevels(1, 2, 3), 4L);
        }
        if (type == FieldProblem.class) {
            return new FieldProblem("f", "m");
        }
        Method builderFactory = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals("builder") && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0) {
                builderFactory = m;
            }
        }
        if (builderFactory != null) {
            Object builder = builderFactory.invoke(null);
            int set = 0;
            for (Method m : builder.getClass().getMethods()) {
                if (m.getParameterCount() == 1 && m.getReturnType() == builder.getClass()) {
                    m.invoke(builder, value(m.getGenericParameterTypes()[0]));
                    set++;
                }
            }
            assertThat(set).as(type.getSimpleName() + " builder setters").isPositive();
            return builder.getClass().getMethod("build").invoke(builder);
        }
        Constructor<?> widest = null;
        for (Constructor<?> c : type.getConstructors()) {
            if (widest == null || c.getParameterCount() > widest.getParameterCount()) {
                widest = c;
            }
        }
        assertThat(widest).as(type.getSimpleName() + " has a public constructor or builder()").isNotNull();
        Type[] params = widest.getGenericParameterTypes();
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = value(params[i]);
        }
        return widest.newInstance(args);
    }

    private static Object value(Type t) throws Exception {
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == List.class) {
                return Collections.singletonList(value(args[0]));
            }
            if (p.getRawType() == Map.class) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("k", value(args[1]));
                return m;
            }
            throw new IllegalStateException("no sample for " + t);
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) {
            return "x";
        }
        if (c == long.class || c == Long.class) {
            return 1L;
        }
        if (c == int.class || c == Integer.class) {
            return 1;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == Object.class) {
            return Collections.singletonMap("k", "v");
        }
        return populated(c);
    }
}
