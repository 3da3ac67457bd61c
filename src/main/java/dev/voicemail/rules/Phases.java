package dev.voicemail.rules;

import java.util.List;
import java.util.Set;

/**
 * The phases a decision goes through, in order. Each is a Drools agenda group named in the rules
 * ({@code agenda-group "policy"}), run to its end before the next. The deciding rules also share the
 * activation group {@link #DECISION}: within a phase, the first of them to fire decides and cancels
 * the others; once one has decided, the remaining deciding phases are skipped.
 */
public final class Phases {

    /** Common guards: the prospect's wish, a dead number, the clock, one voicemail a day. */
    public static final String GUARDS = "guards";
    /** Facts derived from the history (where a sequence starts, what it holds); they decide nothing. */
    public static final String HISTORY = "history";
    /** The policy's own rules. */
    public static final String POLICY = "policy";
    /** The common rule that hangs up when nothing decided. */
    public static final String FALLBACK = "fallback";
    /** Choosing the message of a voicemail the policy left without one. */
    public static final String MESSAGE = "message";
    /** Wording the message from the templates; it decides nothing. */
    public static final String WORDING = "wording";

    /** In the order they run. */
    public static final List<String> ORDER = List.of(GUARDS, HISTORY, POLICY, FALLBACK, MESSAGE, WORDING);

    /** Phases that run only while nothing has decided: once a rule decides, the decision goes on to its message. */
    static final Set<String> DECIDING = Set.of(GUARDS, HISTORY, POLICY, FALLBACK);

    /** Phases whose rules shape the answer: each of their firings is a reason the answer shows. */
    static final Set<String> REASONS = Set.of(GUARDS, POLICY, FALLBACK, MESSAGE);

    /** The activation group of the rules that decide: the first one to fire wins. */
    public static final String DECISION = "decision";

    private Phases() {
    }
}
