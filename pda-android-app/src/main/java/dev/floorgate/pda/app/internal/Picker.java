package dev.floorgate.pda.app.internal;

import android.content.Context;
import android.os.Handler;
import android.os.Looper;
import dev.floorgate.lan.PickTask;
import dev.floorgate.lan.ScanResult;
import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.GatewayException;
import dev.floorgate.pda.OperationQueue;
import dev.floorgate.pda.QueueListener;
import dev.floorgate.pda.ScanData;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The app's state and its conversation with the gateway, one per process (PickerApp): enrollment, the picker's
 * session, the pick list and flow ({@link PickFlow}), the durable operation queue with its sending thread, the event
 * stream that brings rejections, and the rejections waiting for the picker. Network and disk work run on one
 * background thread; every change of state happens on the main thread and ends with {@link View#changed()}.
 */
public final class Picker {
    public enum Screen { ENROLL, SIGN_IN, LIST, TASK, INTAKE, PHOTO, PACK }

    /** The activity showing the state; called on the main thread. */
    public interface View {
        void changed();

        void feedback(boolean good, String text);
    }

    /** A pick the gateway or the core refused, as the picker sees it. */
    public static final class Rejection {
        public final String opId;
        public final String text;

        Rejection(String opId, String text) {
            this.opId = opId;
            this.text = text;
        }
    }

    private static final View NOBODY = new View() {
        @Override
        public void changed() {
        }

        @Override
        public void feedback(boolean good, String text) {
        }
    };

    private final Context context;
    private final DeviceSettings settings;
    private final Handler main = new Handler(Looper.getMainLooper());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "picker-io"));
    private final PickFlow flow = new PickFlow();
    private final Intake intake = new Intake();
    private final Photos photos;
    private final Pack pack = new Pack(new Pack.Host() {
        @Override
        public GatewayClient client() {
            return client;
        }

        @Override
        public void background(Runnable call) {
            worker.execute(call);
        }

        @Override
        public void onMain(Runnable r) {
            main.post(r);
        }

        @Override
        public void changed() {
            view.changed();
        }

        @Override
        public void say(boolean good, String text) {
            if (text == null) {
                view.changed();
            } else {
                Picker.this.say(good, text);
            }
        }
    });
    private final Deque<Rejection> rejections = new ArrayDeque<>();
    private final Map<String, Operation> sentHere = new ConcurrentHashMap<>();
    private View view = NOBODY;
    private GatewayClient client;
    private OperationQueue queue;
    private Connection connection;
    private volatile int queueDepth;
    private String listNote = "";
    private volatile String updateNote;
    private boolean busy;

    public Picker(Context context, DeviceSettings settings) {
        this.context = context.getApplicationContext();
        this.settings = settings;
        this.photos = new Photos(this, dev.floorgate.pda.app.PhotoFileProvider.folder(this.context));
        if (settings.enrolled()) {
            worker.execute(() -> {
                try {
                    openSession();
                    onMain(() -> {
                        if (settings.operator() != null) {
                            refreshTasks();
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    say(false, "The stored enrollment cannot be used (" + e.getMessage() + "): enroll again");
                }
            });
        }
    }

    public void attach(View v) {
        this.view = v == null ? NOBODY : v;
    }

    public Screen screen() {
        if (!settings.enrolled()) {
            return Screen.ENROLL;
        }
        if (settings.operator() == null) {
            return Screen.SIGN_IN;
        }
        if (photos.open()) {
            return Screen.PHOTO; // over the intake screen, which shows again when the Photo step closes
        }
        if (intake.open()) {
            return Screen.INTAKE;
        }
        if (pack.open()) {
            return Screen.PACK;
        }
        return flow.current() == null ? Screen.LIST : Screen.TASK;
    }

    public Intake intake() {
        return intake;
    }

    /** Opens (or leaves) the parcel intake screen (issue 17). */
    public void openIntake(boolean open) {
        intake.open(open);
        view.changed();
    }

    public Pack pack() {
        return pack;
    }

    /** Opens (or leaves) the packing station screen (issue 17 item 3). */
    public void openPack(boolean open) {
        pack.open(open);
        view.changed();
    }

    /** The shelf parcels scanned in here go to; remembered on the PDA. */
    public void setIntakeShelf(String shelf) {
        String s = shelf == null ? "" : shelf.trim();
        if (!s.matches("[A-Za-z0-9._-]{1,64}")) {
            say(false, "A shelf is 1-64 letters, digits, '.', '_' or '-'");
            return;
        }
        settings.intakeShelf(s);
        say(true, "Parcels go to shelf " + s);
    }

    /**
     * A parcel scanned on the intake screen: the gateway stores the intake durably and names the owner from its
     * offline cache. An intake needs the gateway (its answer says whose parcel it is): out of reach, the screen
     * says so and nothing is kept on the PDA.
     */
    public void receiveParcel(String text, ScanData scan) {
        String shelf = settings.intakeShelf();
        if (shelf == null) {
            say(false, "Set the shelf first, then scan the parcel again");
            return;
        }
        if (client == null) {
            say(false, "Still connecting to the gateway: scan the parcel again in a moment");
            return;
        }
        background(() -> {
            dev.floorgate.lan.ParcelIntakeReceipt r = client.intake(new dev.floorgate.lan.ParcelIntakeRequest(text,
                    scan == null ? null : scan.aimId(), shelf, null, null));
            onMain(() -> {
                intake.last(r);
                say(r.owner() != null && r.failure() == null, Intake.spoken(r));
            });
        });
    }

    public Photos photos() {
        return photos;
    }

    /**
     * Opens the Photo step (issue 17) for a parcel: the core's parcel id, or the tracking number until the core gave
     * one (as the picker page does); null asks for the parcel's label first. Asks the gateway for the tenant's shots
     * and the photos it holds of the parcel.
     */
    public void openPhotos(String parcelId) {
        if (parcelId == null) { // from the list: the screen asks for the parcel's label first
            photos.show(null);
            view.changed();
            return;
        }
        String p = parcelId.trim();
        if (!p.matches("[A-Za-z0-9._-]{1,64}")) {
            say(false, "A parcel id is 1-64 letters, digits, '.', '_' or '-', not '" + p + "'");
            return;
        }
        photos.show(p);
        view.changed();
        reloadPhotos();
    }

    public void reloadPhotos() {
        if (client == null) {
            say(false, "Still connecting to the gateway: tap Reload in a moment");
            return;
        }
        photos.load(client);
    }

    public void closePhotos() {
        photos.close();
        view.changed();
    }

    /** The camera app's result for the shot being taken (RESULT_OK: {@code ok}). */
    public void photoCaptured(boolean ok) {
        photos.captured(ok, client);
    }

    /** Sends a photo kept on this PDA again. */
    public void retryPhoto(String shot) {
        photos.send(shot, client);
    }

    /** The process was restarted while the camera app was open: the result is for this parcel and shot. */
    public void restorePhotoCapture(String parcelId, String shot) {
        photos.restore(parcelId, shot);
        view.changed();
    }

    /** Enrolls with the QR's or the typed link; the token is sealed before the sign-in screen shows. */
    public void enroll(EnrollmentLink link, String deviceName) {
        String name = deviceName == null ? "" : deviceName.trim();
        if (name.isEmpty()) {
            say(false, "Give this PDA a name first");
            return;
        }
        background(() -> {
            GatewayClient anon = new GatewayClient(link.gatewayUrl(), PinnedTrust.httpClient(link.caPin()));
            String token = anon.enroll(link.code(), name).token();
            settings.saveEnrollment(link.gatewayUrl(), link.caPin(), name, token);
            openSession();
            onMain(() -> say(true, "Enrolled as " + name));
        });
    }

    public void signIn(String badge) {
        String b = badge == null ? "" : badge.trim();
        if (b.isEmpty()) {
            say(false, "Scan your badge");
            return;
        }
        if (client == null) {
            say(false, "Still connecting to the gateway: scan the badge again in a moment");
            return;
        }
        background(() -> {
            dev.floorgate.lan.Session session = client.login(b);
            settings.session(b, session.tenant(), session.warehouse());
            onMain(() -> {
                say(true, "Signed in: " + b);
                refreshTasks();
            });
        });
    }

    public void signOut() {
        settings.session(null, null, null);
        flow.close();
        view.changed();
    }

    public void forgetEnrollment() {
        closeSession();
        settings.forgetEnrollment();
        flow.close();
        view.changed();
    }

    public void refreshTasks() {
        if (client == null) {
            return;
        }
        worker.execute(() -> {
            try {
                List<PickTask> fresh = client.tasks("PICK");
                checkForNewerApp();
                onMain(() -> {
                    flow.replaceTasks(fresh);
                    listNote = "List from " + java.time.LocalTime.now().withNano(0);
                    view.changed();
                });
            } catch (IOException e) {
                onMain(() -> {
                    listNote = "Gateway out of reach: " + reason(e) + (flow.tasks().isEmpty() ? "; no list yet"
                            : "; showing the list kept last time");
                    view.changed();
                });
            }
        });
    }

    /** A scan from any source (DataWedge, Honeywell, keystroke wedge); {@code scan} null when typed. */
    public void onScan(String data, ScanData scan, boolean typed) {
        String text = data == null ? "" : data.trim();
        if (text.isEmpty()) {
            return;
        }
        switch (screen()) {
            case SIGN_IN:
                signIn(text);
                return;
            case LIST:
                PickTask t = flow.openAtBin(text);
                if (t != null) {
                    say(true, "Bin " + t.location());
                } else if (flow.anyOpenTaskHasItem(text)) {
                    say(false, "Scan the bin first");
                } else {
                    say(false, "No open task at " + text);
                }
                return;
            case TASK:
                onTaskScan(text, scan, typed);
                return;
            case INTAKE:
                receiveParcel(text, scan);
                return;
            case PHOTO:
                openPhotos(text); // the parcel's label: its photos
                return;
            case PACK:
                pack.onScan(text);
                return;
            default:
                say(false, "Enroll this PDA first: scan the enrollment QR");
        }
    }

    private void onTaskScan(String text, ScanData scan, boolean typed) {
        PickTask task = flow.current();
        if (flow.step() == PickFlow.Step.BIN) {
            if (flow.binScanned(text, typed)) {
                say(true, "Bin " + task.location());
            } else {
                say(false, "Wrong bin: " + text + ". Go to " + task.location());
            }
            return;
        }
        if (flow.step() == PickFlow.Step.QTY && text.equals(flow.itemData())) {
            long n = flow.qty() + 1;
            if (flow.setQty(n)) {
                say(true, n + " of " + flow.remaining(task));
            } else {
                say(false, "Only " + flow.remaining(task) + " to pick here");
            }
            return;
        }
        if (text.equalsIgnoreCase(task.location())) {
            say(true, "Bin " + task.location() + " is already confirmed; scan the item");
            return;
        }
        GatewayClient c = client;
        worker.execute(() -> {
            ItemCheck check = ItemCheck.of(c, task, text, scan);
            onMain(() -> {
                if (flow.current() != task) {
                    return; // the picker moved on while the gateway answered
                }
                if (check.refusal != null) {
                    say(false, check.refusal);
                    return;
                }
                ScanResult r = check.reading;
                flow.itemConfirmed(text, r == null ? null : r.batch(), r == null ? null : r.expiry(),
                        r == null ? null : r.serial(), typed);
                say(true, task.sku() + (r == null ? " (checked on this PDA)" : ""));
            });
        });
    }

    public void setQty(long n) {
        if (flow.current() != null && flow.step() == PickFlow.Step.QTY && !flow.setQty(n)) {
            say(false, "Only " + flow.remaining(flow.current()) + " to pick here");
            return;
        }
        view.changed();
    }

    /** Confirms the quantity: the pick is on this PDA's disk before the next task shows. */
    public void confirm() {
        PickTask task = flow.current();
        if (task == null || flow.step() != PickFlow.Step.QTY || busy) {
            return;
        }
        long qty = flow.qty();
        Operation op = Operation.builder().opId(OperationIds.newId()).tenant(settings.tenant())
                .warehouse(task.warehouse() == null ? settings.warehouse() : task.warehouse())
                .type(OperationType.PICK).sku(task.sku()).qty(qty).location(task.location()).orderNo(task.orderNo())
                .lot(flow.lot()).expiry(flow.expiry()).serial(flow.serial()).deviceId(settings.deviceId())
                .operator(settings.operator()).occurredAt(Instant.now().toString()).build();
        background(() -> {
            queue.enqueue(op);
            sentHere.put(op.opId(), op);
            queueDepth = queue.size();
            onMain(() -> {
                say(true, "Picked " + qty + " \u00d7 " + task.sku());
                if (flow.picked(qty) == null) {
                    refreshTasks();
                }
            });
        });
    }

    public void backToList() {
        flow.close();
        view.changed();
    }

    public void openTask(PickTask t) {
        flow.open(t, PickFlow.Step.BIN);
        view.changed();
    }

    public Rejection rejection() {
        return rejections.peekFirst();
    }

    public int openRejections() {
        return rejections.size();
    }

    public void acknowledgeRejection() {
        rejections.pollFirst();
        view.changed();
    }

    /** Sends the queue now (the network came back, or the picker asked). */
    public void wakeUp() {
        OperationQueue q = queue;
        if (q != null) {
            q.wakeUp();
        }
    }

    private void openSession() throws IOException {
        Connection c = Connection.open(context, settings, new QueueListener() {
            @Override
            public void onAccepted(String opId) {
                depthChanged();
            }

            @Override
            public void onRejected(String opId, String code, String message) {
                Operation op = opId == null ? null : sentHere.get(opId);
                onMain(() -> rejected(opId, op, code, message));
            }

            @Override
            public void onSendFailure(IOException cause, int pending, long retryInMillis) {
                queueDepth = pending;
                onMain(view::changed);
            }
        });
        connection = c;
        client = c.client;
        queue = c.queue;
        queueDepth = c.queue.size();
    }

    private void closeSession() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                say(false, "The queue did not close cleanly: " + e.getMessage());
            }
        }
        connection = null;
        queue = null;
        client = null;
    }

    private void rejected(String opId, Operation op, String code, String message) {
        String what = op == null ? "Operation " + opId : "Pick of " + op.qty() + " \u00d7 " + op.sku() + " at "
                + op.location() + (op.orderNo() == null ? "" : " (order " + op.orderNo() + ")");
        if (op != null) {
            flow.unpick(op.sku(), op.orderNo(), op.location(), op.qty());
        }
        rejections.addLast(new Rejection(opId, what + " was not booked: " + code
                + (message == null || message.isEmpty() ? "" : " (" + message + ")") + "."));
        depthChanged();
        view.feedback(false, "Not booked: " + (op == null ? opId : op.sku()));
        view.changed();
    }

    private void depthChanged() {
        OperationQueue q = queue;
        worker.execute(() -> {
            try {
                queueDepth = q == null ? 0 : q.size();
            } catch (IOException e) {
                queueDepth = -1;
            }
            onMain(view::changed);
        });
    }

    interface Work {
        void run() throws IOException;
    }

    /** Runs {@code work} off the main thread; its failure is said on the screen with what to do. */
    void background(Work work) {
        busy = true;
        view.changed();
        worker.execute(() -> {
            try {
                work.run();
            } catch (IOException | RuntimeException e) {
                onMain(() -> say(false, reason(e)));
            } finally {
                onMain(() -> {
                    busy = false;
                    view.changed();
                });
            }
        });
    }

    static String reason(Exception e) {
        if (e instanceof GatewayException) {
            GatewayException g = (GatewayException) e;
            String m = g.gatewayMessage() == null ? g.getMessage() : g.gatewayMessage();
            return (g.code() == null ? "" : g.code() + ": ") + m;
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "Not the enrolled gateway (its certificate does not match the site CA from the QR): "
                    + e.getMessage();
        }
        if (e instanceof IOException) {
            return "Gateway out of reach (" + e.getMessage() + ")";
        }
        return e.getMessage();
    }

    void say(boolean good, String text) {
        view.feedback(good, text);
        view.changed();
    }

    void onMain(Runnable r) {
        main.post(r);
    }

    void changed() {
        view.changed();
    }

    public PickFlow flow() {
        return flow;
    }

    public boolean busy() {
        return busy;
    }

    public int queueDepth() {
        return queueDepth;
    }

    public String listNote() {
        return listNote;
    }

    /** "A newer picker app ... is on the gateway: URL", or null. */
    public String updateNote() {
        return updateNote;
    }

    /** On the worker thread, with the list: a gateway that cannot say stays quiet (the list matters more). */
    private void checkForNewerApp() {
        try {
            updateNote = AppUpdate.check(PinnedTrust.httpClient(settings.caPin()), settings.gatewayUrl(),
                    AppUpdate.installedVersion(context));
        } catch (IOException | RuntimeException e) {
            updateNote = null;
        }
    }

    public DeviceSettings settings() {
        return settings;
    }

    public List<Rejection> rejections() {
        return new ArrayList<>(rejections);
    }
}
