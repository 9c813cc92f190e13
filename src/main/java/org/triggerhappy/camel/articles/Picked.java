package org.triggerhappy.camel.articles;

import org.jsoup.nodes.Element;

/** What a strategy found: the article's element (detached or in the page) and the title it saw. */
record Picked(Element content, String title) {
}
