package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.GatewayProblem;

/**
 * Who asks, for print jobs and templates: site IT with the admin token (every tenant) or a device (its tenant
 * only), as the controllers read it from the request ({@link PrintJobsController#caller}). {@code actor} is what
 * the job records as its creator or the person action's author.
 */
record Caller(String tenant, String actor, boolean admin) {
    /** The enrolled device's id ({@code actor} "device:pda-7"), or null for the admin token. */
    String deviceId() {
        return !admin && actor.startsWith("device:") ? actor.substring("device:".length()) : null;
    }

    /** Whether the caller may see a job of {@code jobTenant}. */
    boolean sees(String jobTenant) {
        return admin || tenant.equals(jobTenant);
    }

    /** The job, or NOT_FOUND for a job the caller may not see (whether it exists stays unknown to them). */
    PrintJob visible(java.util.Optional<PrintJob> job, String jobId) {
        return job.filter(j -> sees(j.tenant())).orElseThrow(() -> GatewayProblem.notFound("no print job " + jobId
                + (admin ? "" : " for tenant " + tenant)));
    }
}
