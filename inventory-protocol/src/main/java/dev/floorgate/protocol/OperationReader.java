package dev.floorgate.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Field-by-field readers behind {@link OperationJson}; each starts on a START_OBJECT and ends on its END_OBJECT. */
final class OperationReader {
    private OperationReader() {
    }

    static Operation read(JsonParser p) throws IOException {
        Operation.Builder b = Operation.builder();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            field(p, b, name, p.nextToken());
        }
        return b.build();
    }

    /** One operation, or an object with an "operations" array; both at once is malformed. */
    static List<Operation> readOneOrMany(JsonParser p) throws IOException {
        Operation.Builder single = Operation.builder();
        boolean sawOperationField = false;
        List<Operation> many = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("operations".equals(name)) {
                OperationJson.expect(p, value, JsonToken.START_ARRAY, "operations: an array");
                many = readArrayBody(p, "operations");
            } else {
                sawOperationField |= field(p, single, name, value);
            }
        }
        if (many == null) {
            List<Operation> one = new ArrayList<>(1);
            one.add(single.build());
            return one;
        }
        if (sawOperationField) {
            throw new MalformedJsonException("a request holds either one operation or an \"operations\" "
                    + "array, not both");
        }
        return many;
    }

    /** Reads one field into the builder; returns false for an unknown (skipped) field. */
    private static boolean field(JsonParser p, Operation.Builder b, String name, JsonToken value)
            throws IOException {
        switch (name) {
            case "opId": b.opId(text(p, b, name, value)); break;
            case "tenant": b.tenant(text(p, b, name, value)); break;
            case "warehouse": b.warehouse(text(p, b, name, value)); break;
            case "type": b.typeName(text(p, b, name, value)); break;
            case "sku": b.sku(text(p, b, name, value)); break;
            case "qty": b.qty(integer(p, b, name, value)); break;
            case "location": b.location(text(p, b, name, value)); break;
            case "toLocation": b.toLocation(text(p, b, name, value)); break;
            case "orderNo": b.orderNo(text(p, b, name, value)); break;
            case "lot": b.lot(text(p, b, name, value)); break;
            case "serial": b.serial(text(p, b, name, value)); break;
            case "expiry": b.expiry(text(p, b, name, value)); break;
            case "deviceId": b.deviceId(text(p, b, name, value)); break;
            case "operator": b.operator(text(p, b, name, value)); break;
            case "occurredAt": b.occurredAt(text(p, b, name, value)); break;
            case "receivedAt": b.receivedAt(text(p, b, name, value)); break;
            case "entryMethod": b.entryMethod(text(p, b, name, value)); break;
            default:
                p.skipChildren(); // unknown fields are ignored (API.md)
                return false;
        }
        return true;
    }

    static BatchRequest readBatch(JsonParser p) throws IOException {
        String gatewayId = null;
        List<Operation> ops = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("gatewayId".equals(name) && value == JsonToken.VALUE_STRING) {
                gatewayId = p.getText();
            } else if ("operations".equals(name)) {
                OperationJson.expect(p, value, JsonToken.START_ARRAY, "operations: an array");
                ops = readArrayBody(p, "operations");
            } else {
                p.skipChildren();
            }
        }
        if (ops == null) {
            throw new MalformedJsonException("operations: is required (an array of operations)");
        }
        return new BatchRequest(gatewayId, ops);
    }

    /** Reads array elements up to END_ARRAY. A non-object element becomes an operation with a read problem. */
    private static List<Operation> readArrayBody(JsonParser p, String field) throws IOException {
        List<Operation> ops = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.START_OBJECT) {
                ops.add(read(p));
            } else {
                p.skipChildren();
                ops.add(Operation.builder().readProblem(new FieldProblem(field + "[" + ops.size() + "]",
                        "must be a JSON object, found " + t.name())).build());
            }
        }
        return ops;
    }

    static OperationResult readResult(JsonParser p) throws IOException {
        String opId = null;
        ResultStatus status = null;
        String code = null;
        String message = null;
        StockLevels stock = null;
        Long delta = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "opId": opId = p.getText(); break;
                case "status":
                    try {
                        status = ResultStatus.valueOf(p.getText());
                    } catch (IllegalArgumentException e) {
                        throw new MalformedJsonException("status: unknown result status '" + p.getText() + "'", e);
                    }
                    break;
                case "code": code = p.getText(); break;
                case "message": message = p.getText(); break;
                case "delta": delta = p.getLongValue(); break;
                case "stock": stock = readStock(p); break;
                default: p.skipChildren();
            }
        }
        if (status == null) {
            throw new MalformedJsonException("status: is required in a result (opId " + opId + ")");
        }
        return new OperationResult(opId, status, code, message, stock, delta);
    }

    private static StockLevels readStock(JsonParser p) throws IOException {
        long onHand = 0;
        long usable = 0;
        long reserved = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "onHand": onHand = p.getLongValue(); break;
                case "usable": usable = p.getLongValue(); break;
                case "reserved": reserved = p.getLongValue(); break;
                default: p.skipChildren();
            }
        }
        return new StockLevels(onHand, usable, reserved);
    }

    private static String text(JsonParser p, Operation.Builder b, String name, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            p.skipChildren();
            b.readProblem(new FieldProblem(name, "must be a string, found " + value.name()));
            return null;
        }
        return p.getText();
    }

    private static Long integer(JsonParser p, Operation.Builder b, String name, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_NUMBER_INT) {
            p.skipChildren();
            b.readProblem(new FieldProblem(name, "must be an integer, found "
                    + (value == JsonToken.VALUE_NUMBER_FLOAT ? "a decimal number" : value.name())));
            return null;
        }
        try {
            return p.getLongValue();
        } catch (IOException e) {
            b.readProblem(new FieldProblem(name, "integer out of range: " + p.getText()));
            return null;
        }
    }
}
