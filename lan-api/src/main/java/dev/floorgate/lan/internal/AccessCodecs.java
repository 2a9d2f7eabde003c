package dev.floorgate.lan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.lan.BadgeLogin;
import dev.floorgate.lan.DeviceRevocation;
import dev.floorgate.lan.EnrollRequest;
import dev.floorgate.lan.EnrollResult;
import dev.floorgate.lan.EnrolledDevice;
import dev.floorgate.lan.EnrollmentCode;
import dev.floorgate.lan.EnrollmentCodeRequest;
import dev.floorgate.lan.ErrorBody;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.lan.Health;
import dev.floorgate.lan.HealthClock;
import dev.floorgate.lan.HealthCore;
import dev.floorgate.lan.HealthPhotos;
import dev.floorgate.lan.HealthQueue;
import dev.floorgate.lan.PhotoList;
import dev.floorgate.lan.PhotoReceipt;
import dev.floorgate.lan.PhotoShot;
import dev.floorgate.lan.PhotoTemplate;
import dev.floorgate.lan.AppRelease;
import dev.floorgate.lan.Logout;
import dev.floorgate.lan.Session;
import java.io.IOException;

/**
 * Writers and readers of the LAN types for enrollment, device tokens, badge sessions and the error body. Field
 * names, their order and what is left out when null are those of the gateway's controllers (the golden tests hold
 * them).
 */
final class AccessCodecs {
    private AccessCodecs() {
    }

    static void writeErrorBody(JsonGenerator g, ErrorBody v) throws IOException {
        g.writeStartObject();
        Write.str(g, "error", v.error(), Write.ALWAYS);
        Write.str(g, "message", v.message(), Write.ALWAYS);
        Write.any(g, "details", v.details(), Write.NON_NULL);
        g.writeEndObject();
    }

    static ErrorBody readErrorBody(Fields o) throws LanJsonException {
        return new ErrorBody(o.str("error", true),
                o.str("message", false),
                o.any("details"));
    }

    static void writeEnrollmentCodeRequest(JsonGenerator g, EnrollmentCodeRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "tenant", v.tenant(), Write.NON_NULL);
        Write.str(g, "warehouse", v.warehouse(), Write.NON_NULL);
        Write.number(g, "ttlMinutes", v.ttlMinutes(), Write.NON_NULL);
        Write.str(g, "deviceId", v.deviceId(), Write.NON_NULL);
        g.writeEndObject();
    }

    static EnrollmentCodeRequest readEnrollmentCodeRequest(Fields o) throws LanJsonException {
        return new EnrollmentCodeRequest(o.str("tenant", false),
                o.str("warehouse", false),
                o.boxedLong("ttlMinutes", false),
                o.str("deviceId", false));
    }

    static void writeEnrollmentCode(JsonGenerator g, EnrollmentCode v) throws IOException {
        g.writeStartObject();
        Write.str(g, "code", v.code(), Write.ALWAYS);
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        Write.str(g, "expiresAt", v.expiresAt(), Write.ALWAYS);
        g.writeEndObject();
    }

    static EnrollmentCode readEnrollmentCode(Fields o) throws LanJsonException {
        return new EnrollmentCode(o.str("code", true),
                o.str("tenant", false),
                o.str("warehouse", false),
                o.str("expiresAt", false));
    }

    static void writeEnrollRequest(JsonGenerator g, EnrollRequest v) throws IOException {
        g.writeStartObject();
        Write.str(g, "code", v.code(), Write.NON_NULL);
        Write.str(g, "deviceId", v.deviceId(), Write.NON_NULL);
        Write.str(g, "kind", v.kind(), Write.NON_NULL);
        g.writeEndObject();
    }

    static EnrollRequest readEnrollRequest(Fields o) throws LanJsonException {
        return new EnrollRequest(o.str("code", true),
                o.str("deviceId", false),
                o.str("kind", false));
    }

    static void writeEnrollResult(JsonGenerator g, EnrollResult v) throws IOException {
        g.writeStartObject();
        Write.str(g, "token", v.token(), Write.ALWAYS);
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        g.writeEndObject();
    }

    static EnrollResult readEnrollResult(Fields o) throws LanJsonException {
        return new EnrollResult(o.str("token", true),
                o.str("deviceId", false));
    }

    static void writeEnrolledDevice(JsonGenerator g, EnrolledDevice v) throws IOException {
        g.writeStartObject();
        Write.str(g, "deviceId", v.deviceId(), Write.NON_EMPTY);
        Write.str(g, "tenant", v.tenant(), Write.NON_EMPTY);
        Write.str(g, "warehouse", v.warehouse(), Write.NON_EMPTY);
        Write.str(g, "kind", v.kind(), Write.NON_EMPTY);
        Write.str(g, "enrolledAt", v.enrolledAt(), Write.NON_EMPTY);
        Write.str(g, "revokedAt", v.revokedAt(), Write.NON_EMPTY);
        Write.str(g, "lastSeen", v.lastSeen(), Write.NON_EMPTY);
        g.writeEndObject();
    }

    static EnrolledDevice readEnrolledDevice(Fields o) throws LanJsonException {
        return new EnrolledDevice(o.str("deviceId", false),
                o.str("tenant", false),
                o.str("warehouse", false),
                o.str("kind", false),
                o.str("enrolledAt", false),
                o.str("revokedAt", false),
                o.str("lastSeen", false));
    }

    static void writeDeviceRevocation(JsonGenerator g, DeviceRevocation v) throws IOException {
        g.writeStartObject();
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        g.writeBooleanField("revoked", v.revoked());
        g.writeEndObject();
    }

    static DeviceRevocation readDeviceRevocation(Fields o) throws LanJsonException {
        return new DeviceRevocation(o.str("deviceId", false),
                o.bool("revoked", false));
    }

    static void writeBadgeLogin(JsonGenerator g, BadgeLogin v) throws IOException {
        g.writeStartObject();
        Write.str(g, "badge", v.badge(), Write.NON_NULL);
        g.writeEndObject();
    }

    static BadgeLogin readBadgeLogin(Fields o) throws LanJsonException {
        return new BadgeLogin(o.str("badge", true));
    }

    static void writeSession(JsonGenerator g, Session v) throws IOException {
        g.writeStartObject();
        Write.str(g, "operator", v.operator(), Write.ALWAYS);
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        g.writeEndObject();
    }

    static Session readSession(Fields o) throws LanJsonException {
        return new Session(o.str("operator", false),
                o.str("deviceId", false),
                o.str("tenant", false),
                o.str("warehouse", false));
    }

    static void writeLogout(JsonGenerator g, Logout v) throws IOException {
        g.writeStartObject();
        Write.str(g, "deviceId", v.deviceId(), Write.ALWAYS);
        g.writeBooleanField("loggedOut", v.loggedOut());
        g.writeEndObject();
    }

    static Logout readLogout(Fields o) throws LanJsonException {
        return new Logout(o.str("deviceId", false),
                o.bool("loggedOut", false));
    }

    static void writeAppRelease(JsonGenerator g, AppRelease v) throws IOException {
        g.writeStartObject();
        Write.number(g, "versionCode", v.versionCode(), Write.ALWAYS);
        Write.str(g, "versionName", v.versionName(), Write.ALWAYS);
        g.writeNumberField("size", v.size());
        Write.str(g, "sha256", v.sha256(), Write.ALWAYS);
        Write.str(g, "path", v.path(), Write.ALWAYS);
        g.writeEndObject();
    }

    static AppRelease readAppRelease(Fields o) throws LanJsonException {
        return new AppRelease(o.boxedInteger("versionCode", false), o.str("versionName", false),
                o.lng("size", true), o.str("sha256", true), o.str("path", true));
    }

    static void writeHealth(JsonGenerator g, Health v) throws IOException {
        g.writeStartObject();
        Write.str(g, "status", v.status(), Write.ALWAYS);
        Write.str(g, "mode", v.mode(), Write.ALWAYS);
        Write.object(g, "core", v.core(), Write.ALWAYS, AccessCodecs::writeHealthCore);
        Write.object(g, "queue", v.queue(), Write.ALWAYS, AccessCodecs::writeHealthQueue);
        Write.number(g, "cacheAgeSeconds", v.cacheAgeSeconds(), Write.ALWAYS);
        g.writeNumberField("diskFreeBytes", v.diskFreeBytes());
        Write.object(g, "clock", v.clock(), Write.NON_NULL, AccessCodecs::writeHealthClock);
        Write.object(g, "photos", v.photos(), Write.NON_NULL, AccessCodecs::writeHealthPhotos);
        g.writeEndObject();
    }

    static Health readHealth(Fields o) throws LanJsonException {
        return new Health(o.str("status", true),
                o.str("mode", false),
                o.object("core", false, AccessCodecs::readHealthCore),
                o.object("queue", false, AccessCodecs::readHealthQueue),
                o.boxedLong("cacheAgeSeconds", false),
                o.lng("diskFreeBytes", false),
                o.object("clock", false, AccessCodecs::readHealthClock),
                o.object("photos", false, AccessCodecs::readHealthPhotos));
    }

    static void writeHealthClock(JsonGenerator g, HealthClock v) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("measured", v.measured());
        g.writeNumberField("offsetMillis", v.offsetMillis());
        g.writeNumberField("offsetSeconds", v.offsetSeconds());
        g.writeNumberField("maxOffsetSeconds", v.maxOffsetSeconds());
        Write.str(g, "problem", v.problem(), Write.ALWAYS);
        g.writeEndObject();
    }

    static HealthClock readHealthClock(Fields o) throws LanJsonException {
        return new HealthClock(o.bool("measured", false),
                o.lng("offsetMillis", false),
                o.lng("offsetSeconds", false),
                o.lng("maxOffsetSeconds", false),
                o.str("problem", false));
    }

    static void writeHealthCore(JsonGenerator g, HealthCore v) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("configured", v.configured());
        Write.bool(g, "reachable", v.reachable(), Write.ALWAYS);
        Write.str(g, "checkedAt", v.checkedAt(), Write.ALWAYS);
        Write.str(g, "lastSyncAt", v.lastSyncAt(), Write.ALWAYS);
        Write.str(g, "lastError", v.lastError(), Write.ALWAYS);
        Write.str(g, "url", v.url(), Write.NON_NULL);
        Write.number(g, "failovers", v.failovers(), Write.NON_NULL);
        g.writeEndObject();
    }

    static HealthCore readHealthCore(Fields o) throws LanJsonException {
        return new HealthCore(o.bool("configured", false),
                o.boxedBool("reachable", false),
                o.str("checkedAt", false),
                o.str("lastSyncAt", false),
                o.str("lastError", false),
                o.str("url", false),
                o.boxedInteger("failovers", false));
    }

    static void writeHealthQueue(JsonGenerator g, HealthQueue v) throws IOException {
        g.writeStartObject();
        g.writeNumberField("unsynced", v.unsynced());
        g.writeNumberField("oldestUnsyncedAgeSeconds", v.oldestUnsyncedAgeSeconds());
        g.writeEndObject();
    }

    static HealthQueue readHealthQueue(Fields o) throws LanJsonException {
        return new HealthQueue(o.lng("unsynced", false),
                o.lng("oldestUnsyncedAgeSeconds", false));
    }

    static void writeHealthPhotos(JsonGenerator g, HealthPhotos v) throws IOException {
        g.writeStartObject();
        g.writeNumberField("pending", v.pending());
        g.writeNumberField("pendingBytes", v.pendingBytes());
        g.writeNumberField("uploaded", v.uploaded());
        g.writeNumberField("failed", v.failed());
        g.writeNumberField("usedBytes", v.usedBytes());
        g.writeNumberField("quotaBytes", v.quotaBytes());
        Write.str(g, "lastError", v.lastError(), Write.ALWAYS);
        g.writeEndObject();
    }

    static HealthPhotos readHealthPhotos(Fields o) throws LanJsonException {
        return new HealthPhotos(o.lng("pending", false), o.lng("pendingBytes", false), o.lng("uploaded", false),
                o.lng("failed", false), o.lng("usedBytes", false), o.lng("quotaBytes", false),
                o.str("lastError", false));
    }

    static void writePhotoReceipt(JsonGenerator g, PhotoReceipt v) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", v.id());
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        Write.str(g, "warehouse", v.warehouse(), Write.ALWAYS);
        Write.str(g, "parcelId", v.parcelId(), Write.ALWAYS);
        Write.str(g, "shot", v.shot(), Write.ALWAYS);
        Write.str(g, "sha256", v.sha256(), Write.ALWAYS);
        g.writeNumberField("size", v.size());
        Write.str(g, "state", v.state(), Write.ALWAYS);
        Write.str(g, "failure", v.failure(), Write.ALWAYS);
        Write.str(g, "addedAt", v.addedAt(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PhotoReceipt readPhotoReceipt(Fields o) throws LanJsonException {
        return new PhotoReceipt(o.lng("id", true), o.str("tenant", false), o.str("warehouse", false),
                o.str("parcelId", true), o.str("shot", true), o.str("sha256", true), o.lng("size", true),
                o.str("state", true), o.str("failure", false), o.str("addedAt", false));
    }

    static void writePhotoList(JsonGenerator g, PhotoList v) throws IOException {
        g.writeStartObject();
        Write.str(g, "parcelId", v.parcelId(), Write.ALWAYS);
        Write.list(g, "photos", v.photos(), Write.ALWAYS, AccessCodecs::writePhotoReceipt);
        g.writeEndObject();
    }

    static PhotoList readPhotoList(Fields o) throws LanJsonException {
        return new PhotoList(o.str("parcelId", false), o.list("photos", false, false, AccessCodecs::readPhotoReceipt));
    }

    static void writePhotoShot(JsonGenerator g, PhotoShot v) throws IOException {
        g.writeStartObject();
        Write.str(g, "shot", v.shot(), Write.ALWAYS);
        Write.str(g, "hint", v.hint(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PhotoShot readPhotoShot(Fields o) throws LanJsonException {
        return new PhotoShot(o.str("shot", true), o.str("hint", false));
    }

    static void writePhotoTemplate(JsonGenerator g, PhotoTemplate v) throws IOException {
        g.writeStartObject();
        Write.str(g, "tenant", v.tenant(), Write.ALWAYS);
        g.writeBooleanField("enforced", v.enforced());
        Write.list(g, "shots", v.shots(), Write.ALWAYS, AccessCodecs::writePhotoShot);
        Write.str(g, "parcelId", v.parcelId(), Write.ALWAYS);
        Write.strings(g, "missing", v.missing(), Write.ALWAYS);
        g.writeEndObject();
    }

    static PhotoTemplate readPhotoTemplate(Fields o) throws LanJsonException {
        return new PhotoTemplate(o.str("tenant", false), o.bool("enforced", false),
                o.list("shots", false, false, AccessCodecs::readPhotoShot), o.str("parcelId", false),
                o.strings("missing", false));
    }
}
