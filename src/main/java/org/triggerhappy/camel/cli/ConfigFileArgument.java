package org.triggerhappy.camel.cli;

import java.util.ArrayList;
import java.util.List;
import org.triggerhappy.camel.config.ConfigSource;

/**
 * {@code --config FILE} anywhere on the command line (before or after the command): taken out of the arguments
 * and passed on as the {@code th.config.file} property, so every command reads the file like TH_CONFIG_FILE, before
 * the first setting is loaded.
 */
final class ConfigFileArgument {
    static final String OPTION = "--config";

    private ConfigFileArgument() {
    }

    /** The arguments without --config FILE; the file (when given) becomes the th.config.file system property. */
    static String[] apply(String[] args) {
        List<String> rest = new ArrayList<>(args.length);
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                rest.addAll(List.of(args).subList(i, args.length));
                break;
            }
            if (a.equals(OPTION)) {
                if (i + 1 >= args.length) {
                    throw new UserError(OPTION + " needs a file name: --config /etc/triggerhappy/triggerhappy.properties");
                }
                file = args[++i];
            } else if (a.startsWith(OPTION + "=")) {
                file = a.substring(OPTION.length() + 1);
            } else {
                rest.add(a);
            }
        }
        if (file != null) {
            System.setProperty(ConfigSource.CONFIG_FILE_KEY, file);
        }
        return rest.toArray(String[]::new);
    }
}
