package dev.floorgate.pda.app.internal;

import android.content.Context;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.pda.EventListener;
import dev.floorgate.pda.EventStream;
import dev.floorgate.pda.FileQueueStorage;
import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.OperationQueue;
import dev.floorgate.pda.QueueListener;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;

/**
 * The enrolled PDA's line to its gateway: the pinned HTTPS client with the device token, the crash-safe operation
 * queue in the app's private files with its sending thread, and the event stream that feeds the queue the core's
 * results (so rejections reach {@link QueueListener#onRejected}) from the last event id the app saw, with polling
 * of the results as the fallback.
 */
final class Connection implements Closeable {
    static final String QUEUE_FILE = "ops.queue";
    /**
     * Results are also asked for this often: the event stream stops for good on a 401/403/404 (a gateway answering
     * while it starts, say) and is away while Wi-Fi is; a rejection must still reach the picker.
     */
    static final long RESULT_POLL_MILLIS = 10_000;

    final GatewayClient client;
    final OperationQueue queue;
    private final EventStream events;

    private Connection(GatewayClient client, OperationQueue queue, EventStream events) {
        this.client = client;
        this.queue = queue;
        this.events = events;
    }

    static Connection open(Context context, DeviceSettings settings, QueueListener listener) throws IOException {
        GatewayClient c = new GatewayClient(settings.gatewayUrl(), PinnedTrust.httpClient(settings.caPin()))
                .withToken(settings.token());
        OperationQueue q = new OperationQueue(new FileQueueStorage(new File(context.getFilesDir(), QUEUE_FILE)), c,
                OperationQueue.Options.defaults().deviceId(settings.deviceId()).resultPollMillis(RESULT_POLL_MILLIS));
        q.addListener(listener);
        q.start();
        EventListener results = q.resultListener();
        EventStream events = c.events(settings.lastEventId(), new EventListener() {
            @Override
            public void onEvent(GatewayEvent event) {
                results.onEvent(event);
                settings.lastEventId(event.id());
            }
        });
        return new Connection(c, q, events);
    }

    @Override
    public void close() throws IOException {
        events.close();
        queue.close();
    }
}
