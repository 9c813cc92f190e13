package org.triggerhappy.camel.testsupport;

/**
 * A news-site page as tests serve it: navigation, a cookie banner, a sidebar, the article, comments and a footer.
 * Only the article's paragraphs belong in a note; {@link #BOILERPLATE} lists words of everything else.
 */
public final class ArticlePage {
    /** Words that appear only outside the article. */
    public static final String[] BOILERPLATE = {"Accept all cookies", "Subscribe to our newsletter", "Trending now",
        "Leave a comment", "Copyright 2026 Example News", "Home | World | Sport"};

    private ArticlePage() {
    }

    /** The page; {@code id} makes each article's sentences its own; {@code imagesHtml} goes after the first paragraph. */
    public static String html(String id, String title, String imagesHtml) {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            body.append("<p>").append(sentence(id, i)).append(' ').append(sentence(id, i + 100)).append("</p>\n");
            if (i == 1 && imagesHtml != null) {
                body.append(imagesHtml).append('\n');
            }
        }
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + " - Example News</title></head>"
                + "<body><header><nav><a href=\"/\">Home | World | Sport</a></nav></header>"
                + "<div class=\"cookie-banner\" id=\"cookie-consent\"><p>We use cookies. Accept all cookies to go on"
                + " reading this site and many other things.</p><button>OK</button></div>"
                + "<div class=\"layout\"><aside class=\"sidebar\"><h3>Trending now</h3><ul><li><a href=\"/t/1\">"
                + "Other story one</a></li><li><a href=\"/t/2\">Other story two</a></li></ul>"
                + "<p>Subscribe to our newsletter for more.</p></aside>"
                + "<main><article><h1>" + title + "</h1>" + body + "</article>"
                + "<section class=\"comments\" id=\"comments\"><h3>Leave a comment</h3><div class=\"comment\">"
                + "<p>First! Great piece, thanks.</p></div></section></main></div>"
                + "<footer><p>Copyright 2026 Example News. All rights reserved.</p></footer></body></html>";
    }

    /** A sentence of the article: distinct per id and index. */
    public static String sentence(String id, int i) {
        return "In article " + id + " the reporter explains point number " + i
                + " with enough words to make a real paragraph that readers will find useful and clear.";
    }
}
