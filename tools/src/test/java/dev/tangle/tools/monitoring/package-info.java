/**
 * The staging monitoring set-up checked without Docker: compose files, Prometheus scrape targets and the
 * PromQL of alerts and dashboards against the meters the services export.
 */
package dev.tangle.tools.monitoring;
