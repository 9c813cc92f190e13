package org.triggerhappy.camel.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.triggerhappy.camel.testsupport.ServiceFixture;

/** A fresh fixture with one user whose Evernote account is on the fake, for tests of what one user's feeds give. */
abstract class SingleUserPipeline {
    static final String USER = "solo";
    static final String TOKEN = "tok-" + USER;

    @TempDir
    Path dataDir;
    ServiceFixture f;
    int user;

    @BeforeEach
    void setUpUser() throws Exception {
        f = new ServiceFixture(dataDir, false);
        user = f.addEvernoteUser(USER);
    }

    @AfterEach
    void tearDownFixture() {
        f.close();
    }

    /** Titles of the user's notes, sorted. */
    List<String> titles() {
        return f.noteTitles(TOKEN);
    }
}
