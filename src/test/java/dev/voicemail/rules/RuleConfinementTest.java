package dev.voicemail.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Rule code is confined to the allow-list, checked on what Drools compiled, for every way of
 * reaching out. Each vector is a policy file whose line {@value #LINE} holds the offending code; the
 * compile must fail naming that file and the line of the rule (or function or type) at fault.
 */
class RuleConfinementTest {

    private static final int LINE = 9;
    /** One compiler for every case: the shipped policies compile once, each probe on its own. */
    private static final RulesCompiler COMPILER = new RulesCompiler();

    @Test
    void everyShippedRuleCompiles() throws Exception {
        var files = RulesDirectory.read(Path.of("rules"));
        assertDoesNotThrow(() -> COMPILER.compile(files));
    }

    /** A policy with {@code header} after the imports and {@code rule} at line {@value #LINE}. */
    static String policy(String imports, String before, String rule) {
        String head = "package policies.probe;\n"            // 1
                + "import dev.voicemail.facts.Decision;\n" // 2
                + imports.strip() + "\n"                     // 3
                + "declare ProbePolicy\n"                    // 4
                + "    @policy(\"probe\")\n"                 // 5
                + "end\n"                                    // 6
                + before.strip() + "\n"                      // 7
                + "\n";                                      // 8
        return head + rule;                                  // 9
    }

    static String rule(String when, String then) {
        return "rule \"probe rule\"\n"
                + "    @explanation(\"probe\")\n"
                + "    agenda-group \"policy\" activation-group \"decision\"\n"
                + "when\n"
                + "    $decision : Decision()\n"
                + "    " + when + "\n"
                + "then\n"
                + "    " + then + "\n"
                + "end\n";
    }

    static RuleError refused(String drl) throws Exception {
        SortedMap<String, String> files = new TreeMap<>(RulesDirectory.read(Path.of("rules")));
        files.put("policies/probe.drl", drl);
        RulesCompileException e = assertThrows(RulesCompileException.class, () -> COMPILER.compile(files));
        RuleError error = e.errors().stream().filter(r -> "policies/probe.drl".equals(r.file())).findFirst()
                .orElseThrow(() -> new AssertionError("no error names policies/probe.drl: " + e.getMessage()));
        return error;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            import of java.io.File          | import java.io.File;    |                                   | new File("/tmp/x").delete();                                    | java.io.File
            full name of java.nio.file      |                         |                                   | java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/vm-probe"), "x"); | java.nio.file
            implicit java.lang.System       |                         |                                   | System.getenv("VOICEMAIL_AUTH_BOOTSTRAP_KEY");                   | java.lang.System
            implicit java.lang.Runtime      |                         |                                   | Runtime.getRuntime().halt(42);                                   | java.lang.Runtime
            a thread                        |                         |                                   | new Thread(() -> {}).start();                                    | java.lang.Thread
            a process                       |                         |                                   | new ProcessBuilder("id").start();                                | java.lang.ProcessBuilder
            reflection through getClass     |                         |                                   | $decision.getClass().getClassLoader();                           | getClass
            Class.forName with a built name |                         |                                   | Class.forName("java.lang." + "Run" + "time");                    | java.lang.Class.forName
            java.lang.reflect               |                         |                                   | java.lang.reflect.Array.newInstance(String.class, 1);            | java.lang.reflect.Array
            java.lang.invoke                |                         |                                   | java.lang.invoke.MethodHandles.lookup();                         | java.lang.invoke.MethodHandles
            java.util.concurrent            |                         |                                   | java.util.concurrent.Executors.newSingleThreadExecutor();        | java.util.concurrent
            a system property               |                         |                                   | Integer.getInteger("user.home");                                 | java.lang.Integer.getInteger
            the network                     |                         |                                   | new java.net.Socket("localhost", 8080);                          | java.net.Socket
            catching an Error               |                         |                                   | try { $decision.setAction(dev.voicemail.facts.Action.HANG_UP); } catch (Throwable t) { }      | java.lang.Throwable
            """)
    void aConsequenceThatReachesTheHostIsACompileError(String vector, String imports, String before, String then,
                                                       String named) throws Exception {
        RuleError e = refused(policy(imports == null ? "" : imports, before == null ? "" : before, rule("", then)));
        assertEquals(LINE, e.line(), e.toString());
        assertTrue(e.message().contains(named), e.toString());
        assertTrue(e.message().contains("probe rule"), e.toString());
    }

    @Test
    void aFunction() throws Exception {
        String function = "function String home() { return System.getProperty(\"user.home\"); }";
        RuleError e = refused(policy("", function, rule("", "home();")));
        assertEquals(7, e.line(), e.toString());
        assertTrue(e.message().contains("function home") && e.message().contains("java.lang.System"), e.toString());
    }

    @Test
    void aDeclaredTypeField() throws Exception {
        String type = "declare Holder file : java.io.File end";
        RuleError e = refused(policy("", type, rule("", "$decision.setAction(dev.voicemail.facts.Action.HANG_UP);")));
        assertEquals(7, e.line(), e.toString());
        assertTrue(e.message().contains("Holder") && e.message().contains("java.io.File"), e.toString());
    }

    @Test
    void aDeclaredTypeThatExtendsThread() throws Exception {
        String type = "declare Worker extends java.lang.Thread end";
        RuleError e = refused(policy("", type, rule("", "$decision.setAction(dev.voicemail.facts.Action.HANG_UP);")));
        assertTrue(e.message().contains("java.lang.Thread"), e.toString());
    }

    @Test
    void aJavaEval() throws Exception {
        RuleError e = refused(policy("", "", rule("eval( System.getenv(\"HOME\") != null )", "$decision.setAction(dev.voicemail.facts.Action.HANG_UP);")));
        assertEquals(LINE, e.line(), e.toString());
        assertTrue(e.message().contains("java.lang.System"), e.toString());
    }

    @Test
    void anMvelConstraint() throws Exception {
        RuleError e = refused(policy("", "", rule("Decision( System.getenv(\"HOME\") != null )", "$decision.setAction(dev.voicemail.facts.Action.HANG_UP);")));
        assertEquals(LINE, e.line(), e.toString());
        assertTrue(e.message().contains("java.lang.System"), e.toString());
    }

    /**
     * A type reached in a condition through the policy's own imports, not java.lang or a full name: a
     * built package keeps no type resolver, and these were once not checked at all.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an import                  | import java.io.File;                           | Decision( File.createTempFile("vm-probe", ".tmp") != null )      | 9 | rule "probe rule" uses java.io.File
            a wildcard import          | import java.io.*;                              | Decision( File.createTempFile("vm-probe", ".tmp") != null )      | 9 | rule "probe rule" uses java.io.File
            an import in a from        | import java.nio.file.Files;                    | $p : Object() from Files.list(java.nio.file.Path.of("/"))          | 9 | java.nio.file.Files
            an import in an accumulate | import java.lang.management.ManagementFactory; | accumulate( Decision(); $n : count(); ManagementFactory.getRuntimeMXBean() != null ) | 9 | java.lang.management.ManagementFactory
            a function import          | import function java.lang.System.getenv;       | Decision( getenv("HOME") != null )                               | 3 | import function java.lang.System.getenv reaches java.lang.System
            a static import            | import static java.lang.Integer.getInteger;    | Decision( getInteger("user.home") != null )                      | 3 | import function java.lang.Integer.getInteger reaches java.lang.Integer
            a wildcard static import   | import static java.lang.Integer.*;             | Decision( getInteger("user.home") != null )                      | 3 | import function java.lang.Integer.* reaches java.lang.Integer
            """)
    void aConditionThatReachesTheHostThroughAnImportIsACompileError(String vector, String imports, String when, int line,
                                                                    String message) throws Exception {
        RuleError e = refused(policy(imports, "", rule(when, "$decision.setAction(dev.voicemail.facts.Action.HANG_UP);")));
        assertEquals(line, e.line(), e.toString());
        assertTrue(e.message().contains(message), e.toString());
    }

    @Test
    void anMvelConstraintWithAFullName() throws Exception {
        RuleError e = refused(policy("", "", rule("Decision( java.lang.Runtime.getRuntime() != null )", "$decision.setAction(dev.voicemail.facts.Action.HANG_UP);")));
        assertTrue(e.message().contains("java.lang.Runtime"), e.toString());
    }

    @Test
    void reflectionInAnMvelConstraint() throws Exception {
        RuleError e = refused(policy("", "", rule("Decision( this.class.classLoader != null )", "$decision.setAction(dev.voicemail.facts.Action.HANG_UP);")));
        assertTrue(e.message().contains(".class"), e.toString());
    }

    @Test
    void aFromExpression() throws Exception {
        RuleError e = refused(policy("", "", rule("$p : String() from System.getenv(\"HOME\")", "$decision.setAction(dev.voicemail.facts.Action.HANG_UP);")));
        assertTrue(e.message().contains("java.lang.System"), e.toString());
    }

    @Test
    void anMvelConsequence() throws Exception {
        String rule = "rule \"probe rule\"\n    @explanation(\"probe\")\n    agenda-group \"policy\" activation-group \"decision\"\n    dialect \"mvel\"\nwhen\n"
                + "    $decision : Decision()\nthen\n    modify( $decision ) { setAction( dev.voicemail.facts.Action.HANG_UP ) }\nend\n";
        RuleError e = refused(policy("", "", rule));
        assertEquals(LINE, e.line(), e.toString());
        assertTrue(e.message().contains("mvel"), e.toString());
    }

    @Test
    void whatRulesMayUseCompiles() throws Exception {
        SortedMap<String, String> files = new TreeMap<>(RulesDirectory.read(Path.of("rules")));
        files.put("policies/probe.drl", policy("import java.util.List;\nimport java.time.LocalDate;",
                "function int twice(int n) { return Math.max(n, 0) * 2; }",
                rule("$n : Number() from accumulate( String( length > 0 ) from java.util.List.of(\"a\", \"b\"), count() )",
                        "java.util.Map<String, Integer> m = new java.util.HashMap<>(); m.put(\"x\" + twice(2), 1);"
                                + " LocalDate.of(2026, 1, 1).plusDays(m.size()); List<String> l = new java.util.ArrayList<>();"
                                + " l.add(String.valueOf($n)); modify( $decision ) { setAction( dev.voicemail.facts.Action.HANG_UP ) }")));
        assertDoesNotThrow(() -> COMPILER.compile(files));
    }
}
