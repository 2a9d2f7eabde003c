package dev.floorgate.pda.app.internal;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import android.util.Base64;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The device token, sealed with AES-256-GCM before it is written to the app's private preferences. On a PDA the key
 * lives in the Android Keystore ({@link #androidKeystore()}): it never leaves the secure hardware or keystore
 * daemon, so a copy of the app's files (a backup, a rooted dump) holds only ciphertext. The sealed form is
 * {@code base64(iv || ciphertext+tag)}; a wrong key or a changed byte fails the GCM tag and opens nothing.
 */
public final class TokenVault {
    /** Where the AES key comes from. */
    public interface KeySource {
        SecretKey key() throws GeneralSecurityException;
    }

    private static final String ALIAS = "floorgate-device-token";
    private static final int IV_BYTES = 12;
    private final KeySource keys;

    public TokenVault(KeySource keys) {
        this.keys = keys;
    }

    /** The key in the Android Keystore under {@value #ALIAS}, made on first use (API 23+; the app needs 26). */
    public static KeySource androidKeystore() {
        return () -> {
            KeyStore ks = KeyStore.getInstance("AndroidKeyStore");
            try {
                ks.load(null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("the Android Keystore did not open: " + e.getMessage(), e);
            }
            KeyStore.Entry entry = ks.getEntry(ALIAS, null);
            if (entry instanceof KeyStore.SecretKeyEntry) {
                return ((KeyStore.SecretKeyEntry) entry).getSecretKey();
            }
            KeyGenerator gen = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, "AndroidKeyStore");
            gen.init(new KeyGenParameterSpec.Builder(ALIAS,
                    KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
                    .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                    .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                    .setKeySize(256)
                    .build());
            return gen.generateKey();
        };
    }

    public String seal(String token) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.key()); // the provider picks a fresh random IV (the Keystore insists)
            byte[] iv = c.getIV();
            if (iv.length != IV_BYTES) {
                throw new IllegalStateException("AES-GCM gave a " + iv.length + "-byte IV, expected " + IV_BYTES);
            }
            byte[] sealed = c.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.encodeToString(out, Base64.NO_WRAP);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal the device token: " + e.getMessage(), e);
        }
    }

    /** The token, or an IllegalStateException when the key is gone or the stored bytes were changed. */
    public String open(String stored) {
        byte[] all;
        try {
            all = Base64.decode(stored, Base64.NO_WRAP);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the stored device token is not base64", e);
        }
        if (all.length <= IV_BYTES + 16) {
            throw new IllegalStateException("the stored device token is " + all.length + " bytes, too short");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, keys.key(), new GCMParameterSpec(128, all, 0, IV_BYTES));
            byte[] plain = c.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored device token does not open (key gone or data changed): "
                    + e.getMessage(), e);
        }
    }
}
