package dev.floorgate.gateway.internal.print;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A checked print job, ready to spool: who it belongs to, where it goes, what was asked (template and data, or raw
 * ZPL) and the ZPL that will be sent (a template is rendered when the job is made, so an invalid field is refused
 * with the request and a reprint sends the same bytes). Immutable.
 *
 * <p>{@link #fingerprint()} identifies the request for deduplication: the same jobId with the same fingerprint is
 * the same job; with another, the id was reused for something else.
 *
 * <p>The domain's job, not the wire's: lan-api's {@code PrintJobRequest} is what a client sends (a printer or a
 * station, fields still unchecked), this is what the spool keeps (tenant and creator from the caller, the rendered
 * ZPL). {@code PrintRequestReader} turns one into the other.
 *
 * @param station   the station the job was made for, or null
 * @param template  the template name, or null for raw ZPL
 * @param data      the field values given (sorted by name); empty for raw ZPL
 * @param rawZpl    the ZPL the client sent, or null for a template
 * @param zpl       what is sent to the printer
 * @param createdBy "device:pda-17", "admin", "station:pack-1"
 */
public record PrintRequest(String jobId, String tenant, String printer, String station, String template,
        SortedMap<String, String> data, String rawZpl, String zpl, int copies, String createdBy) {
    /** A jobId: what a client can make (UUID, ULID, "st-pack-1-..."), safe in a URL path and a log line. */
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public PrintRequest {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("jobId: must be 1 to 128 letters, digits, '.', '_', ':' or '-', got '"
                    + jobId + "'");
        }
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(printer, "printer");
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
        Objects.requireNonNull(zpl, "zpl");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    /** A job from a template: {@code zpl} is the render of {@code data}, with {@code copies} in its ^PQ. */
    public static PrintRequest template(String jobId, String tenant, String printer, String station, String template,
            Map<String, String> data, String zpl, int copies, String createdBy) {
        return new PrintRequest(jobId, tenant, printer, station, Objects.requireNonNull(template, "template"),
                new TreeMap<>(data), null, zpl, copies, createdBy);
    }

    /** A job of raw ZPL, sent as it is. */
    public static PrintRequest raw(String jobId, String tenant, String printer, String station, String zpl,
            String createdBy) {
        return new PrintRequest(jobId, tenant, printer, station, null, new TreeMap<>(), zpl, zpl, 1, createdBy);
    }

    public boolean raw() {
        return template == null;
    }

    /**
     * SHA-256 (hex) over what was asked: tenant, printer, station, template, data and copies, or the raw ZPL. Each
     * part is length-prefixed, so no two different requests share a fingerprint by concatenation.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        part(sb, tenant);
        part(sb, printer);
        part(sb, station);
        part(sb, template);
        for (Map.Entry<String, String> e : data.entrySet()) {
            part(sb, e.getKey());
            part(sb, e.getValue());
        }
        part(sb, rawZpl);
        part(sb, Integer.toString(copies));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    private static void part(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("-1:");
        } else {
            sb.append(value.length()).append(':').append(value);
        }
    }

    @Override
    public String toString() {
        return "PrintRequest[" + jobId + " for " + tenant + " on " + printer + ", " + (raw() ? "raw ZPL"
                : template + " x" + copies) + "]";
    }
}
