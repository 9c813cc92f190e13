package org.triggerhappy.camel.cli;

import java.lang.management.ManagementFactory;

/**
 * Stands in for the jar's main class in {@link LauncherScriptTest}: prints its arguments and the JVM's options, then
 * exits with the number after an argument {@code exit} (else 0).
 */
public final class LauncherProbe {
    public static void main(String[] args) {
        System.out.println("args=" + String.join(" ", args));
        System.out.println("jvm=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        int code = 0;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("exit")) {
                code = Integer.parseInt(args[i + 1]);
            }
        }
        System.exit(code);
    }
}
