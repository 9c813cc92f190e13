package org.triggerhappy.camel.cli;

import java.util.List;
import java.util.regex.Pattern;
import org.triggerhappy.camel.persistence.Database;
import org.triggerhappy.camel.persistence.UserRepository.UserSummary;
import org.triggerhappy.camel.persistence.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Adds and lists django-th users (auth_user), for people without django-th's web interface.")
final class UsersCommand {
    /** Django's username rule (UnicodeUsernameValidator, max_length 150). */
    private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]{1,150}", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int EMAIL_MAX = 254;

    private final CliContext ctx;

    UsersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Creates an active django-th user. It has no password: it cannot log in to django-th's web"
                    + " interface until one is set there (python manage.py changepassword NAME).",
                    "Fails when the name is taken."})
    int add(@Option(names = "--username", required = true, paramLabel = "NAME",
                    description = "Letters, digits and @ . + - _ (at most 150), as Django allows.") String username,
            @Option(names = "--email", paramLabel = "E", defaultValue = "",
                    description = "E-mail address (optional).") String email) {
        if (!USERNAME.matcher(username).matches()) {
            throw new UserError("--username '" + username + "' is not a Django username: 1 to 150 letters, digits"
                    + " and @ . + - _");
        }
        String mail = email.trim();
        if (!mail.isEmpty() && (mail.length() > EMAIL_MAX || !EMAIL.matcher(mail).matches())) {
            throw new UserError("--email '" + mail + "' is not an e-mail address (name@domain, at most 254 characters)");
        }
        try (Database db = ctx.database()) {
            UserRepository users = new UserRepository(db.dataSource());
            if (users.userId(username).isPresent()) {
                throw new UserError("a user named '" + username + "' exists already");
            }
            int id = users.addUser(username, mail);
            ctx.out().println("user " + username + " added (id " + id + ")");
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every user: id, name, e-mail, active, triggers, whether an Evernote token is stored.")
    int list() {
        List<UserSummary> users;
        try (Database db = ctx.database()) {
            users = new UserRepository(db.dataSource()).users();
        }
        if (users.isEmpty()) {
            ctx.out().println("no users (add one with: users add --username NAME)");
            return 0;
        }
        TextTable table = new TextTable("ID", "USERNAME", "EMAIL", "ACTIVE", "TRIGGERS", "EVERNOTE TOKEN");
        for (UserSummary u : users) {
            table.row(Integer.toString(u.id()), u.username(), TextTable.clip(u.email(), 60), u.active() ? "yes" : "no",
                    Integer.toString(u.triggers()), u.hasEvernoteToken() ? "stored" : "none");
        }
        table.print(ctx.out());
        return 0;
    }
}
