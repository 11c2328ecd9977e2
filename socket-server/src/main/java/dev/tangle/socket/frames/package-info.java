/**
 * The frame contract of docs/websocket.md: parsing and validating client frames, building server frames.
 */
package dev.tangle.socket.frames;
