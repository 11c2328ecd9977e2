/** Users' reports of content and users, queued for operators ({@code POST /v1/reports}, admin API). */
package dev.tangle.api.reports;
