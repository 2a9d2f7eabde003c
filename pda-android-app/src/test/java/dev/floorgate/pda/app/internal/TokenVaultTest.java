package dev.floorgate.pda.app.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.util.Base64;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;

/** The sealed token: not readable without the key, not openable after a changed byte or with another key. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
public class TokenVaultTest {
    private static SecretKey aes() throws Exception {
        KeyGenerator g = KeyGenerator.getInstance("AES");
        g.init(256);
        return g.generateKey();
    }

    @Test
    public void aSealedTokenOpensWithItsKeyOnlyAndEachSealIsDifferent() throws Exception {
        SecretKey key = aes();
        TokenVault vault = new TokenVault(() -> key);
        String token = "dev-token-0123456789abcdef";
        String a = vault.seal(token);
        String b = vault.seal(token);
        assertThat(a).isNotEqualTo(b).as("a fresh IV each time").doesNotContain(token);
        assertThat(vault.open(a)).isEqualTo(token);
        assertThat(vault.open(b)).isEqualTo(token);
        SecretKey other = aes();
        assertThatThrownBy(() -> new TokenVault(() -> other).open(a)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    public void aChangedByteOrAShortValueIsRefused() throws Exception {
        SecretKey key = aes();
        TokenVault vault = new TokenVault(() -> key);
        byte[] sealed = Base64.decode(vault.seal("dev-token-0123456789abcdef"), Base64.NO_WRAP);
        for (int i = 0; i < sealed.length; i += 7) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            String tampered = Base64.encodeToString(changed, Base64.NO_WRAP);
            assertThatThrownBy(() -> vault.open(tampered)).as("byte " + i).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> vault.open(Base64.encodeToString(new byte[20], Base64.NO_WRAP)))
                .hasMessageContaining("too short");
    }
}
