/** Text rules shared by every feature that takes user text: {@link dev.tangle.common.text.Emoji}. */
package dev.tangle.common.text;
