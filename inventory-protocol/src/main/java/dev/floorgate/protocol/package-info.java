/**
 * The shared language of FloorGate: {@link dev.floorgate.protocol.Operation}, its
 * {@link dev.floorgate.protocol.OperationResult}, their canonical JSON ({@link dev.floorgate.protocol.OperationJson}),
 * validation ({@link dev.floorgate.protocol.OperationValidator}), ids ({@link dev.floorgate.protocol.OperationIds})
 * and request signing ({@link dev.floorgate.protocol.RequestSigner}, {@link dev.floorgate.protocol.SignatureVerifier}).
 * Java 11, no framework, Android API 26 safe (checked by animal-sniffer in the build).
 */
package dev.floorgate.protocol;
