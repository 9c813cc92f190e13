package org.triggerhappy.camel.entries;

/** A fetched document could not be read as a feed; the message is one line naming the reason. */
public final class FeedParseException extends Exception {

    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A reason on one line, cut to a length a log line and a result column can hold. */
    static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
