package org.triggerhappy.camel.articles;

import org.jsoup.nodes.Element;

/**
 * What a strategy found: the article's element (detached or in the page), the title it saw, and whether the
 * result needs the article trim (a selector's pick is taken as the user gave it).
 */
record Picked(Element content, String title, boolean trim) {
}
