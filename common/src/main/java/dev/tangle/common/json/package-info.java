/**
 * The one Jackson mapper ({@code Json}), request bodies with validating accessors ({@code JsonBody}, {@code HttpJson}) and UTF-8 limits.
 */
package dev.tangle.common.json;
