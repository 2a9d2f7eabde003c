package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayIdentityTest {
    @Test
    void theConfiguredIdWinsOverTheHostName() {
        assertThat(GatewayIdentity.of(" gw-sh01 ", () -> Optional.of("Mini-PC")).id()).isEqualTo("gw-sh01");
    }

    @Test
    void withoutAConfiguredIdTheHostNameIsUsedAsReported() {
        assertThat(GatewayIdentity.of(null, () -> Optional.of("Mini-PC")).id()).isEqualTo("Mini-PC");
        assertThat(GatewayIdentity.of("  ", () -> Optional.of("Mini-PC")).id()).isEqualTo("Mini-PC");
    }

    @Test
    void withoutEitherTheOneFallbackIsUsed() {
        assertThat(GatewayIdentity.of("", Optional::empty).id()).isEqualTo(GatewayIdentity.FALLBACK)
                .isEqualTo("floorgate-gateway");
        assertThat(GatewayIdentity.of(null, () -> Optional.of(" ")).id()).isEqualTo("floorgate-gateway");
    }
}
