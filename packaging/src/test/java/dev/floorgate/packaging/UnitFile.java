package dev.floorgate.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The [Service] settings of a systemd unit that a test needs to start the service as systemd would without
 * systemd: ExecStart, User, Group, WorkingDirectory and Environment. Read from the unit file the package
 * installed, so a test starts exactly what the unit starts.
 */
record UnitFile(String execStart, String user, String group, String workingDirectory, Map<String, String> environment,
        List<String> supplementaryGroups) {

    static UnitFile parse(String text) {
        Map<String, List<String>> service = new LinkedHashMap<>();
        String section = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if (section.equals("[Service]") && eq > 0) {
                service.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                        .add(line.substring(eq + 1).strip());
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : service.getOrDefault("Environment", List.of())) {
            for (String pair : e.split("\\s+")) {
                int eq = pair.indexOf('=');
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        List<String> groups = new ArrayList<>();
        for (String g : service.getOrDefault("SupplementaryGroups", List.of())) {
            groups.addAll(List.of(g.split("\\s+")));
        }
        return new UnitFile(one(service, "ExecStart"), one(service, "User"), one(service, "Group"),
                service.getOrDefault("WorkingDirectory", List.of("/")).get(0), env, groups);
    }

    private static String one(Map<String, List<String>> service, String key) {
        List<String> v = service.get(key);
        if (v == null || v.size() != 1) {
            throw new IllegalStateException("the unit has " + (v == null ? 0 : v.size()) + " " + key + "= lines");
        }
        return v.get(0);
    }

    /**
     * The shell command that starts the service as systemd would: in its working directory, as its user with the
     * user's groups and the supplementary ones, with an environment of only the unit's Environment= lines.
     */
    String command() {
        StringBuilder env = new StringBuilder();
        environment.forEach((k, v) -> env.append(' ').append(k).append('=').append(v));
        String groups = supplementaryGroups.isEmpty() ? "--init-groups"
                : "--groups=$(id -G " + user + " | tr ' ' ,)," + String.join(",", supplementaryGroups.stream()
                        .map(g -> "$(getent group " + g + " | cut -d: -f3)").toList());
        return "cd " + workingDirectory + " && exec setpriv --reuid=" + user + " --regid=" + group + " " + groups
                + " -- /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8" + env + " " + execStart;
    }
}
