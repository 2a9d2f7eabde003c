package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.access.RequestAuth;
import dev.floorgate.gateway.internal.http.ApiException;
import io.micronaut.http.HttpRequest;

/**
 * Who asks, for print jobs and templates: site IT with the admin token (every tenant) or a device (its tenant
 * only). {@code actor} is what the job records as its creator or the person action's author.
 */
record Caller(String tenant, String actor, boolean admin) {

    static Caller of(RequestAuth auth, HttpRequest<?> request) {
        if (auth.isAdmin(request)) {
            return new Caller(null, "admin", true);
        }
        DevicePrincipal device = auth.device(request);
        return new Caller(device.tenant(), "device:" + device.deviceId(), false);
    }

    /** Whether the caller may see a job of {@code jobTenant}. */
    boolean sees(String jobTenant) {
        return admin || tenant.equals(jobTenant);
    }

    /** The job, or a 404 for a job the caller may not see (whether it exists stays unknown to them). */
    PrintJob visible(java.util.Optional<PrintJob> job, String jobId) {
        return job.filter(j -> sees(j.tenant())).orElseThrow(() -> ApiException.notFound("no print job " + jobId
                + (admin ? "" : " for tenant " + tenant)));
    }
}
