/**
 * The bench's HTTP/1.1 client: one keep-alive connection per virtual thread
 * ({@link dev.tangle.tools.bench.http.Http1Connection}), so load generation costs a small fraction of what the JDK's
 * client does and the measured rate is the server's. Depends on nothing else of the tools.
 */
package dev.tangle.tools.bench.http;
