package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayLifecycleTest {
    private final List<String> log = new ArrayList<>();

    private GatewayLifecycle.Action record(String what) {
        return () -> log.add(what);
    }

    @Test
    void partsStartInOrderAndCloseInReverse() {
        GatewayLifecycle lifecycle = new GatewayLifecycle()
                .then("engine", record("start engine"), record("stop engine"))
                .then("printers", record("start printers"), record("stop printers"))
                .then("stations", record("start stations"), record("stop stations"))
                .start();
        assertThat(lifecycle.names()).containsExactly("engine", "printers", "stations");
        lifecycle.close();
        assertThat(log).containsExactly("start engine", "start printers", "start stations", "stop stations",
                "stop printers", "stop engine");
        lifecycle.close();
        assertThat(log).hasSize(6); // closed once
    }

    @Test
    void aFailedStartClosesThePartsStartedBeforeItAndNamesThePart() {
        GatewayLifecycle lifecycle = new GatewayLifecycle()
                .then("engine", record("start engine"), record("stop engine"))
                .then("printers", () -> {
                    throw new IOException("port 9100 refused");
                }, record("stop printers"))
                .then("stations", record("start stations"), record("stop stations"));
        assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("printers").hasMessageContaining("port 9100 refused")
                .hasCauseInstanceOf(IOException.class);
        assertThat(log).containsExactly("start engine", "stop engine");
    }

    @Test
    void aPartThatFailsToCloseDoesNotKeepTheOthersOpen() {
        GatewayLifecycle lifecycle = new GatewayLifecycle()
                .then("engine", record("start engine"), record("stop engine"))
                .then("printers", record("start printers"), () -> {
                    throw new IllegalStateException("driver stuck");
                })
                .start();
        lifecycle.close();
        assertThat(log).containsExactly("start engine", "start printers", "stop engine");
    }

    @Test
    void startingTwiceOrAddingAfterTheStartIsMisuse() {
        GatewayLifecycle lifecycle = new GatewayLifecycle().then("engine", record("a"), record("b")).start();
        assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> lifecycle.then("late", record("c"), record("d")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("late");
    }
}
