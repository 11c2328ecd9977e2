/** Location frames forwarded to geo-service, batched per instance (docs/adr/0145). */
package dev.tangle.socket.location;
