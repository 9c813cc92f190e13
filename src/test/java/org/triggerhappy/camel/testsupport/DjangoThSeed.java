package org.triggerhappy.camel.testsupport;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.triggerhappy.camel.persistence.TriggerRepository;
import org.triggerhappy.camel.persistence.TriggerSettingsRepository;
import org.triggerhappy.camel.persistence.UserRepository;
import org.triggerhappy.camel.persistence.UserServiceRepository;

/** What tests put into django-th's tables, through the service's own repositories. */
public final class DjangoThSeed {
    private final UserRepository users;
    private final UserServiceRepository services;
    private final TriggerRepository triggers;

    public DjangoThSeed(DataSource ds) {
        this.users = new UserRepository(ds);
        this.services = new UserServiceRepository(ds);
        this.triggers = new TriggerRepository(ds);
    }

    public void ensureServices() {
        services.ensureServices();
    }

    public Optional<Integer> userId(String username) {
        return users.userId(username);
    }

    public int addUser(String username, String email) {
        return users.addUser(username, email);
    }

    public void setEvernoteToken(int userId, String token) {
        services.setEvernoteToken(userId, token);
    }

    public int addTrigger(int userId, String description, String url, String notebook, String tags, LocalDate created) {
        return triggers.add(userId, description, url, notebook, tags, created);
    }

    public int addTrigger(int userId, String description, String url, String notebook, String tags, LocalDate created,
                          Duration pollInterval) {
        return triggers.add(userId, description, url, notebook, tags, created, pollInterval);
    }

    public int addTrigger(int userId, String description, String url, String notebook, String tags, LocalDate created,
                          Map<TriggerSettingsRepository.Column, Object> own) {
        return triggers.add(userId, description, url, notebook, tags, created, own);
    }

    public void setTriggerStatus(int triggerId, boolean on) {
        triggers.setStatus(triggerId, on);
    }
}
