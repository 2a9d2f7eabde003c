package dev.floorgate.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScaleOptionsTest {

    @Test
    void defaultsAreBounded() {
        ScaleOptions d = ScaleOptions.defaults();
        assertThat(d.protocol()).isEqualTo(ScaleOptions.Protocol.SICS);
        assertThat(d.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.answerTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.stableWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.maxFrameLength()).isEqualTo(128);
        assertThat(d.reconnectBackoffMin()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.reconnectBackoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.eventQueueCapacity()).isEqualTo(1000);
    }

    @Test
    void urlOptionsAreRead() {
        ScaleOptions o = ScaleOptions.fromUrl(DeviceUrl.parse("tcp://10.0.0.5:4001?protocol=continuous&pollInterval=0"
                + "&answerTimeout=250ms&stableWait=3s&maxFrame=64&reconnectMin=50ms&reconnectMax=1s"));
        assertThat(o.protocol()).isEqualTo(ScaleOptions.Protocol.CONTINUOUS);
        assertThat(o.pollInterval()).isZero();
        assertThat(o.answerTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.stableWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.maxFrameLength()).isEqualTo(64);
        assertThat(o.reconnectBackoffMin()).isEqualTo(Duration.ofMillis(50));

        ScaleOptions serial = ScaleOptions.fromUrl(DeviceUrl.parse("serial:///dev/ttyUSB1?baud=9600&parity=even&protocol=SICS"));
        assertThat(serial.protocol()).isEqualTo(ScaleOptions.Protocol.SICS);
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> ScaleOptions.fromUrl(DeviceUrl.parse("tcp://h:1?protocol=modbus")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modbus").hasMessageContaining("sics");
        assertThatThrownBy(() -> ScaleOptions.fromUrl(DeviceUrl.parse("tcp://h:1?suffix=CR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option 'suffix'");
        assertThatThrownBy(() -> ScaleOptions.fromUrl(DeviceUrl.parse("tcp://h:1?maxFrame=1000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrame");
        assertThatThrownBy(() -> ScaleOptions.builder().answerTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("answerTimeout");
    }

    @Test
    void scaleIsNotOpenedOnTcpListen() {
        assertThatThrownBy(() -> ScaleDriver.open("pack-1", DeviceUrl.parse("tcp-listen://127.0.0.1:0"), null,
                r -> { }, DeviceEventListener.ignore()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp-listen");
    }
}
