package dev.floorgate.gateway.internal;

import dev.floorgate.sqlite.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema of gateway.db, numbered in {@code PRAGMA user_version} (the sqlite-store kit's {@link Schema}).
 *
 * <p><b>Version 1</b> is every table and index as the gateway made them before gateway.db had a version: the
 * statements below, word for word ({@code sqlite_master} keeps each statement's text, so a new file and an old one
 * are the same file). A new file runs step 1. An old file ({@code user_version} 0 with its tables) is recognised by
 * the baseline and stamped version 1 without touching a row; one that lacks any of {@link #TABLES} is refused
 * naming the missing tables. A file with a version above {@link #SCHEMA}'s latest was written by a newer gateway
 * and is refused untouched. A change to a table is a new step 2, never an edit of step 1.
 *
 * <p><b>Version 2</b> (issue 22) parts the audit trail: admin actions go to {@code admin_actions}, failed sign-ins
 * to their own bounded {@code sign_in_failures}, so no number of failed sign-ins can prune an admin action; the rows
 * of {@code admin_audit} move by kind (a sign-in answered other than 200 is a failure, the rest are actions, ids
 * kept) and the old table is dropped. Enrollment codes gain the device id they are issued for, and are stored as
 * an HMAC from now on: the unused codes of version 1 (unsalted SHA-256, valid minutes at most) are deleted, so
 * they expire; used ones stay as history.
 *
 * <p><b>Version 3</b> (issue 19) closes the printing loop: a print job keeps what it needs to be confirmed by the
 * printer's label counter: the labels its current send prints, the counter value before its first label and the
 * printer's serial number, the labels earlier sends proved printed (a batch cut short is sent again for the rest
 * only) and when it was sent. Columns only, added empty: every row of version 2 stays as it was, and its jobs
 * behave as before (no counter value: not closed-loop).
 */
public final class GatewaySchema {
    /** The tables of version 1: an unversioned file must have all of them to be adopted. */
    static final String[] TABLES = {"enrollment_codes", "devices", "operator_sessions", "admin_users",
        "admin_sessions", "admin_audit", "rejected_ops", "adopted_printers", "print_jobs", "print_job_actions"};

    /** Version 1's DDL, grouped by the store that owns the tables; released, so never edited. */
    static final List<String> STATEMENTS = List.of(
            // access.DeviceRegistry: enrollment codes and enrolled devices with their token hashes
            "CREATE TABLE IF NOT EXISTS enrollment_codes (code_hash TEXT PRIMARY KEY, "
                    + "tenant TEXT NOT NULL, warehouse TEXT NOT NULL, created_at TEXT NOT NULL, "
                    + "expires_at TEXT NOT NULL, used_at TEXT, used_by TEXT)",
            "CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, tenant TEXT NOT NULL, "
                    + "warehouse TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, "
                    + "enrolled_at TEXT NOT NULL, revoked_at TEXT, last_seen TEXT)",
            // access.OperatorSessions: who is signed in on which PDA
            "CREATE TABLE IF NOT EXISTS operator_sessions (device_id TEXT PRIMARY KEY, "
                    + "operator TEXT NOT NULL, started_at TEXT NOT NULL)",
            // web.AdminSessions: site IT's page accounts and sessions
            "CREATE TABLE IF NOT EXISTS admin_users (username TEXT PRIMARY KEY, password_hash TEXT "
                    + "NOT NULL, salt TEXT NOT NULL, iterations INTEGER NOT NULL, must_change INTEGER NOT NULL, "
                    + "changed_at TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0, locked_until TEXT)",
            "CREATE TABLE IF NOT EXISTS admin_sessions (token_hash TEXT PRIMARY KEY, username TEXT "
                    + "NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
            // web.AuditLog: admin actions
            "CREATE TABLE IF NOT EXISTS admin_audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT "
                    + "NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT, detail TEXT, "
                    + "status INTEGER NOT NULL)",
            // web.RejectionLog: operations the core rejected, until a person acknowledges them
            "CREATE TABLE IF NOT EXISTS rejected_ops (op_id TEXT PRIMARY KEY, tenant TEXT NOT NULL, "
                    + "device_id TEXT, type TEXT, sku TEXT, qty INTEGER, location TEXT, order_no TEXT, code TEXT, "
                    + "message TEXT, rejected_at TEXT NOT NULL, acknowledged_at TEXT, acknowledged_by TEXT)",
            "CREATE INDEX IF NOT EXISTS rejected_ops_open ON rejected_ops (tenant, device_id) "
                    + "WHERE acknowledged_at IS NULL",
            // devices.AdoptedPrinters: printers adopted on site IT's page
            "CREATE TABLE IF NOT EXISTS adopted_printers (name TEXT PRIMARY KEY, url TEXT NOT NULL, "
                    + "description TEXT NOT NULL, adopted_at TEXT NOT NULL, adopted_by TEXT NOT NULL)",
            // print.PrintJobStore: the print spool and the person actions on its jobs
            "CREATE TABLE IF NOT EXISTS print_jobs (job_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, "
                    + "tenant TEXT NOT NULL, printer TEXT NOT NULL, station TEXT, template TEXT, "
                    + "data_json TEXT NOT NULL, zpl TEXT NOT NULL, copies INTEGER NOT NULL, "
                    + "request_hash TEXT NOT NULL, state TEXT NOT NULL, fault TEXT, fault_detail TEXT, "
                    + "attempts INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
                    + "printed_at TEXT, created_by TEXT NOT NULL, resolution TEXT, resolved_by TEXT, "
                    + "resolved_at TEXT, resolution_reason TEXT)",
            "CREATE UNIQUE INDEX IF NOT EXISTS print_jobs_seq ON print_jobs(seq)",
            "CREATE INDEX IF NOT EXISTS print_jobs_queue ON print_jobs(printer, seq) "
                    + "WHERE state IN ('QUEUED', 'HELD')",
            "CREATE INDEX IF NOT EXISTS print_jobs_state ON print_jobs(state, updated_at)",
            "CREATE INDEX IF NOT EXISTS print_jobs_tenant ON print_jobs(tenant, seq)",
            "CREATE TABLE IF NOT EXISTS print_job_actions (id INTEGER PRIMARY KEY, "
                    + "job_id TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL, "
                    + "reason TEXT NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS print_job_actions_job ON print_job_actions(job_id)");

    /** Version 2's statements (issue 22), run in this order inside the migration's transaction. */
    static final List<String> STATEMENTS_V2 = List.of(
            // web.AuditLog: admin actions, pruned only by admin actions
            "CREATE TABLE IF NOT EXISTS admin_actions (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT "
                    + "NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT, detail TEXT, "
                    + "status INTEGER NOT NULL)",
            // web.AuditLog: failed sign-ins, bounded on their own; the typed name is data, never an actor
            "CREATE TABLE IF NOT EXISTS sign_in_failures (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT "
                    + "NOT NULL, source TEXT NOT NULL, username TEXT, reason TEXT NOT NULL, status INTEGER NOT NULL)",
            "INSERT INTO admin_actions (id, at, actor, action, target, detail, status) SELECT id, at, actor, action, "
                    + "target, detail, status FROM admin_audit WHERE NOT (action = 'sign-in' AND status <> 200) "
                    + "ORDER BY id",
            "INSERT INTO sign_in_failures (at, source, username, reason, status) SELECT at, 'before version 2', "
                    + "actor, COALESCE(detail, ''), status FROM admin_audit WHERE action = 'sign-in' "
                    + "AND status <> 200 ORDER BY id",
            "DROP TABLE admin_audit",
            // access.DeviceRegistry: a code may be issued for one device id (re-enrollment); HMAC from now on
            "ALTER TABLE enrollment_codes ADD COLUMN device_id TEXT",
            "DELETE FROM enrollment_codes WHERE used_at IS NULL");

    /** Version 3's statements (issue 19): print confirmation by the printer's label counter. */
    static final List<String> STATEMENTS_V3 = List.of(
            // print.PrintJobStore: what the counter must reach for the job to be PRINTED
            "ALTER TABLE print_jobs ADD COLUMN labels INTEGER",
            "ALTER TABLE print_jobs ADD COLUMN counter_start INTEGER",
            "ALTER TABLE print_jobs ADD COLUMN counter_serial TEXT",
            "ALTER TABLE print_jobs ADD COLUMN labels_confirmed INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE print_jobs ADD COLUMN sent_at TEXT",
            "CREATE INDEX IF NOT EXISTS print_jobs_in_flight ON print_jobs(printer, seq) "
                    + "WHERE state IN ('PRINTING', 'SENT')");

    /** gateway.db's numbered steps, with the baseline that adopts files made before the version existed. */
    static final Schema SCHEMA = Schema.builder("gateway.db")
            .step(1, "devices, sessions, admin accounts and audit, rejections, adopted printers, print spool",
                    GatewaySchema::createVersion1)
            .step(2, "admin actions apart from failed sign-ins; enrollment codes for a device id, as an HMAC",
                    GatewaySchema::migrateToVersion2)
            .step(3, "print jobs confirmed by the printer's label counter", GatewaySchema::migrateToVersion3)
            .baseline(1, TABLES)
            .build();

    private GatewaySchema() {
    }

    /** The statements of version 1, in the order they are applied. */
    public static List<String> statements() {
        return STATEMENTS;
    }

    /** The statements of version 2, in the order they are applied. */
    public static List<String> statementsOfVersion2() {
        return STATEMENTS_V2;
    }

    /** The statements of version 3, in the order they are applied. */
    public static List<String> statementsOfVersion3() {
        return STATEMENTS_V3;
    }

    /** Step 3: every statement of version 3, inside the migration's transaction. */
    private static void migrateToVersion3(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : STATEMENTS_V3) {
                s.execute(ddl);
            }
        }
    }

    /** Step 2: every statement of version 2, inside the migration's transaction. */
    private static void migrateToVersion2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : STATEMENTS_V2) {
                s.execute(ddl);
            }
        }
    }

    /** Step 1: every statement, inside the migration's transaction. */
    private static void createVersion1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : STATEMENTS) {
                s.execute(ddl);
            }
        }
    }
}
