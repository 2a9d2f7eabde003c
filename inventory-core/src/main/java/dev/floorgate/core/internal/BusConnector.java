package dev.floorgate.core.internal;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.floorgate.core.BusConfiguration;
import dev.floorgate.core.CoreConfigurationException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Opens AMQP connections to the configured broker (RabbitMQ Java client). Automatic recovery is off: the
 * publisher and the order consumer each reconnect in their own loop, which also covers a broker that is down
 * when the core starts (the client's recovery only resumes connections that once succeeded).
 */
final class BusConnector {
    private final ConnectionFactory factory = new ConnectionFactory();
    private final BusConfiguration config;

    BusConnector(BusConfiguration config) {
        this.config = config;
        try {
            factory.setUri(config.getUri());
        } catch (Exception e) {
            // The URI carries a password: name the setting, not the value.
            throw new CoreConfigurationException(BusConfiguration.PREFIX + ".uri is not an amqp:// URI ("
                    + e.getClass().getSimpleName() + ")");
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5000);
        factory.setRequestedHeartbeat(10);
    }

    BusConfiguration config() {
        return config;
    }

    Connection open(String name) throws IOException {
        try {
            return factory.newConnection(name);
        } catch (TimeoutException e) {
            throw new IOException("connecting to RabbitMQ at " + factory.getHost() + ":" + factory.getPort()
                    + " timed out", e);
        }
    }

    String where() {
        return factory.getHost() + ":" + factory.getPort() + factory.getVirtualHost();
    }
}
