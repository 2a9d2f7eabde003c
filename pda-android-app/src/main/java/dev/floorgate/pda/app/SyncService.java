package dev.floorgate.pda.app;

import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.app.Service;
import android.content.Context;
import android.content.Intent;
import android.content.pm.ServiceInfo;
import android.net.ConnectivityManager;
import android.net.Network;
import android.os.Build;
import android.os.IBinder;
import dev.floorgate.pda.app.internal.Picker;

/**
 * Keeps the app's process, and with it the operation queue's sending thread and the event stream, alive while
 * picks wait to leave: a foreground service (type dataSync) with a notification that shows the queue depth. When a
 * network comes back (Wi-Fi between aisles) it wakes the queue instead of waiting out the backoff. Started by the
 * screen once the PDA is enrolled; it runs on when the app is swiped away.
 */
public class SyncService extends Service {
    static final String CHANNEL = "floorgate-sync";
    static final int NOTIFICATION_ID = 17;
    private ConnectivityManager.NetworkCallback callback;

    public static void start(Context context) {
        Intent i = new Intent(context, SyncService.class);
        context.startForegroundService(i);
    }

    @Override
    public void onCreate() {
        super.onCreate();
        NotificationManager nm = getSystemService(NotificationManager.class);
        nm.createNotificationChannel(new NotificationChannel(CHANNEL, "Sending picks",
                NotificationManager.IMPORTANCE_LOW));
        Picker picker = ((PickerApp) getApplication()).picker();
        callback = new ConnectivityManager.NetworkCallback() {
            @Override
            public void onAvailable(Network network) {
                picker.wakeUp();
            }
        };
        getSystemService(ConnectivityManager.class).registerDefaultNetworkCallback(callback);
    }

    @Override
    public int onStartCommand(Intent intent, int flags, int startId) {
        Picker picker = ((PickerApp) getApplication()).picker();
        Notification n = notification(picker.queueDepth());
        if (Build.VERSION.SDK_INT >= 29) {
            startForeground(NOTIFICATION_ID, n, ServiceInfo.FOREGROUND_SERVICE_TYPE_DATA_SYNC);
        } else {
            startForeground(NOTIFICATION_ID, n);
        }
        picker.wakeUp();
        return START_STICKY;
    }

    Notification notification(int depth) {
        PendingIntent open = PendingIntent.getActivity(this, 0, new Intent(this, PickerActivity.class),
                PendingIntent.FLAG_IMMUTABLE);
        return new Notification.Builder(this, CHANNEL)
                .setSmallIcon(android.R.drawable.stat_sys_upload)
                .setContentTitle("FloorGate picker")
                .setContentText(depth == 0 ? "All picks sent" : depth + " picks waiting to be sent")
                .setContentIntent(open)
                .setOngoing(true)
                .build();
    }

    @Override
    public void onDestroy() {
        if (callback != null) {
            getSystemService(ConnectivityManager.class).unregisterNetworkCallback(callback);
        }
        super.onDestroy();
    }

    @Override
    public IBinder onBind(Intent intent) {
        return null;
    }
}
