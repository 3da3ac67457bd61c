package dev.voicemail.scenarios;

/** The outcome of one case; {@code failure} says what was expected and what came back. */
public record ScenarioResult(String file, String name, boolean passed, String failure) {

    public String title() {
        return file + " › " + name;
    }
}
