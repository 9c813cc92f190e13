package org.triggerhappy.camel.articles;

/**
 * An extracted article.
 *
 * @param title the page's title as the extractor saw it (may be empty)
 * @param html a clean HTML fragment (no html/head/body, script or style), every image with an absolute
 *     http(s) src and every link absolute
 * @param textLength characters of the fragment's text, whitespace normalised
 */
public record Article(String title, String html, int textLength) {
}
