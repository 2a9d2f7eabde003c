package dev.floorgate.pda.app.internal;

import dev.floorgate.lan.PhotoReceipt;
import dev.floorgate.lan.PhotoShot;
import dev.floorgate.lan.PhotoTemplate;
import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.GatewayException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Photo step (issue 17): one parcel's shots from the tenant's template (GET /api/v1/photos/template), the
 * photos the gateway holds of it, the photos kept on this PDA because the gateway has not got them yet, and the
 * conversation with the gateway about them. The camera itself is the activity's ({@link PhotoCapture}); this class
 * takes the photo it delivered. State changes on the main thread, through the {@link Picker}'s worker.
 */
public final class Photos {
    private final Picker picker;
    private final File folder;
    private boolean open;
    private String parcelId;
    private PhotoTemplate template;
    private final Map<String, PhotoReceipt> sent = new LinkedHashMap<>();
    private String capturing;
    private String line = "";
    private int version;

    Photos(Picker picker, File folder) {
        this.picker = picker;
        this.folder = folder;
    }

    public boolean open() {
        return open;
    }

    /** The parcel whose photos are shown; null until one is scanned or typed. */
    public String parcelId() {
        return parcelId;
    }

    /** The template, or null until the gateway gave it. */
    public PhotoTemplate template() {
        return template;
    }

    /** The shots to show: the template's, and any other shot this parcel has a photo of (default template). */
    public List<PhotoShot> shots() {
        List<PhotoShot> out = new ArrayList<>(template == null ? new ArrayList<>() : template.shots());
        for (String s : sent.keySet()) {
            if (out.stream().noneMatch(p -> p.shot().equals(s))) {
                out.add(new PhotoShot(s, ""));
            }
        }
        return out;
    }

    /** The photo of this shot the gateway holds (the newest), or null. */
    public PhotoReceipt receipt(String shot) {
        return sent.get(shot);
    }

    /** Whether a photo of this shot waits on this PDA for the gateway (Retry sends it). */
    public boolean kept(String shot) {
        return parcelId != null && PhotoCapture.keptFile(folder, parcelId, shot).isFile();
    }

    /** The shots the gateway still misses for this parcel (the template's order). */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        if (template != null && template.missing() != null) {
            for (String s : template.missing()) {
                if (!sent.containsKey(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The last outcome in words (a receipt, a refusal, what to do). */
    public String line() {
        return line;
    }

    /** Goes up with every change, so the screen rebuilds. */
    public int version() {
        return version;
    }

    void show(String parcel) {
        open = true;
        parcelId = parcel;
        template = null;
        sent.clear();
        capturing = null;
        line = "";
        version++;
    }

    void close() {
        open = false;
        parcelId = null;
        capturing = null;
        version++;
    }

    /** The template and the photos already at the gateway, asked again. */
    void load(GatewayClient client) {
        String parcel = parcelId;
        if (parcel == null) {
            return;
        }
        picker.background(() -> {
            PhotoTemplate t = client.photoTemplate(parcel);
            List<PhotoReceipt> held = client.photos(parcel);
            picker.onMain(() -> {
                if (!parcel.equals(parcelId)) {
                    return;
                }
                template = t;
                sent.clear();
                for (PhotoReceipt r : held) {
                    sent.put(r.shot(), r); // oldest first: the newest of a shot stays
                }
                version++;
                picker.changed();
            });
        });
    }

    /** The camera app is about to write {@link #captureFile}; its result comes to {@link #captured}. */
    public File captureFile(String shot) {
        capturing = shot;
        return PhotoCapture.captureFile(folder, parcelId, shot);
    }

    /** The shot whose camera app is open, or null. */
    public String capturing() {
        return capturing;
    }

    /** The camera app could not be opened: no result will come. */
    public void forgetCapture() {
        capturing = null;
    }

    /** After a restart of the process while the camera was open: which parcel and shot the result is for. */
    void restore(String parcel, String shot) {
        show(parcel);
        capturing = shot;
    }

    /** The camera app's answer: with a photo it is kept and sent; cancelled, nothing is sent. */
    void captured(boolean ok, GatewayClient client) {
        String shot = capturing;
        capturing = null;
        if (shot == null || parcelId == null) {
            return;
        }
        File taken = PhotoCapture.captureFile(folder, parcelId, shot);
        if (!ok) {
            taken.delete();
            line = "No photo taken of " + shot + ": nothing was sent";
            version++;
            picker.changed();
            return;
        }
        File kept = PhotoCapture.keptFile(folder, parcelId, shot);
        if (!taken.isFile() || taken.length() == 0) {
            taken.delete();
            picker.say(false, "The camera app saved no photo of " + shot + ": take it again");
            return;
        }
        if (!taken.renameTo(kept)) {
            picker.say(false, "The photo of " + shot + " could not be kept on this PDA (" + kept + "): take it again");
            return;
        }
        send(shot, client);
    }

    /** Sends the kept photo of {@code shot}; the file goes once the gateway has it, or for good when refused. */
    void send(String shot, GatewayClient client) {
        String parcel = parcelId;
        if (parcel == null) {
            return;
        }
        File kept = PhotoCapture.keptFile(folder, parcel, shot);
        if (client == null) {
            line = "Still connecting to the gateway: the photo of " + shot + " is kept on this PDA; tap Retry";
            version++;
            picker.say(false, line);
            return;
        }
        picker.background(() -> {
            byte[] jpeg;
            try {
                jpeg = PhotoCapture.bytesForGateway(kept);
            } catch (IOException | RuntimeException unreadable) {
                kept.delete();
                picker.onMain(() -> {
                    line = "The photo of " + shot + " could not be read on this PDA (" + unreadable.getMessage()
                            + "). Take it again.";
                    version++;
                    picker.say(false, line);
                });
                return;
            }
            PhotoReceipt r;
            try {
                r = client.addPhoto(parcel, shot, jpeg);
            } catch (IOException e) {
                boolean keep = keepAfter(e);
                if (!keep) {
                    kept.delete();
                }
                picker.onMain(() -> {
                    line = refusal(e, shot, keep);
                    version++;
                    picker.say(false, line);
                });
                return;
            }
            kept.delete();
            picker.onMain(() -> {
                if (parcel.equals(parcelId)) {
                    sent.put(r.shot(), r);
                }
                line = receiptLine(r);
                version++;
                picker.say(true, "Photo saved: " + r.parcelId() + " " + r.shot());
            });
        });
    }

    /** A refusal the same photo may pass later (offline, a full buffer, a gateway that could not store it): keep. */
    static boolean keepAfter(IOException e) {
        if (!(e instanceof GatewayException)) {
            return true;
        }
        GatewayException g = (GatewayException) e;
        return g.retryable() || g.status() == 401;
    }

    /** The gateway's answer to a photo, in the words the packer reads (API.md "Parcel photos"). */
    static String refusal(IOException e, String shot, boolean kept) {
        String tail = kept ? " The photo is kept on this PDA: tap Retry." : " Take the photo of " + shot + " again.";
        if (!(e instanceof GatewayException)) {
            return "Gateway out of reach (" + e.getMessage() + ")." + tail;
        }
        GatewayException g = (GatewayException) e;
        String said = g.gatewayMessage() == null ? g.code() : g.gatewayMessage();
        switch (g.code()) {
            case "PHOTOS_FULL":
                return "Photo buffer full, tell site IT; intake is still taken." + tail;
            case "NOT_A_JPEG":
                return "The camera app's photo is not a JPEG (" + said + ")." + tail;
            case "PHOTO_TOO_LARGE":
                return "The photo is too large for the gateway (" + said + ")." + tail;
            case "PHOTOS_UNAVAILABLE":
                return "The gateway could not store the photo (" + said + ")." + tail;
            case "UNAUTHORIZED":
                return "The gateway no longer knows this PDA (" + said + "): enroll it again." + tail;
            default:
                return "Photo of " + shot + " refused: " + g.code() + " (" + said + ")." + tail;
        }
    }

    /** "Photo 12 of P-1 (label) is at the gateway, on its way to the core · 245 KB". */
    public static String receiptLine(PhotoReceipt r) {
        String where;
        if ("UPLOADED".equals(r.state())) {
            where = "is at the core";
        } else if ("FAILED".equals(r.state())) {
            where = "was refused by the core (" + r.failure() + ")";
        } else {
            where = "is at the gateway, on its way to the core";
        }
        return "Photo " + r.id() + " of " + r.parcelId() + " (" + r.shot() + ") " + where + " \u00b7 "
                + Math.max(1, (r.size() + 512) / 1024) + " KB";
    }
}
