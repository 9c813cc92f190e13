package org.triggerhappy.camel.cli;

import picocli.CommandLine.Command;

@Command(name = "enex", mixinStandardHelpOptions = true,
        description = "Evernote export files (ENEX) of the entries waiting to become notes.",
        subcommands = EnexExportCommand.class)
final class EnexCommand {
}
