package dev.floorgate.pda.app;

import android.content.ContentProvider;
import android.content.ContentValues;
import android.content.Context;
import android.database.Cursor;
import android.database.MatrixCursor;
import android.net.Uri;
import android.os.ParcelFileDescriptor;
import android.provider.OpenableColumns;
import java.io.File;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one folder the camera app may write into: {@code <cache>/photos}, as {@code content://<package>.photos/NAME}.
 * The camera app gets a URI from here with a one-time write grant ({@code FLAG_GRANT_WRITE_URI_PERMISSION} on the
 * capture intent); the provider itself is not exported. A stand-in for androidx's FileProvider (no androidx in this
 * APK): it serves flat file names of that folder only, so no URI can reach another file, and cannot list, insert or
 * update anything.
 */
public class PhotoFileProvider extends ContentProvider {
    /** The folder under the app's cache directory. */
    public static final String FOLDER = "photos";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}\\.jpg");
    private static final String[] COLUMNS = {OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE};

    /** The provider's authority: the package's name and {@code .photos} (the manifest says the same). */
    public static String authority(Context context) {
        return context.getPackageName() + ".photos";
    }

    /** The folder the provider serves, made when missing. */
    public static File folder(Context context) {
        File dir = new File(context.getCacheDir(), FOLDER);
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("cannot make the photo folder " + dir);
        }
        return dir;
    }

    /** The content URI of {@code file}, which must be a file of {@link #folder} with a name the provider serves. */
    public static Uri uriFor(Context context, File file) {
        File dir = folder(context);
        if (!dir.equals(file.getParentFile()) || !NAME.matcher(file.getName()).matches()) {
            throw new IllegalArgumentException("the photo provider serves only NAME.jpg files of " + dir
                    + ", not " + file);
        }
        return new Uri.Builder().scheme("content").authority(authority(context)).appendPath(file.getName()).build();
    }

    @Override
    public boolean onCreate() {
        return true;
    }

    @Override
    public ParcelFileDescriptor openFile(Uri uri, String mode) throws FileNotFoundException {
        File file = fileOf(uri);
        // "w" / "rw" / "wt" from the camera app create or truncate; "r" for a reader, as the grant allows
        return ParcelFileDescriptor.open(file, ParcelFileDescriptor.parseMode(mode));
    }

    @Override
    public Cursor query(Uri uri, String[] projection, String selection, String[] selectionArgs, String sortOrder) {
        File file;
        try {
            file = fileOf(uri);
        } catch (FileNotFoundException e) {
            return null;
        }
        String[] columns = projection == null ? COLUMNS : projection;
        MatrixCursor cursor = new MatrixCursor(columns, 1);
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (OpenableColumns.DISPLAY_NAME.equals(columns[i])) {
                row[i] = file.getName();
            } else if (OpenableColumns.SIZE.equals(columns[i])) {
                row[i] = file.length();
            }
        }
        cursor.addRow(row);
        return cursor;
    }

    @Override
    public String getType(Uri uri) {
        return "image/jpeg";
    }

    @Override
    public Uri insert(Uri uri, ContentValues values) {
        throw new UnsupportedOperationException("the photo provider only opens its files, it does not insert "
                + uri);
    }

    @Override
    public int delete(Uri uri, String selection, String[] selectionArgs) {
        return 0; // the app deletes its own files; another app's delete changes nothing
    }

    @Override
    public int update(Uri uri, ContentValues values, String selection, String[] selectionArgs) {
        throw new UnsupportedOperationException("the photo provider only opens its files, it does not update "
                + uri);
    }

    private File fileOf(Uri uri) throws FileNotFoundException {
        List<String> path = uri.getPathSegments();
        String authority = getContext() == null ? null : authority(getContext());
        if (authority == null || !authority.equals(uri.getAuthority()) || path.size() != 1
                || !NAME.matcher(path.get(0)).matches()) {
            throw new FileNotFoundException("the photo provider serves NAME.jpg files of its one folder, not " + uri);
        }
        return new File(folder(getContext()), path.get(0));
    }
}
