package org.triggerhappy.camel.fetch;

import java.net.URI;

/** Tracks the leading run of 301/308 hops (FreshRSS permanent_url): only that target is worth persisting. */
final class PermanentRedirects {
    private boolean runActive = true;
    private URI last;

    void hop(int status, URI target) {
        if (runActive && (status == 301 || status == 308)) {
            last = target;
        } else {
            runActive = false;
        }
    }

    String url() {
        return last == null ? null : last.toString();
    }
}
