package dev.floorgate.pda.app.internal;

import android.content.ClipData;
import android.content.Context;
import android.content.Intent;
import android.graphics.Bitmap;
import android.graphics.BitmapFactory;
import android.graphics.Matrix;
import android.media.ExifInterface;
import android.net.Uri;
import android.provider.MediaStore;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The device camera's part of the Photo step: the capture intent (the camera app writes into a file of the app's
 * {@code PhotoFileProvider}), the files a photo lives in on this PDA, and fitting a photo to the gateway's limit.
 *
 * <p>Files, all in the provider's folder: the camera writes {@code c_KEY.jpg}; a photo the camera delivered is renamed
 * to {@code k_KEY.jpg} ("kept") and stays there until the gateway has it, so a photo taken offline or refused for a
 * full buffer can be sent again with Retry; a cancelled capture deletes only its own {@code c_} file, never a kept
 * photo of the same shot. KEY is the parcel id's length, the parcel id and the shot (both gateway codes), so no two
 * parcels and shots share a file.
 */
public final class PhotoCapture {
    /** The gateway's largest photo (API.md: {@code fg.photos.max-photo-bytes}, 8 MiB by default). */
    public static final long MAX_PHOTO_BYTES = 8L * 1024 * 1024;
    /** A photo over {@link #MAX_PHOTO_BYTES} is re-encoded with this longest side and JPEG quality. */
    public static final int MAX_SIDE = 2048;
    public static final int JPEG_QUALITY = 85;
    public static final String NO_CAMERA = "This PDA has no camera app, so no photo can be taken here. "
            + "Take the parcel's photos with the picker page on a phone, or at a station camera.";

    private PhotoCapture() {
    }

    /** {@code ACTION_IMAGE_CAPTURE} writing into {@code output}, with the camera app allowed to write there once. */
    public static Intent captureIntent(Uri output) {
        Intent i = new Intent(MediaStore.ACTION_IMAGE_CAPTURE);
        i.putExtra(MediaStore.EXTRA_OUTPUT, output);
        // the grant travels with the ClipData (what Android itself derives from EXTRA_OUTPUT since API 21)
        i.setClipData(ClipData.newRawUri("photo", output));
        i.addFlags(Intent.FLAG_GRANT_WRITE_URI_PERMISSION | Intent.FLAG_GRANT_READ_URI_PERMISSION);
        return i;
    }

    /** Whether any activity takes the capture intent (a PDA without a camera, or with camera apps disabled: no). */
    public static boolean cameraAvailable(Context context) {
        return captureIntent(Uri.parse("content://probe/probe.jpg")).resolveActivity(context.getPackageManager())
                != null;
    }

    /** Where the camera app writes the next photo of this parcel's shot. */
    public static File captureFile(File folder, String parcelId, String shot) {
        return new File(folder, "c_" + key(parcelId, shot));
    }

    /** Where a delivered photo waits until the gateway has it. */
    public static File keptFile(File folder, String parcelId, String shot) {
        return new File(folder, "k_" + key(parcelId, shot));
    }

    private static String key(String parcelId, String shot) {
        return parcelId.length() + "_" + parcelId + "_" + shot + ".jpg";
    }

    /**
     * The bytes to send for a kept photo: as the camera wrote them when they fit the gateway's limit (EXIF and all),
     * otherwise {@link #downscale}d, and the smaller photo written over the kept file so a Retry sends the same bytes.
     */
    public static byte[] bytesForGateway(File kept) throws IOException {
        long size = kept.length();
        if (size == 0) {
            throw new IOException("the camera app saved no photo (" + kept.getName() + " is empty): take it again");
        }
        if (size <= MAX_PHOTO_BYTES) {
            return read(kept, (int) size);
        }
        byte[] smaller = downscale(kept);
        File tmp = new File(kept.getParentFile(), kept.getName() + ".tmp");
        try (FileOutputStream out = new FileOutputStream(tmp)) {
            out.write(smaller);
            out.getFD().sync();
        }
        if (!tmp.renameTo(kept)) {
            throw new IOException("could not replace " + kept + " with its downscaled photo " + tmp);
        }
        return smaller;
    }

    /**
     * The photo decoded, turned upright by its EXIF orientation (the re-encoded JPEG carries no EXIF), scaled so its
     * longest side is at most {@link #MAX_SIDE} px, and encoded as JPEG of quality {@link #JPEG_QUALITY}. Decoding
     * subsamples by a power of two first, so a 50-megapixel photo never needs its full size in memory.
     */
    public static byte[] downscale(File photo) throws IOException {
        BitmapFactory.Options bounds = new BitmapFactory.Options();
        bounds.inJustDecodeBounds = true;
        BitmapFactory.decodeFile(photo.getPath(), bounds);
        if (bounds.outWidth <= 0 || bounds.outHeight <= 0) {
            throw new IOException("the photo " + photo.getName() + " (" + photo.length()
                    + " bytes) is no image this PDA can read");
        }
        int longest = Math.max(bounds.outWidth, bounds.outHeight);
        BitmapFactory.Options decode = new BitmapFactory.Options();
        decode.inSampleSize = 1;
        while (longest / (decode.inSampleSize * 2) >= MAX_SIDE) {
            decode.inSampleSize *= 2;
        }
        Bitmap bitmap = BitmapFactory.decodeFile(photo.getPath(), decode);
        if (bitmap == null) {
            throw new IOException("the photo " + photo.getName() + " (" + bounds.outWidth + "x" + bounds.outHeight
                    + ", " + photo.length() + " bytes) could not be decoded");
        }
        float scale = Math.min(1f, (float) MAX_SIDE / Math.max(bitmap.getWidth(), bitmap.getHeight()));
        Matrix m = new Matrix();
        m.postScale(scale, scale);
        m.postRotate(rotation(photo));
        Bitmap fitted = Bitmap.createBitmap(bitmap, 0, 0, bitmap.getWidth(), bitmap.getHeight(), m, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!fitted.compress(Bitmap.CompressFormat.JPEG, JPEG_QUALITY, out)) {
            throw new IOException("the photo " + photo.getName() + " could not be encoded as JPEG ("
                    + fitted.getWidth() + "x" + fitted.getHeight() + ")");
        }
        if (fitted != bitmap) {
            fitted.recycle();
        }
        bitmap.recycle();
        if (out.size() > MAX_PHOTO_BYTES) {
            throw new IOException("the photo is still " + out.size() + " bytes at " + MAX_SIDE + " px, over the "
                    + MAX_PHOTO_BYTES + " the gateway takes");
        }
        return out.toByteArray();
    }

    private static float rotation(File photo) {
        try {
            int o = new ExifInterface(photo.getPath()).getAttributeInt(ExifInterface.TAG_ORIENTATION,
                    ExifInterface.ORIENTATION_NORMAL);
            return o == ExifInterface.ORIENTATION_ROTATE_90 ? 90 : o == ExifInterface.ORIENTATION_ROTATE_180 ? 180
                    : o == ExifInterface.ORIENTATION_ROTATE_270 ? 270 : 0;
        } catch (IOException | RuntimeException unreadable) {
            return 0; // no EXIF to go by: as decoded
        }
    }

    private static byte[] read(File f, int size) throws IOException {
        byte[] b = new byte[size];
        try (InputStream in = new FileInputStream(f)) {
            int off = 0;
            while (off < size) {
                int n = in.read(b, off, size - off);
                if (n < 0) {
                    throw new IOException(f + " ended after " + off + " of its " + size + " bytes");
                }
                off += n;
            }
        }
        return b;
    }
}
