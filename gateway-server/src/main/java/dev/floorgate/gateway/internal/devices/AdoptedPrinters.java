package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.internal.GatewayDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Printers site IT adopted from discovery on its page, kept in gateway.db so they come back after a restart:
 * {@code adopted_printers(name PK, url, description, adopted_at, adopted_by)}. Printers in the configuration
 * ({@code fg.printers.*}) win over an adopted one of the same name.
 */
public final class AdoptedPrinters {
    private final GatewayDatabase db;

    public AdoptedPrinters(GatewayDatabase db) {
        this.db = db;
    }

    /** Every adopted printer as a configuration, by name. */
    List<PrinterConfiguration> all() {
        try {
            return db.read(c -> {
                List<PrinterConfiguration> out = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT name, url, description FROM adopted_printers ORDER BY name")) {
                    while (rs.next()) {
                        PrinterConfiguration p = new PrinterConfiguration(rs.getString(1));
                        p.setUrl(rs.getString(2));
                        p.setDescription(rs.getString(3));
                        out.add(p);
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read adopted_printers in " + db.file(), e);
        }
    }

    /** Records an adoption; committed when this returns. */
    void save(PrinterConfiguration printer, String by) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO adopted_printers (name, url, description, "
                    + "adopted_at, adopted_by) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, printer.getName());
                ps.setString(2, printer.getUrl());
                ps.setString(3, printer.getDescription());
                ps.setString(4, Instant.now().toString());
                ps.setString(5, by);
                return ps.executeUpdate();
            }
        });
    }
}
