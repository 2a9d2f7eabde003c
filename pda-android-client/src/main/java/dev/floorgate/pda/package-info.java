/**
 * The client library an Android PDA app embeds to talk to the FloorGate gateway (Java 11, Android API 26 safe,
 * checked by animal-sniffer). Filled in by the PDA issue: typed LAN API client, crash-safe local queue,
 * DataWedge/Honeywell scan-intent parsing.
 */
package dev.floorgate.pda;
