package dev.floorgate.pda.app.internal;

import android.content.Context;
import android.media.AudioManager;
import android.media.ToneGenerator;
import android.os.VibrationEffect;
import android.os.Vibrator;

/**
 * What a picker hears and feels after a scan, so eyes can stay on the shelf: one short high beep for a good scan,
 * a long low double tone and a double buzz for a wrong one (the web picker's feedback.js does the same with Web
 * Audio). At full volume on the alarm-free notification stream: a freezer is loud and gloves muffle a buzz.
 */
public final class Feedback {
    public enum Kind { GOOD, BAD }

    private final ToneGenerator tones;
    private final Vibrator vibrator;
    private Kind last;

    public Feedback(Context context) {
        ToneGenerator t;
        try {
            t = new ToneGenerator(AudioManager.STREAM_NOTIFICATION, ToneGenerator.MAX_VOLUME);
        } catch (RuntimeException noAudio) { // no audio hardware free: the screen and the buzz still tell
            t = null;
        }
        this.tones = t;
        this.vibrator = (Vibrator) context.getSystemService(Context.VIBRATOR_SERVICE);
    }

    public void good() {
        last = Kind.GOOD;
        if (tones != null) {
            tones.startTone(ToneGenerator.TONE_PROP_BEEP, 120);
        }
        if (vibrator != null) {
            vibrator.vibrate(VibrationEffect.createOneShot(60, VibrationEffect.DEFAULT_AMPLITUDE));
        }
    }

    public void bad() {
        last = Kind.BAD;
        if (tones != null) {
            tones.startTone(ToneGenerator.TONE_CDMA_ABBR_INTERCEPT, 600);
        }
        if (vibrator != null) {
            vibrator.vibrate(VibrationEffect.createWaveform(new long[] {0, 250, 120, 250}, -1));
        }
    }

    /** The last feedback given, for the screens' tests. */
    public Kind last() {
        return last;
    }

    public void release() {
        if (tones != null) {
            tones.release();
        }
    }
}
