package dev.floorgate.gateway.internal.packing;

import java.time.Duration;

/**
 * The packing station's settings: how long a weight request waits for the scale to settle
 * ({@code fg.packing.scale-wait}, 3 s) and the ship-from lines of the shipping label ({@code fg.packing.from-name},
 * {@code from-street}, {@code from-city}; the label's template requires them).
 */
public record PackingSettings(Duration scaleWait, String fromName, String fromStreet, String fromCity) {
    public PackingSettings {
        if (scaleWait.isNegative() || scaleWait.isZero() || scaleWait.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new dev.floorgate.gateway.GatewayConfigurationException("fg.packing.scale-wait: more than 0 and at "
                    + "most 30s (a packer waits for it), got " + scaleWait);
        }
    }
}
