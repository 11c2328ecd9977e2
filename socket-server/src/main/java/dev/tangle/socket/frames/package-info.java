/**
 * The frame contract of docs/websocket.md on the wire: {@link dev.tangle.socket.frames.RawFrame} checks a client
 * frame's shape and turns it into the contract's sealed {@link dev.tangle.common.contract.ws.ClientFrame};
 * {@link dev.tangle.socket.frames.Frames} serializes the contract's {@link dev.tangle.common.contract.ws.ServerFrame}s.
 */
package dev.tangle.socket.frames;
