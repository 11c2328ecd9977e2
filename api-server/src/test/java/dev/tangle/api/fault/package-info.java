/**
 * api-server under faults and hostile input: PostgreSQL away or crashed (503 with Retry-After, nothing
 * acknowledged before commit), malformed HTTP and text, and a scan of every route for problem+json answers.
 */
package dev.tangle.api.fault;
