/**
 * Canvas rooms across instances over tangle.rt.canvas.* (ADR 0044).
 */
package dev.tangle.socket.canvas;
