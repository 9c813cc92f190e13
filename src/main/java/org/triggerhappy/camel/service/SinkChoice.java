package org.triggerhappy.camel.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.triggerhappy.camel.config.Settings;
import org.triggerhappy.camel.evernote.EvernoteClients;
import org.triggerhappy.camel.evernote.EvernoteGateway;
import org.triggerhappy.camel.notes.EnexWriter;
import org.triggerhappy.camel.pipeline.EnexSink;
import org.triggerhappy.camel.pipeline.EvernoteSink;
import org.triggerhappy.camel.pipeline.NoteSink;

/** Where notes go (TH_SINK): Evernote, or ENEX files in TH_ENEX_DIR. */
final class SinkChoice {
    private static final Logger LOG = LoggerFactory.getLogger(SinkChoice.class);

    private SinkChoice() {
    }

    static NoteSink of(Settings s) {
        if (s.sink() == Settings.Sink.ENEX) {
            LOG.info("notes go to ENEX files in {}", s.enexDir());
            return new EnexSink(new EnexWriter(s.enexDir()));
        }
        return new EvernoteSink(new EvernoteGateway(new EvernoteClients(s.evernoteUrl(), s.evernoteConnectTimeout(),
                s.evernoteReadTimeout())));
    }
}
