package dev.voicemail.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.voicemail.auth.Caller;
import dev.voicemail.auth.Roles;

/**
 * Who is signed in, and the pages their key's roles open: the same roles as the API calls behind each
 * page, so a page the key may not use is not offered (and its address answers 403).
 */
public record ConsoleView(String keyId, String agency, Set<String> roles, List<NavItem> nav) {

    public record NavItem(String id, String label, String path) {
    }

    static ConsoleView of(Caller caller) {
        List<NavItem> nav = new ArrayList<>();
        Set<String> roles = caller.roles();
        if (roles.contains(Roles.ADMIN)) {
            nav.add(new NavItem("clients", "Clients", ConsolePaths.CLIENTS));
        }
        if (roles.contains(Roles.CRM)) {
            nav.add(new NavItem("simulator", "Simulator", ConsolePaths.SIMULATOR));
        }
        if (roles.contains(Roles.ADMIN) || roles.contains(Roles.AUTHOR)) {
            nav.add(new NavItem("rules", "Rules", ConsolePaths.RULES));
        }
        if (roles.contains(Roles.CRM) || roles.contains(Roles.ADMIN)) {
            nav.add(new NavItem("decisions", "Decisions", ConsolePaths.DECISIONS));
        }
        if (roles.contains(Roles.ADMIN)) {
            nav.add(new NavItem("experiments", "Experiments", ConsolePaths.EXPERIMENTS));
        }
        return new ConsoleView(caller.keyId(), caller.agency(), Set.copyOf(roles), List.copyOf(nav));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
