package dev.tumbler.ingest.extract;

import java.io.Serializable;

/**
 * The readable content of an HTML page: its title (null when the page has none) and its main text,
 * one block (heading, paragraph, list item, table cell, line of preformatted text) per line.
 */
public record Extracted(String title, String text) implements Serializable {
}
