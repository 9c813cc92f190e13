package org.triggerhappy.camel.entries;

/** A fetched document could not be read as a feed; the message is one line naming the reason. */
public final class FeedParseException extends Exception {

    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
