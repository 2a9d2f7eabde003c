/**
 * The client library an Android PDA app embeds to talk to the FloorGate gateway (Java 11, Android API 26 safe,
 * checked by animal-sniffer; OkHttp, no framework).
 *
 * <ul>
 *   <li>{@link dev.floorgate.pda.GatewayClient}: the gateway LAN API as typed calls (enroll, badge login,
 *       operations, status, scans, tasks, the event stream).</li>
 *   <li>{@link dev.floorgate.pda.OperationQueue} over a {@link dev.floorgate.pda.QueueStorage}
 *       ({@link dev.floorgate.pda.FileQueueStorage}, or the app's Room table): durable before enqueue returns,
 *       resent with the same opIds until the gateway answers, results and rejections to a
 *       {@link dev.floorgate.pda.QueueListener}.</li>
 *   <li>{@link dev.floorgate.pda.ScanIntents}: Zebra DataWedge and Honeywell scan intents (their extras as a
 *       map) into {@link dev.floorgate.pda.ScanData}.</li>
 * </ul>
 * The virtual-PDA load tool built on this library ({@code dev.floorgate.pda.tools.VirtualPdas}) lives in the
 * {@code bench} module, so it does not ship inside the library.
 */
package dev.floorgate.pda;
