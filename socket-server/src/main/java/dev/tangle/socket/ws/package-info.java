/**
 * The WebSocket transport under the session layer (ADRs 0065, 0120): our own RFC 6455 connection in place of
 * Helidon's (4.5.0 still decodes every text frame on its own and so garbles a character split across
 * continuation frames). It reassembles fragmented messages as bytes, hands the listener only whole messages, decodes text
 * strictly (invalid UTF-8 closes with 1007) and enforces the message size limit across fragments (1009).
 */
package dev.tangle.socket.ws;
