package dev.voicemail.console;

/** The console's page addresses; a page takes its subject as a query parameter (?id=). */
public final class ConsolePaths {

    public static final String HOME = "/console";
    public static final String SIGN_IN = "/console/sign-in";
    public static final String SIGN_OUT = "/console/sign-out";
    public static final String CLIENTS = "/console/clients";
    public static final String CLIENT_EDIT = "/console/clients/edit";
    public static final String SIMULATOR = "/console/simulator";
    public static final String RULES = "/console/rules";
    public static final String DECISIONS = "/console/decisions";
    public static final String DECISION = "/console/decisions/detail";
    public static final String EXPERIMENTS = "/console/experiments";
    public static final String EXPERIMENT = "/console/experiments/detail";

    private ConsolePaths() {
    }
}
