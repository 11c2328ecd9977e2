/**
 * The admin API for operators (role {@code operator}, bootstrapped from {@code tangle.admin.operators}): bans,
 * session kills, content deletion, reports, the audit log and system figures. Non-operators get 404 for all of it.
 */
package dev.tangle.api.admin;
