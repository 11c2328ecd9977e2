/** What the features of media-service share without depending on each other: its meters ({@code tangle_media_*}). */
package dev.tangle.media.support;
