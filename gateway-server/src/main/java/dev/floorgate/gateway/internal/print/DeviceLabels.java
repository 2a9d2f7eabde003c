package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.lan.PrintJobRequest;
import java.sql.SQLException;
import java.util.Map;

/**
 * Prints a template label on behalf of an enrolled device from outside the print API (the parcel intake label):
 * the request goes through {@link PrintRequestReader} with the device as the caller, so the same checks apply as to
 * {@code POST /api/v1/print-jobs} (the device's tenant may use the printer, the template's required fields are
 * there, a station's defaults), then into the spool. The same job id and data again is the stored job.
 */
public final class DeviceLabels {
    private final PrintRequestReader reader;
    private final PrintSpooler spooler;

    public DeviceLabels(PrintRequestReader reader, PrintSpooler spooler) {
        this.reader = reader;
        this.spooler = spooler;
    }

    /**
     * Runs every check {@link #print} would, without spooling: a caller that must not store anything when its label
     * would be refused (an unknown printer, another tenant's) asks first.
     *
     * @throws dev.floorgate.gateway.internal.GatewayProblem what the print API would answer
     */
    public void check(DevicePrincipal device, String printer, String station, String template,
            Map<String, String> data) {
        reader.read(request(device, "check", printer, station, template, data), caller(device));
    }

    /**
     * Spools {@code template} with {@code data} on {@code printer} as job {@code jobId}; returns the job id once it
     * is durable in the spool.
     *
     * @throws dev.floorgate.gateway.internal.GatewayProblem what the print API would answer (unknown printer,
     *                                                       another tenant's, a missing field, a full queue)
     */
    public String print(DevicePrincipal device, String jobId, String printer, String station, String template,
            Map<String, String> data) throws SQLException {
        PrintJobRequest body = request(device, jobId, printer, station, template, data);
        return spooler.submit(reader.read(body, caller(device))).job().jobId();
    }

    private static PrintJobRequest request(DevicePrincipal device, String jobId, String printer, String station,
            String template, Map<String, String> data) {
        return PrintJobRequest.builder().jobId(jobId).tenant(device.tenant()).printer(printer).station(station)
                .template(template).data(data).build();
    }

    private static Caller caller(DevicePrincipal device) {
        return new Caller(device.tenant(), "device:" + device.deviceId(), false);
    }
}
