package dev.floorgate.rates.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one rate card file into a {@link Node} tree with Jackson's streaming YAML parser. The tree model of
 * databind would lose the line numbers and turn {@code 12.40} into a double; this keeps both the line and the
 * text. Duplicate keys are rejected: in a card the second {@code fuelPercent} silently winning is a pricing bug.
 */
final class YamlTree {
    /** A card is a few kilobytes; a file this big is not a rate card. */
    static final long MAX_BYTES = 1 << 20;
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {
    }

    static Node read(Path file, String name) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(name + ": " + size + " bytes is over the " + MAX_BYTES
                    + "-byte limit of a rate card");
        }
        try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IllegalArgumentException(name + ": the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(name + " line " + line(p) + ": a rate card is a map of fields, found "
                        + p.getText());
            }
            Node root = value(p, name, "", 1);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException(name + " line " + line(p) + ": more than one document in the file");
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(name + " line " + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code line} is where the value's key is (a block map's own token starts at its first key, a line later). */
    private static Node value(JsonParser p, String file, String path, int line) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> fields = Node.newFields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (fields.containsKey(key)) {
                    throw new IllegalArgumentException(file + " line " + keyLine + ", " + childPath
                            + ": field '" + key + "' appears twice (first on line " + fields.get(key).line() + ")");
                }
                p.nextToken();
                fields.put(key, value(p, file, childPath, keyLine));
            }
            return Node.map(file, path, line, fields);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(value(p, file, path + "[" + items.size() + "]", line(p)));
            }
            return Node.list(file, path, line, items);
        }
        if (t == JsonToken.VALUE_NULL) {
            return Node.scalar(file, path, line, "~");
        }
        // raw text, whatever YAML 1.1 thinks the type is (NO is Norway, 12.40 is a decimal)
        return Node.scalar(file, path, line, p.getText());
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
